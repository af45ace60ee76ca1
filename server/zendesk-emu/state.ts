/** The emulated account's data: users, tickets with comments and audits, webhooks, triggers, OAuth grants. */
export type Role = 'end-user' | 'agent' | 'admin';
export type TicketStatus = 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed';

export interface EmuUser {
  id: number;
  name: string;
  email: string | null;
  role: Role;
}

export interface EmuComment {
  id: number;
  author_id: number;
  public: boolean;
  body: string;
  html_body: string;
  plain_body: string;
  created_at: string;
  via: { channel: string };
  attachments: EmuAttachment[];
}

export interface EmuAttachment {
  id: number;
  file_name: string;
  content_type: string;
  size: number;
  content_url: string;
}

/** An upload waiting to be attached: its token lives 60 minutes and is used up by the comment that attaches it. */
export interface EmuUpload {
  token: string;
  attachments: Array<EmuAttachment & { bytes: Buffer }>;
  expiresAt: number;
}

export interface EmuTicket {
  id: number;
  subject: string;
  status: TicketStatus;
  priority: string | null;
  requester_id: number;
  submitter_id: number;
  group_id: number | null;
  tags: string[];
  external_id: string | null;
  via_followup_source_id: number | null;
  created_at: string;
  updated_at: string;
  comments: EmuComment[];
  /** Ticket updates per (user, window start) for the 30-per-10-minutes budget. */
  updatesByUser: Map<number, number[]>;
}

export interface EmuWebhook {
  id: string;
  name: string;
  status: string;
  endpoint: string;
  http_method: string;
  request_format: string;
  subscriptions: string[];
  authentication?: { type: string; add_position?: string; data?: Record<string, string> };
  signingSecret: string;
}

export interface EmuCondition {
  field: string;
  operator: string;
  value: string;
}

export interface EmuTrigger {
  id: number;
  title: string;
  active: boolean;
  position: number;
  conditions: { all: EmuCondition[]; any: EmuCondition[] };
  actions: Array<{ field: string; value: unknown }>;
}

export function createState(now: () => number) {
  let nextId = 1000;
  const id = () => ++nextId;
  const iso = () => new Date(now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const users = new Map<number, EmuUser>();
  const admin: EmuUser = { id: id(), name: 'Relay Admin', email: 'admin@acme.test', role: 'admin' };
  const agent: EmuUser = { id: id(), name: 'Alex Agent', email: 'alex@acme.test', role: 'agent' };
  users.set(admin.id, admin);
  users.set(agent.id, agent);
  return {
    id,
    iso,
    users,
    admin,
    agent,
    tickets: new Map<number, EmuTicket>(),
    /** Soft-deleted tickets: gone from the Tickets API (404), still listed by the incremental export as `deleted`. */
    deletedTickets: new Map<number, EmuTicket>(),
    webhooks: new Map<string, EmuWebhook>(),
    triggers: new Map<number, EmuTrigger>(),
    uploads: new Map<string, EmuUpload>(),
    /** Idempotency-Key → stored create response (2 h window). */
    idempotency: new Map<string, { bodyHash: string; status: number; body: unknown; at: number }>(),
    userByEmail(email: string): EmuUser | undefined {
      return [...users.values()].find((u) => u.email?.toLowerCase() === email.toLowerCase());
    },
    createUser(u: Omit<EmuUser, 'id'>): EmuUser {
      const user = { ...u, id: id() };
      users.set(user.id, user);
      return user;
    },
  };
}

export type EmuState = ReturnType<typeof createState>;
