import { describe, expect, it } from 'vitest';
import { handoffSeparators } from './handoff-separators.js';

const handoff = (sessionId: string, createdAt: string) => ({ sessionId, createdAt, reason: { code: 'customer_request', text: null }, state: 'returned', ticketId: '7' });
const message = (id: string, sessionId: string | undefined, createdAt: string) => ({ id, sessionId, createdAt, role: 'user' as const, text: id, attachments: [], authorName: null, delivery: null });

describe('where each handoff starts in the merged timeline', () => {
  it('puts a separator before the first message of every handoff but the first', () => {
    const marks = handoffSeparators({
      handoffs: [handoff('s1', '2026-01-01T10:00:00Z'), handoff('s2', '2026-01-01T11:00:00Z'), handoff('s3', '2026-01-01T12:00:00Z')],
      messages: [message('a', 's1', '2026-01-01T09:59:00Z'), message('b', 's1', '2026-01-01T10:05:00Z'), message('c', 's2', '2026-01-01T10:59:00Z'), message('d', 's3', '2026-01-01T11:59:00Z'), message('e', 's3', '2026-01-01T12:01:00Z')],
    });
    expect([...marks].map(([i, hs]) => [i, hs.map((h) => h.sessionId)])).toEqual([[2, ['s2']], [3, ['s3']]]);
  });

  it('places a handoff that brought no new message by its time, or at the end', () => {
    const marks = handoffSeparators({
      handoffs: [handoff('s1', '2026-01-01T10:00:00Z'), handoff('s2', '2026-01-01T11:00:00Z'), handoff('s3', '2026-01-01T12:00:00Z')],
      messages: [message('a', 's1', '2026-01-01T10:00:00Z'), message('b', 's1', '2026-01-01T11:30:00Z')],
    });
    expect([...marks].map(([i, hs]) => [i, hs.map((h) => h.sessionId)])).toEqual([[1, ['s2']], [2, ['s3']]]);
  });

  it('shows none for a single handoff or an older relay that sends no handoffs', () => {
    expect(handoffSeparators({ handoffs: [handoff('s1', '2026-01-01T10:00:00Z')], messages: [message('a', 's1', '2026-01-01T10:00:00Z')] }).size).toBe(0);
    expect(handoffSeparators({ handoffs: [], messages: [message('a', undefined, '2026-01-01T10:00:00Z')] }).size).toBe(0);
  });
});
