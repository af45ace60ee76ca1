import type { BusinessSchedule } from '../core/business-hours.js';
import type { Attachment, MessageRow } from '../store/messages.js';
import type { SessionRow } from '../store/sessions.js';

/**
 * The helpdesk side of the relay, shaped after Zendesk's real behaviour: ticket creation is
 * idempotent by key (and recoverable by external id), comments have no key of their own (so the
 * message id travels with them for deduplication), and status lives on the ticket.
 */
export interface CreateTicketInput {
  /** Stable per session: a retried create must find the first ticket, never make a second. */
  idempotencyKey: string;
  externalId: string;
  session: SessionRow;
  transcript: MessageRow[];
  /** True when an earlier attempt may have created the ticket already (crash, timeout). */
  isRetry: boolean;
  /**
   * The conversation's earlier ticket: reopened and reused while Zendesk still allows updates, else
   * the new ticket is its follow-up (a closed ticket is final in Zendesk).
   */
  previousTicketId?: string | undefined;
  /** When the earlier ticket is closed: the external id of the follow-up the earlier handoff may have opened already. */
  previousFollowUpExternalId?: string | undefined;
}

export interface EndUserCommentInput {
  ticketId: string;
  session: SessionRow;
  messageId: string;
  text: string;
  attachments: Attachment[];
  isRetry: boolean;
  /** When the first attempt started: an earlier identical comment is someone else's, not ours. */
  firstAttemptAt?: Date | undefined;
}

export interface InternalNoteInput {
  ticketId: string;
  messageId: string;
  html: string;
  isRetry: boolean;
}

/** A ticket for words that found the session's ticket closed (or full): a follow-up, linked to it. */
export interface FollowUpInput {
  closedTicketId: string;
  /** The earlier ticket was deleted rather than closed: linked by a note only (Zendesk needs a closed source). */
  closedTicketGone?: boolean;
  session: SessionRow;
  idempotencyKey: string;
  externalId: string;
  isRetry: boolean;
}

/** What Return to AI does to the ticket (per tenant): a private note, a tag, and the status chosen. */
export interface ReturnToAiInput {
  ticketId: string;
  status: 'solved' | 'pending' | 'unchanged';
  noteHtml: string;
  tag: string;
  isRetry: boolean;
}

export interface TicketComment {
  id: string;
  public: boolean;
  authorId: string | null;
  authorName: string | null;
  /** Written by an agent or admin (not the requester, not an end user). */
  authorIsStaff: boolean;
  text: string;
  createdAt: Date;
}

/** What the relay needs to know of a ticket to catch up: its status and its comments, oldest first. */
export interface TicketActivity {
  status: string;
  comments: TicketComment[];
}

/** A business-hours schedule of the account (Zendesk: Business Hours API), with its holidays. */
export interface HelpdeskSchedule {
  id: string;
  name: string;
  schedule: BusinessSchedule;
}

/**
 * A schedule whose time zone (a Rails name, e.g. "Berlin") the relay cannot map to an IANA zone: it cannot compute its
 * hours, so it is left out of `schedules` rather than guessed, and shown to the operator and the admin instead.
 */
export interface UnmappedSchedule {
  id: string;
  name: string;
  /** Zendesk's own name for the zone, as the account has it. */
  zendeskTimeZone: string;
}

/** The account's schedules: those the relay computes with (default first), and those it had to leave out. */
export interface ScheduleList {
  schedules: HelpdeskSchedule[];
  unmapped: UnmappedSchedule[];
}

/** What a waiting timeout does to a ticket: a private note, extra tags, a higher priority (each optional). */
export interface MarkTicketInput {
  ticketId: string;
  noteHtml?: string | undefined;
  tags?: string[] | undefined;
  priority?: 'low' | 'normal' | 'high' | 'urgent' | undefined;
  isRetry: boolean;
}

export interface Helpdesk {
  /**
   * `startCommentId`: on a reused ticket, the id of the new handoff's transcript note — the replies written
   * before it answered the earlier handoff.
   */
  createTicket(input: CreateTicketInput): Promise<{ ticketId: string; requesterId: string | null; startCommentId?: string | undefined }>;
  addEndUserComment(input: EndUserCommentInput): Promise<void>;
  addInternalNote(input: InternalNoteInput): Promise<void>;
  createFollowUp(input: FollowUpInput): Promise<{ ticketId: string; requesterId: string | null }>;
  /** The ticket with this external id, if Zendesk has one (the oldest if several). */
  findTicket(externalId: string): Promise<{ ticketId: string; requesterId: string | null; status: string } | undefined>;
  /** Puts the Return-to-AI note and tag on the ticket and sets its status; a closed ticket is left as it is. */
  returnToAi(input: ReturnToAiInput): Promise<void>;
  fetchTicketActivity(ticketId: string): Promise<TicketActivity>;
  /**
   * Tickets changed since `cursor` (or since `startTimeMs` the first time), for the reconciliation poll. `deleted`: those
   * of them deleted, with their external id, which names a session whose ticket the relay may not have recorded yet.
   */
  listChangedTickets(
    cursor: string | null,
    startTimeMs: number,
  ): Promise<{ ticketIds: string[]; cursor: string | null; deleted?: Array<{ ticketId: string; externalId: string | null }> }>;
  /** The account's schedules, default first; empty when it has none (always open). Optional: a helpdesk without hours. */
  listSchedules?(): Promise<ScheduleList>;
  /** A timeout's mark on the ticket; a closed ticket is left as it is. */
  markTicket?(input: MarkTicketInput): Promise<void>;
}

/** Finds the helpdesk connection of a tenant; undefined when the tenant has not connected one yet. */
export type HelpdeskResolver = (tenantId: string) => Promise<Helpdesk | undefined>;

/** A failed helpdesk call, classified so the outbox knows whether and when to retry. */
export class HelpdeskError extends Error {
  constructor(
    message: string,
    readonly kind: 'transient' | 'permanent',
    readonly status: number | null = null,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/**
 * Zendesk refused a write because the ticket is closed (or holds the most comments it may): write to a follow-up.
 * `gone`: the ticket was deleted (404), so the new ticket cannot name it as its follow-up source.
 */
export class TicketClosedError extends HelpdeskError {
  constructor(
    readonly ticketId: string,
    message: string,
    readonly gone = false,
  ) {
    super(message, 'permanent', gone ? 404 : 422);
  }
}
