import { describe, expect, it } from 'vitest';
import { relayErrorBody } from './relay-error-body.js';

const rejection = (status: number, body: unknown) => ({ status, statusText: 'error', responseText: typeof body === 'string' ? body : JSON.stringify(body) });

describe('relayErrorBody', () => {
  it("reads Baton's error body: status, code, message and the issues the forms name fields by", () => {
    const caught = rejection(400, {
      error: { code: 'validation_failed', message: 'name: Required', details: { issues: [{ path: 'name', code: 'invalid_type', message: 'Required' }] } },
    });
    expect(relayErrorBody(caught)).toEqual({ status: 400, code: 'validation_failed', message: 'name: Required', issues: [{ path: 'name', message: 'Required' }] });
  });

  it('keeps the status of an answer that is not Baton’s: an HTML error page, plain text, an empty body, other JSON', () => {
    const none = { code: undefined, message: undefined, issues: [] };
    expect(relayErrorBody(rejection(502, '<html><body><h1>502 Bad Gateway</h1></body></html>'))).toEqual({ status: 502, ...none });
    expect(relayErrorBody(rejection(503, 'Service Unavailable'))).toEqual({ status: 503, ...none });
    expect(relayErrorBody({ status: 0, responseText: '' })).toEqual({ status: 0, ...none });
    expect(relayErrorBody({ status: 0 })).toEqual({ status: 0, ...none });
    expect(relayErrorBody(rejection(404, { error: 'Not Found' }))).toEqual({ status: 404, ...none });
    expect(relayErrorBody(rejection(500, 'null'))).toEqual({ status: 500, ...none });
    expect(relayErrorBody(rejection(500, '"<html>oops</html>"'))).toEqual({ status: 500, ...none });
  });

  it('reads each part on its own: a wrong-typed part is left out, not the whole body', () => {
    const caught = rejection(409, { error: { code: 'not_connected', message: 42, details: { issues: [{ path: ['a'] }, { path: 'b', message: 'bad' }, null] } } });
    expect(relayErrorBody(caught)).toEqual({ status: 409, code: 'not_connected', message: undefined, issues: [{ path: 'b', message: 'bad' }] });
    expect(relayErrorBody(rejection(400, { error: { code: 'x', details: 'oops' } }))?.issues).toEqual([]);
  });

  it('reads a body the host already parsed (responseJSON)', () => {
    expect(relayErrorBody({ status: 429, responseJSON: { error: { code: 'rate_limited', message: 'Slow down' } } })).toMatchObject({ status: 429, code: 'rate_limited', message: 'Slow down' });
  });

  it('is undefined for anything that is not a proxy rejection: an Error, a string, null', () => {
    expect(relayErrorBody(new Error('admin_required'))).toBeUndefined();
    expect(relayErrorBody(new SyntaxError('Unexpected token <'))).toBeUndefined();
    expect(relayErrorBody('failed')).toBeUndefined();
    expect(relayErrorBody(null)).toBeUndefined();
    expect(relayErrorBody(undefined)).toBeUndefined();
    expect(relayErrorBody({ responseText: '{"error":{"code":"x"}}' })).toBeUndefined();
  });
});
