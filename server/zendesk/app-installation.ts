import { z } from 'zod';

/**
 * Fills the app installation's settings through Zendesk's Apps API: `GET` then `PUT
 * /api/v2/apps/installations/{installation_id}` with `{"settings": {...}}` ("Update App Installation", Allowed for:
 * Admins — developer.zendesk.com/api-reference/ticketing/apps/apps/#update-app-installation; its example writes a
 * secret setting the same way). The call is made with the admin's own token, so Zendesk decides whether they may.
 */
const InstallationSchema = z.object({ id: z.number(), settings: z.record(z.string(), z.unknown()).optional() });

export type InstallationWrite = { saved: true } | { saved: false; reason: string };

export async function fillInstallationSettings(input: {
  baseUrl: string;
  accessToken: string;
  installationId: number;
  /** The relay the installation must already point at (its non-secure `relay_url` setting). */
  relayUrl: string;
  settings: { tenant_id: string; shared_secret: string };
}): Promise<InstallationWrite> {
  const url = new URL(`/api/v2/apps/installations/${input.installationId}.json`, input.baseUrl);
  const headers = { authorization: `Bearer ${input.accessToken}`, accept: 'application/json', 'content-type': 'application/json' };
  try {
    const shown = await fetch(url, { headers, signal: AbortSignal.timeout(15_000) });
    if (!shown.ok) return { saved: false, reason: `Zendesk answered ${shown.status} when reading the app installation.` };
    const installation = InstallationSchema.safeParse(await shown.json());
    if (!installation.success) return { saved: false, reason: 'Zendesk answered with something that is not an app installation.' };
    // Only a Baton installation that already talks to this relay gets this relay's secret: an installation id of
    // another app (or of Baton pointed elsewhere) is never written to.
    const relayUrl = String(installation.data.settings?.relay_url ?? '').replace(/\/$/, '');
    if (relayUrl !== input.relayUrl.replace(/\/$/, '')) return { saved: false, reason: 'The installation does not point at this relay (its Relay URL setting differs).' };
    const put = await fetch(url, { method: 'PUT', headers, body: JSON.stringify({ settings: input.settings }), signal: AbortSignal.timeout(15_000) });
    return put.ok ? { saved: true } : { saved: false, reason: `Zendesk answered ${put.status} when saving the app's settings.` };
  } catch (error) {
    return { saved: false, reason: `Zendesk could not be reached: ${(error as Error).message}` };
  }
}
