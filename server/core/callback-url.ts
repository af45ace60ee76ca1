import { z } from 'zod';

/** Longest callback URL an AI agent may have; also what a browser or proxy reliably carries. */
export const MAX_CALLBACK_URL_CHARS = 2_048;

/**
 * An AI agent's callback URL: http or https only. `file:`, `gopher:`, `javascript:` and the like would
 * make the relay's webhook sender reach things that are not webhook receivers.
 */
export const CallbackUrlSchema = z
  .string()
  .max(MAX_CALLBACK_URL_CHARS)
  .refine(isHttpUrl, 'must be an http:// or https:// URL');

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
