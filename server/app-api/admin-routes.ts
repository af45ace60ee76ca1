import type { Hono } from 'hono';
import { z } from 'zod';
import { BatonError } from '../core/errors.js';
import type { Database } from '../db/database.js';
import { startAdminSignIn } from '../zendesk/admin-sign-in.js';
import type { OAuthClient } from '../zendesk/token-provider.js';
import { ADMIN_SESSION_HEADER, requireAdminSession } from './admin-session.js';
import { popupOrigin } from './popup-origin.js';

type Verify = (authorization: string | undefined) => Promise<{ tenantId: string }>;

const StartSchema = z.object({ origin: z.string().max(200) });

/**
 * The app's admin sign-in: `POST /app/v1/admin-session` starts a Zendesk OAuth popup for the person at
 * the keyboard; `GET /app/v1/admin-session` says whether the session the app holds is still good.
 */
export function registerAppAdminRoutes(
  app: Hono<any, any, any>, // eslint-disable-line @typescript-eslint/no-explicit-any
  deps: { db: Database; masterKey: Buffer; verify: Verify; client: OAuthClient | undefined; redirectUri: () => string; originAllowed: (origin: string) => boolean },
) {
  app.post('/app/v1/admin-session', async (c) => {
    const { tenantId } = await deps.verify(c.req.header('authorization'));
    const parsed = StartSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) throw new BatonError('validation_failed', 'Send {"origin": "<the app page\'s origin>"}.');
    // The popup posts the session to this origin only: it must be the app's own asset host (APP_ORIGINS).
    const origin = popupOrigin(parsed.data.origin, deps.originAllowed);
    const url = await startAdminSignIn({ db: deps.db, client: deps.client, redirectUri: deps.redirectUri() }, { tenantId, appOrigin: origin });
    return c.json({ url });
  });

  app.get('/app/v1/admin-session', async (c) => {
    const { tenantId } = await deps.verify(c.req.header('authorization'));
    const claims = requireAdminSession(deps.masterKey, c.req.header(ADMIN_SESSION_HEADER), tenantId);
    return c.json({ admin: true, zendeskUserId: claims.zendeskUserId, expiresAt: new Date(claims.exp).toISOString() });
  });
}
