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
export async function asToolResult(run: () => Promise<Record<string, unknown>>): Promise<CallToolResult> {
  try {
    return ok(await run());
  } catch (e) {
    if (e instanceof BatonApiError || e instanceof BatonNetworkError) {
      const error = { code: e.code, message: e.message, ...(e instanceof BatonApiError ? { status: e.status, details: e.details } : {}) };
      return { isError: true, content: [{ type: 'text', text: `${e.code}: ${e.message}` }], structuredContent: { error } };
    }
    throw e;
  }
}
