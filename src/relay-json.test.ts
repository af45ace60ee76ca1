import { describe, expect, it } from 'vitest';
import { relayJson } from './relay-json.js';

describe('relayJson', () => {
  it('parses JSON handed over as text and keeps a body the host already parsed', () => {
    expect(relayJson('{"session":{"id":"ses_1"}}')).toEqual({ session: { id: 'ses_1' } });
    const parsed = { agents: [] };
    expect(relayJson(parsed)).toBe(parsed);
    expect(relayJson(null)).toBeNull();
  });

  it('reads text that is not JSON (a proxy\'s HTML page, plain text, nothing) as undefined instead of throwing', () => {
    expect(relayJson('<html><body><h1>502 Bad Gateway</h1></body></html>')).toBeUndefined();
    expect(relayJson('Service Unavailable')).toBeUndefined();
    expect(relayJson('')).toBeUndefined();
  });
});
