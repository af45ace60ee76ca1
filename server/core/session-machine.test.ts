import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SESSION_STATES, transition, type SessionEventType, type SessionSnapshot } from './session-machine.js';

const at = (state: SessionSnapshot['state'], version = 1, lastEventAt: number | null = null): SessionSnapshot => ({
  state,
  version,
  lastEventAt,
});

describe('session state machine', () => {
  it('walks the happy path pending → waiting → human → returned with growing versions', () => {
    let s = at('pending');
    for (const [event, expected] of [
      ['ticket_created', 'waiting'],
      ['agent_replied', 'human'],
      ['returned', 'returned'],
    ] as const) {
      const r = transition(s, { type: event });
      expect(r.kind).toBe('applied');
      if (r.kind !== 'applied') return;
      expect(r.to).toBe(expected);
      expect(r.version).toBe(s.version + 1);
      s = { state: r.to, version: r.version, lastEventAt: r.lastEventAt };
    }
  });

  it('lets a reopened ticket give the session back to the human', () => {
    expect(transition(at('returned'), { type: 'reopened' })).toMatchObject({ kind: 'applied', to: 'human' });
  });

  it('puts a returned session that no agent answered back in the queue, and lets an agent take a waiting one over', () => {
    expect(transition(at('returned'), { type: 'requeued' })).toMatchObject({ kind: 'applied', to: 'waiting' });
    expect(transition(at('waiting'), { type: 'taken_over' })).toMatchObject({ kind: 'applied', to: 'human' });
    expect(transition(at('human'), { type: 'taken_over' })).toMatchObject({ kind: 'rejected' });
    expect(transition(at('waiting'), { type: 'requeued' })).toMatchObject({ kind: 'rejected' });
  });

  it('treats a second agent reply as no change (no version bump)', () => {
    expect(transition(at('human', 4), { type: 'agent_replied' })).toEqual({
      kind: 'unchanged',
      reason: 'already_in_state',
    });
  });

  it('ignores an event older than the last applied one', () => {
    const r = transition(at('returned', 5, 2_000), { type: 'reopened', at: 1_000 });
    expect(r).toEqual({ kind: 'stale', reason: 'older_event' });
  });

  it('ignores an event sent against another version', () => {
    expect(transition(at('human', 3), { type: 'returned', expectedVersion: 2 })).toEqual({
      kind: 'stale',
      reason: 'version_mismatch',
    });
  });

  it('rejects leaving a terminal state', () => {
    expect(transition(at('failed'), { type: 'ticket_created' }).kind).toBe('rejected');
    expect(transition(at('ended'), { type: 'reopened' }).kind).toBe('rejected');
    expect(transition(at('waiting'), { type: 'ticket_failed' }).kind).toBe('rejected');
  });

  it('never lowers the version or the last event time, whatever the event sequence', () => {
    const events: SessionEventType[] = ['ticket_created', 'ticket_failed', 'agent_replied', 'returned', 'reopened', 'ended'];
    fc.assert(
      fc.property(
        fc.array(fc.record({ type: fc.constantFrom(...events), at: fc.option(fc.nat(10_000), { nil: undefined }) })),
        (sequence) => {
          let s = at('pending', 1, null);
          for (const e of sequence) {
            const r = transition(s, e);
            if (r.kind !== 'applied') continue;
            expect(r.version).toBe(s.version + 1);
            expect(SESSION_STATES).toContain(r.to);
            if (s.lastEventAt !== null) expect(r.lastEventAt).toBeGreaterThanOrEqual(s.lastEventAt);
            s = { state: r.to, version: r.version, lastEventAt: r.lastEventAt };
          }
        },
      ),
    );
  });
});
