import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { BatonApiError, BatonNetworkError } from '../sdk/src/index.js';

/** A successful tool answer: JSON text for any model, structured content for clients that read it. */
export function ok(value: Record<string, unknown>): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(value) }], structuredContent: value };
}

/**
 * Relay failures become MCP tool errors (isError) carrying the relay's code, so the model can read
 * what went wrong and act (e.g. `human_owns_session`: stop answering; `session_closed`: start over).
 */
/** A relay failure as data a model or client can act on: the relay's code first, as in a tool error. */
function describeRelayError(e: BatonApiError | BatonNetworkError) {
  return { code: e.code, message: e.message, ...(e instanceof BatonApiError ? { status: e.status, details: e.details } : {}) };
}

/**
 * For resources and prompts, which have no `isError` answer: a relay failure becomes a JSON-RPC error whose message
 * starts with the relay's code and whose `data` is the error, as a tool error's `structuredContent.error` is.
 * Thrown as it was, the client read only the relay's sentence ("AI agent not found"), without the code to act on.
 */
export async function orRelayError<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (!(e instanceof BatonApiError || e instanceof BatonNetworkError)) throw e;
    throw Object.assign(new Error(`${e.code}: ${e.message}`, { cause: e }), { data: { error: describeRelayError(e) } });
  }
}

export async function asToolResult(run: () => Promise<Record<string, unknown>>): Promise<CallToolResult> {
  try {
    return ok(await run());
  } catch (e) {
    if (e instanceof BatonApiError || e instanceof BatonNetworkError) {
      const error = describeRelayError(e);
      return { isError: true, content: [{ type: 'text', text: `${e.code}: ${e.message}` }], structuredContent: { error } };
    }
    throw e;
  }
}
