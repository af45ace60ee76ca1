import { HelpdeskError, type Helpdesk } from '../helpdesk/helpdesk.js';

export interface RecordedTicket {
  id: string;
  sessionId: string;
  externalId: string;
  transcriptIds: string[];
  comments: Array<{ kind: 'end_user' | 'note'; messageId: string; text: string }>;
  status: string;
  /** Comments as Zendesk would list them, for fetchTicketActivity. */
  zendeskComments: Array<{ id: string; public: boolean; authorId: string | null; authorName: string | null; authorIsStaff: boolean; text: string; createdAt: Date }>;
}

/**
 * An in-process helpdesk for outbox tests (the Zendesk path is tested against the emulator). It keeps
 * Zendesk's key property, idempotent ticket creation, and can fail on demand.
 */
export function createRecordingHelpdesk() {
  const tickets = new Map<string, RecordedTicket>();
  const byKey = new Map<string, string>();
  let failures: Array<HelpdeskError> = [];
  /** Raw createTicket calls per session (idempotency would hide a double call; this does not). */
  const createCalls = new Map<string, number>();
  let calls = 0;
  /** Zendesk answers 404 RecordNotFound for a ticket it does not hold; so does this stand-in (not a TypeError). */
  const ticket = (ticketId: string): RecordedTicket => {
    const found = tickets.get(ticketId);
    if (!found) throw new HelpdeskError(`ticket ${ticketId} not found`, 'permanent', 404);
    return found;
  };
  const maybeFail = () => {
    calls++;
    const next = failures.shift();
    if (next) throw next;
  };
  const helpdesk: Helpdesk = {
    async createTicket(input) {
      maybeFail();
      createCalls.set(input.session.id, (createCalls.get(input.session.id) ?? 0) + 1);
      const existing = byKey.get(input.idempotencyKey);
      if (existing) return { ticketId: existing, requesterId: '1' };
      const id = String(1000 + tickets.size + 1);
      tickets.set(id, {
        id,
        sessionId: input.session.id,
        externalId: input.externalId,
        transcriptIds: input.transcript.map((m) => m.messageId),
        comments: [],
        status: 'new',
        zendeskComments: [],
      });
      byKey.set(input.idempotencyKey, id);
      return { ticketId: id, requesterId: '1' };
    },
    async addEndUserComment(input) {
      maybeFail();
      ticket(input.ticketId).comments.push({ kind: 'end_user', messageId: input.messageId, text: input.text });
    },
    async addInternalNote(input) {
      maybeFail();
      ticket(input.ticketId).comments.push({ kind: 'note', messageId: input.messageId, text: input.html });
    },
    async createFollowUp(input) {
      maybeFail();
      const id = String(1000 + tickets.size + 1);
      tickets.set(id, { id, sessionId: input.session.id, externalId: input.externalId, transcriptIds: [], comments: [], status: 'new', zendeskComments: [] });
      return { ticketId: id, requesterId: '1' };
    },
    async findTicket(externalId) {
      const t = [...tickets.values()].find((x) => x.externalId === externalId);
      return t ? { ticketId: t.id, requesterId: '1', status: t.status } : undefined;
    },
    async returnToAi(input) {
      maybeFail();
      const t = ticket(input.ticketId);
      t.comments.push({ kind: 'note', messageId: 'return', text: input.noteHtml });
      if (input.status !== 'unchanged') t.status = input.status;
    },
    async listChangedTickets(cursor) {
      maybeFail();
      const from = Number(cursor ?? 0);
      return { ticketIds: changes.slice(from), cursor: String(changes.length) };
    },
    async fetchTicketActivity(ticketId) {
      maybeFail();
      const t = ticket(ticketId);
      return { status: t.status, comments: [...t.zendeskComments] };
    },
  };
  let commentId = 100;
  /** Ticket ids in the order they changed (what the incremental export lists). */
  const changes: string[] = [];
  return {
    helpdesk,
    /** What an agent does in Zendesk: a public reply (or an internal note), optionally with a status. */
    agentReply(ticketId: string, text: string, opts: { public?: boolean; status?: string } = {}) {
      const t = tickets.get(ticketId)!;
      t.zendeskComments.push({ id: String(++commentId), public: opts.public ?? true, authorId: '900', authorName: 'Alex Agent', authorIsStaff: true, text, createdAt: new Date() });
      if (opts.status) t.status = opts.status;
      changes.push(ticketId);
    },
    tickets,
    calls: () => calls,
    createCalls,
    failNext(n: number, kind: 'transient' | 'permanent' = 'transient', status = 503, retryAfterMs?: number) {
      failures = Array.from({ length: n }, () => new HelpdeskError(`injected ${status}`, kind, status, retryAfterMs));
    },
    ticketOf(sessionId: string) {
      return [...tickets.values()].find((t) => t.sessionId === sessionId);
    },
  };
}

/**
 * A resolver that hands every delivery the same recording helpdesk. (A new one per call would not know the
 * tickets its predecessors created: each later delivery for a session would fail and be dead-lettered.)
 */
export function recordingHelpdeskFor(): (tenantId: string) => Promise<Helpdesk> {
  const { helpdesk } = createRecordingHelpdesk();
  return async () => helpdesk;
}
