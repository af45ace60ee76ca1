import { describe, expect, it } from 'vitest';
import { planTicketSync } from './ticket-sync.js';

const c = (id: number, over: Partial<{ public: boolean; authorId: string; authorIsStaff: boolean }> = {}) => ({
  id: String(id),
  public: true,
  authorId: '500',
  authorIsStaff: true,
  ...over,
});

describe('ticket sync plan', () => {
  it('relays only new public staff comments and moves the cursor past everything seen', () => {
    const plan = planTicketSync(
      { state: 'waiting', cursor: 10n, requesterId: '42' },
      {
        status: 'open',
        comments: [c(9), c(11, { public: false }), c(12, { authorId: '42', authorIsStaff: false }), c(13), c(14)],
      },
    );
    expect(plan.agentReplies.map((x) => x.id)).toEqual(['13', '14']);
    expect(plan.cursor).toBe(14n);
    expect(plan.statusEvent).toBeNull();
  });

  it('returns the session to the AI when the ticket is solved, after relaying the last reply', () => {
    const plan = planTicketSync({ state: 'waiting', cursor: 0n, requesterId: '42' }, { status: 'solved', comments: [c(5)] });
    expect(plan.agentReplies).toHaveLength(1);
    expect(plan.statusEvent).toBe('returned');
  });

  it('gives a reopened ticket back to the human', () => {
    expect(planTicketSync({ state: 'returned', cursor: 5n, requesterId: '42' }, { status: 'open', comments: [c(5)] }).statusEvent).toBe('reopened');
  });

  it('is idempotent: the same look twice relays nothing the second time', () => {
    const ticket = { status: 'open', comments: [c(3), c(4)] };
    const first = planTicketSync({ state: 'waiting', cursor: 0n, requesterId: null }, ticket);
    const second = planTicketSync({ state: 'human', cursor: first.cursor, requesterId: null }, ticket);
    expect(first.agentReplies).toHaveLength(2);
    expect(second).toEqual({ agentReplies: [], cursor: 4n, statusEvent: null });
  });

  it('does nothing for sessions that ended or failed', () => {
    expect(planTicketSync({ state: 'ended', cursor: 0n, requesterId: null }, { status: 'solved', comments: [] }).statusEvent).toBeNull();
  });
});
