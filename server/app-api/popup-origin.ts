import { BatonError } from '../core/errors.js';

/**
 * The origin a sign-in popup posts its outcome to (an admin session, or Connect Baton's settings): it must be
 * given exactly as an origin and be one the Baton app is served from (APP_ORIGINS), else 422.
 */
export function popupOrigin(given: string, allowed: (origin: string) => boolean): string {
  let origin: string | undefined;
  try {
    origin = new URL(given).origin;
  } catch {
    origin = undefined;
  }
  if (!origin || origin !== given || !allowed(origin)) {
    throw new BatonError('validation_failed', 'origin: not an origin the Baton app is served from (APP_ORIGINS).');
  }
  return origin;
}
