import { describe, expect, it } from 'vitest';
import { planTicketSync, type SyncSession, type SyncTicketState } from './ticket-sync.js';

const c = (id: number, over: Partial<{ public: boolean; authorId: string; authorIsStaff: boolean; createdAt: Date }> = {}) => ({
  id: String(id),
  public: true,
  authorId: '500',
  authorIsStaff: true,
  createdAt: new Date(2026, 10, 30, 12, 0, id % 60),
  ...over,
});
const session = (over: Partial<SyncSession> = {}): SyncSession => ({
  state: 'waiting',
  requesterId: '42',
  hadAgentReply: false,
  isLatest: true,
  startCommentId: null,
  ...over,
});
const seen = (cursor = 0n, lastStatus: string | null = 'open'): SyncTicketState => ({ cursor, lastStatus });

describe('ticket sync plan', () => {
  it('relays only new public staff comments and moves the cursor past everything seen', () => {
    const plan = planTicketSync(session(), seen(10n), {
      status: 'open',
      comments: [c(9), c(11, { public: false }), c(12, { authorId: '42', authorIsStaff: false }), c(13), c(14)],
    });
    expect(plan.agentReplies.map((x) => x.id)).toEqual(['13', '14']);
    expect(plan.cursor).toBe(14n);
    expect(plan.statusEvent).toBeNull();
  });

  it('skips comments already relayed from their events but still moves the cursor past them', () => {
    // 13 came as an event and was relayed; 12's event was lost: the catch-up relays 12 and only 12.
    const plan = planTicketSync(session(), { ...seen(10n), relayed: new Set(['13']) }, { status: 'open', comments: [c(12), c(13)] });
    expect(plan.agentReplies.map((x) => x.id)).toEqual(['12']);
    expect(plan.cursor).toBe(13n);
  });

  it('returns the session to the AI when the ticket is solved, after relaying the last reply', () => {
    const plan = planTicketSync(session(), seen(), { status: 'solved', comments: [c(5)] });
    expect(plan.agentReplies).toHaveLength(1);
    expect(plan.statusEvent).toEqual({ type: 'returned', cause: 'ticket_solved' });
  });

  it('returns the session with its own cause when the ticket was closed under it', () => {
    expect(planTicketSync(session({ state: 'human' }), seen(), { status: 'closed', comments: [] }).statusEvent).toEqual({
      type: 'returned',
      cause: 'ticket_closed',
    });
  });

  it('returns a waiting session with its own cause when its ticket was deleted', () => {
    expect(planTicketSync(session({ state: 'waiting' }), seen(), { status: 'deleted', comments: [] }).statusEvent).toEqual({
      type: 'returned',
      cause: 'ticket_deleted',
    });
  });

  it('gives a ticket reopened after an agent answered back to the human', () => {
    const plan = planTicketSync(session({ state: 'returned', hadAgentReply: true }), seen(5n, 'solved'), { status: 'open', comments: [c(5)] });
    expect(plan.statusEvent).toEqual({ type: 'reopened', cause: 'ticket_reopened' });
  });

  it('puts a reopened ticket that no agent answered back in the queue, not with a human', () => {
    const plan = planTicketSync(session({ state: 'returned' }), seen(5n, 'solved'), { status: 'open', comments: [] });
    expect(plan.statusEvent).toEqual({ type: 'requeued', cause: 'ticket_reopened' });
  });

  it('does not call a ticket left open by Return to AI a reopen', () => {
    expect(planTicketSync(session({ state: 'returned', hadAgentReply: true }), seen(5n, 'open'), { status: 'open', comments: [] }).statusEvent).toBeNull();
    expect(planTicketSync(session({ state: 'returned' }), seen(5n, null), { status: 'pending', comments: [] }).statusEvent).toBeNull();
  });

  it('leaves the status to the newer session of the conversation', () => {
    const older = session({ state: 'returned', hadAgentReply: true, isLatest: false });
    const plan = planTicketSync(older, seen(5n, 'solved'), { status: 'open', comments: [c(6)] });
    expect(plan.statusEvent).toBeNull();
    expect(plan.agentReplies.map((x) => x.id)).toEqual(['6']); // still relayed, once
  });

  it('is idempotent: the same look twice relays nothing the second time', () => {
    const ticket = { status: 'open', comments: [c(3), c(4)] };
    const first = planTicketSync(session({ requesterId: null }), seen(), ticket);
    const second = planTicketSync(session({ state: 'human', requesterId: null }), seen(first.cursor), ticket);
    expect(first.agentReplies).toHaveLength(2);
    expect(second).toEqual({ agentReplies: [], earlierReplies: [], cursor: 4n, statusEvent: null });
  });

  it('relays a reply written before a re-escalation under the earlier handoff, and moves nothing in the new one', () => {
    // The new handoff's transcript note on the reused ticket is comment 11.
    const plan = planTicketSync(session({ startCommentId: 11n }), seen(), { status: 'open', comments: [c(10), c(11, { public: false }), c(12)] });
    expect(plan.earlierReplies.map((x) => x.id)).toEqual(['10']);
    expect(plan.agentReplies.map((x) => x.id)).toEqual(['12']);
  });

  it('does nothing for sessions that ended or failed', () => {
    expect(planTicketSync(session({ state: 'ended' }), seen(), { status: 'solved', comments: [] }).statusEvent).toBeNull();
  });
});
