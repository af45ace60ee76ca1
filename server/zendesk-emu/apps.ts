import { json, notFound, type EmuRequest, type Reply } from './http.js';
import type { Principal } from './auth.js';

/**
 * App installations (Apps API, developer.zendesk.com/api-reference/ticketing/apps/apps/):
 * - `GET /api/v2/apps/installations` (#list-app-installations) → `{installations: [...]}`;
 * - `GET /api/v2/apps/installations/{id}` (#show-app-installation) → the installation;
 * - `PUT /api/v2/apps/installations/{id}` (#update-app-installation), "Allowed for: Admins", body
 *   `{"settings": {...}, "enabled"?: bool}`; the documented example sets a secret (`api_token`) this way, so secure
 *   settings are writable through it (node-zendesk `src/clients/core/installations.js` mirrors that example).
 * Secure settings never come back in an answer (Zendesk keeps them server-side for its proxy: reference/zaf.md §3) —
 * [ours]: the exact read shape of a secure setting is not in the stored docs; the emulator leaves them out.
 */
export interface EmuInstallation {
  id: number;
  app_id: number;
  enabled: boolean;
  settings: Record<string, unknown>;
  /** Names of the app's `secure: true` parameters (manifest.json). */
  secure: string[];
  updated_at: string;
}

export function createApps(ids: { id: () => number; iso: () => string }) {
  const installations = new Map<number, EmuInstallation>();
  const view = (i: EmuInstallation) => ({
    id: i.id,
    app_id: i.app_id,
    enabled: i.enabled,
    settings: Object.fromEntries(Object.entries(i.settings).filter(([k]) => !i.secure.includes(k))),
    updated_at: i.updated_at,
  });
  return {
    install(input: { appId?: number; settings: Record<string, unknown>; secure?: string[] }): EmuInstallation {
      const i: EmuInstallation = { id: ids.id(), app_id: input.appId ?? 9001, enabled: true, settings: { ...input.settings }, secure: input.secure ?? ['shared_secret'], updated_at: ids.iso() };
      installations.set(i.id, i);
      return i;
    },
    /** Everything, secure values included: what Zendesk's own proxy sees when it signs the app's requests. */
    get: (id: number) => installations.get(id),
    route(req: EmuRequest, parts: string[], principal: Principal): Reply {
      // parts: api v2 apps installations {id}
      if (parts[3] !== 'installations') return json(404, { error: 'InvalidEndpoint', description: 'Not found' });
      const id = parts[4];
      if (!id && req.method === 'GET') return json(200, { installations: [...installations.values()].map(view) });
      const i = installations.get(Number(id));
      if (!i) return notFound();
      if (req.method === 'GET') return json(200, view(i));
      if (req.method === 'PUT') {
        if (principal.user.role !== 'admin') return json(403, { error: 'Forbidden', description: 'You do not have access to this page. Please contact the account owner of this help desk for further help.' });
        const body = (req.json ?? {}) as { settings?: unknown; enabled?: unknown };
        if (body.settings !== undefined && (typeof body.settings !== 'object' || body.settings === null || Array.isArray(body.settings))) {
          return json(400, { error: 'InvalidValue', description: 'settings must be an object' });
        }
        // Settings merge: keys left out keep their values.
        i.settings = { ...i.settings, ...(body.settings as Record<string, unknown> | undefined) };
        if (typeof body.enabled === 'boolean') i.enabled = body.enabled;
        i.updated_at = ids.iso();
        return json(200, view(i));
      }
      return json(404, { error: 'InvalidEndpoint', description: 'Not found' });
    },
  };
}
