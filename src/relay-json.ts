/**
 * A relay answer's body as JSON. Zendesk's proxy hands it over parsed when the answer said `application/json`, as text
 * otherwise (and some hosts always as text). Text that is not JSON — an HTML page from a proxy or captive portal in
 * front of the relay, plain text — reads as undefined: each caller's schema then refuses it as an unexpected answer,
 * rather than a SyntaxError escaping where nothing catches it (an EventSource listener) or reading as "no answer".
 */
export function relayJson(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}
