import { z } from 'zod';
import { DEFAULT_DATABASE_CONNECT_TIMEOUT_MS, DEFAULT_DATABASE_QUERY_TIMEOUT_MS } from './db/postgres.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** An empty (or blank) variable is unset: `PORT=` in a compose or EnvironmentFile means "the default". */
const blankIsUnset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/**
 * Every variable is read through this, so an empty one takes its default (or stays unset) whatever its type:
 * `APP_ORIGINS=` used to allow no origin at all, `HOST=` or `LOG_LEVEL=` stopped the relay, `MASTER_KEY=` was kept.
 */
const variable = <T extends z.ZodType>(schema: T) => z.preprocess(blankIsUnset, schema);

const DEFAULT_APP_ORIGINS = 'https://*.apps.zdusercontent.com,http://localhost:*,http://127.0.0.1:*';

/**
 * Digits only, then the range. z.coerce.number() read `PORT=` as 0 (any free port) and `RATE_LIMIT_…=` as 0 (the limit
 * off), and took `1e3` or `0x50`: a typo changed what the relay did instead of stopping it.
 */
const wholeNumber = (min: number, max: number, fallback: number) =>
  variable(
    z
      .string()
      .trim()
      .regex(/^\d+$/, 'must be a whole number (digits only)')
      .transform(Number)
      .pipe(z.number().min(min).max(max))
      .default(fallback),
  );

const URL_SPECIAL_IN_PASSWORD =
  'does not read as a PostgreSQL URL: percent-encode @ # ? / in the user name and password (%40 %23 %3F %2F)';

/**
 * A password with an unencoded `@` followed by `#`, `?` or `/` splits elsewhere than meant: its end became the host, a
 * fragment or the database name, so the start failed (exit 69, "check that the server is up", for a URL no retry can
 * fix) and the message printed that part of the password. Such a URL, or one that does not parse, is refused here
 * without printing it. No PostgreSQL URL has a fragment, or an `@` in its database name or parameters.
 */
function splitsAsIntended(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.hash === '' && !url.includes('#') && !parsed.pathname.includes('@') && !parsed.search.includes('@');
  } catch {
    return false;
  }
}

/** Environment variables the relay reads. Nothing else in the code base reads `process.env`. */
const ConfigSchema = z.object({
  PORT: wholeNumber(0, 65535, 8787),
  HOST: variable(z.string().trim().default('127.0.0.1')),
  DATA_DIR: variable(z.string().default('.baton-data')),
  DATABASE_URL: variable(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .refine(splitsAsIntended, URL_SPECIAL_IN_PASSWORD)
      .optional(),
  ),
  DATABASE_CONNECT_TIMEOUT_MS: wholeNumber(100, 120_000, DEFAULT_DATABASE_CONNECT_TIMEOUT_MS),
  DATABASE_QUERY_TIMEOUT_MS: wholeNumber(0, 3_600_000, DEFAULT_DATABASE_QUERY_TIMEOUT_MS),
  // 32 bytes as 64 hex chars or base64. Without it, a key is generated into DATA_DIR on first start (dev only).
  MASTER_KEY: variable(z.string().optional()),
  PUBLIC_BASE_URL: variable(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. https://baton.example.com' }).optional()),
  LOG_LEVEL: variable(z.enum(LOG_LEVELS).default('info')),
  WORKER_CONCURRENCY: wholeNumber(1, 256, 16),
  ZENDESK_CLIENT_ID: variable(z.string().optional()),
  ZENDESK_CLIENT_SECRET: variable(z.string().optional()),
  // Where a Zendesk subdomain lives, for onboarding from the app ({subdomain} is replaced). Tests and the local
  // workspace point it at the Zendesk emulator.
  ZENDESK_URL_TEMPLATE: variable(
    z.string().regex(/^https?:\/\/[^\s]+$/, 'must be an http(s) URL, e.g. https://{subdomain}.zendesk.com').default('https://{subdomain}.zendesk.com'),
  ),
  RECONCILE_INTERVAL_MS: wholeNumber(1_000, 86_400_000, 60_000),
  // Customer attachments are downloaded from the platform's links and uploaded to Zendesk up to this size.
  ATTACHMENT_MAX_BYTES: wholeNumber(0, 50 * 1024 * 1024, 20 * 1024 * 1024),
  // Development and tests only: let attachment links reach loopback and private networks (SSRF guard off).
  ATTACHMENT_ALLOW_PRIVATE_HOSTS: variable(z.enum(['true', 'false']).default('false')),
  // Callbacks (AI agents' webhook URLs) may reach loopback and private networks: self-hosted relays often
  // call a bot next door. Hosted relays set false (the attachment SSRF guard, checked at connect time).
  CALLBACK_ALLOW_PRIVATE_HOSTS: variable(z.enum(['true', 'false']).default('true')),
  // How often a relay rolls up the insights of days that turned a week old; 0 = only when a report needs them.
  INSIGHTS_ROLLUP_INTERVAL_MS: wholeNumber(0, 86_400_000, 3_600_000),
  // A list that names no origin (`APP_ORIGINS=,`) would shut the sidebar's live stream out: refused, not kept.
  APP_ORIGINS: variable(
    z
      .string()
      .default(DEFAULT_APP_ORIGINS)
      .transform((list) => list.split(',').map((o) => o.trim()).filter(Boolean))
      .pipe(z.array(z.string()).min(1, 'must name at least one origin (comma-separated); leave it unset for the default')),
  ),
  TICKET_UPDATE_SPACING_MS: wholeNumber(0, 600_000, 20_000),
  DELIVERY_LEASE_MS: wholeNumber(1_000, 3_600_000, 60_000),
  // How often a relay deletes expired rows (old Zendesk webhook invocations, abandoned OAuth flows); 0 = never.
  PURGE_INTERVAL_MS: wholeNumber(0, 86_400_000, 3_600_000),
  // Optional bearer token for GET /metrics; unset = /metrics is open (self-hosted default).
  // Trimmed as MASTER_KEY is: a token from a secret file carries its newline, which the scraper's copy does not.
  METRICS_TOKEN: variable(z.string().trim().min(16, 'must be at least 16 characters (e.g. openssl rand -hex 32)').optional()),
  // Behind N reverse proxies, the client's address is the Nth entry from the right of X-Forwarded-For.
  TRUST_PROXY_HOPS: wholeNumber(0, 10, 0),
  // Failed authentications (API key, app JWT, Zendesk webhook bearer) per client address and per credential
  // within the window; over the limit further failures answer 429. 0 = off.
  RATE_LIMIT_AUTH_FAILURES_PER_IP: wholeNumber(0, 1_000_000, 20),
  RATE_LIMIT_AUTH_FAILURES_PER_CREDENTIAL: wholeNumber(0, 1_000_000, 10),
  RATE_LIMIT_AUTH_FAILURE_WINDOW_SECONDS: wholeNumber(1, 86_400, 60),
  // Requests per API key within the window, on all relays together; 0 = off.
  RATE_LIMIT_REQUESTS_PER_KEY: wholeNumber(0, 10_000_000, 600),
  RATE_LIMIT_REQUESTS_PER_KEY_WINDOW_SECONDS: wholeNumber(1, 3_600, 1),
  // How long a Zendesk admin's session (proven through their own Zendesk OAuth) lasts.
  ADMIN_SESSION_TTL_SECONDS: wholeNumber(60, 7 * 86_400, 8 * 3_600),
  WORKERS: variable(z.enum(['on', 'off']).default('on').describe('off = serve HTTP only and leave delivery to other relay processes')),
}).refine((c) => Boolean(c.ZENDESK_CLIENT_ID) === Boolean(c.ZENDESK_CLIENT_SECRET), {
  // One of the two alone used to switch OAuth off silently; Connect Baton then failed in the admin's popup.
  message: 'set both ZENDESK_CLIENT_ID and ZENDESK_CLIENT_SECRET (the OAuth client), or neither',
  path: ['ZENDESK_CLIENT_SECRET'],
});

/** Every variable the relay reads, for the check that README's Configuration table lists each of them. */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(ConfigSchema.shape);

export type Config = Readonly<{
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** How long opening a PostgreSQL connection may take before it counts as the database being out of reach. */
  databaseConnectTimeoutMs: number;
  databaseQueryTimeoutMs: number;
  masterKey: string | undefined;
  /** Unset = the address the relay listens on. */
  publicBaseUrl: string | undefined;
  logLevel: (typeof LOG_LEVELS)[number];
  workerConcurrency: number;
  deliveryLeaseMs: number;
  reconcileIntervalMs: number;
  insightsRollupIntervalMs: number;
  attachments: { maxBytes: number; allowPrivate: boolean };
  /** May AI agents' callback URLs reach loopback, private and link-local addresses? */
  callbacks: { allowPrivate: boolean };
  /** Pause between updates of one ticket once its burst of 10 is spent (Zendesk: 30 per 10 minutes). */
  ticketUpdateSpacingMs: number;
  /** Origins whose pages may open the sidebar's live stream (the Zendesk app's asset host). */
  appOrigins: string[];
  /** The (global) Zendesk OAuth client; without it only API-token connections work (development). */
  zendeskOAuth: { clientId: string; clientSecret: string } | undefined;
  /** `https://{subdomain}.zendesk.com` unless pointed at an emulator. */
  zendeskUrlTemplate: string;
  workersEnabled: boolean;
  purgeIntervalMs: number;
  /** Bearer token GET /metrics requires; undefined = open. */
  metricsToken: string | undefined;
  /** Reverse proxies in front of the relay whose X-Forwarded-For entries are trusted. */
  trustProxyHops: number;
  rateLimits: RateLimitSettings;
  adminSessionTtlMs: number;
}>;

/** Limits of 0 are off. Windows in seconds. */
export interface RateLimitSettings {
  authFailuresPerIp: number;
  authFailuresPerCredential: number;
  authFailureWindowSeconds: number;
  requestsPerKey: number;
  requestsPerKeyWindowSeconds: number;
}

export class ConfigError extends Error {}

/** Parses the environment once at startup; a bad value stops the process with a readable list. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return Object.freeze({
    port: c.PORT,
    host: c.HOST,
    dataDir: c.DATA_DIR,
    databaseUrl: c.DATABASE_URL,
    databaseConnectTimeoutMs: c.DATABASE_CONNECT_TIMEOUT_MS,
    databaseQueryTimeoutMs: c.DATABASE_QUERY_TIMEOUT_MS,
    masterKey: c.MASTER_KEY,
    publicBaseUrl: c.PUBLIC_BASE_URL?.replace(/\/$/, ''),
    logLevel: c.LOG_LEVEL,
    workerConcurrency: c.WORKER_CONCURRENCY,
    deliveryLeaseMs: c.DELIVERY_LEASE_MS,
    reconcileIntervalMs: c.RECONCILE_INTERVAL_MS,
    insightsRollupIntervalMs: c.INSIGHTS_ROLLUP_INTERVAL_MS,
    attachments: { maxBytes: c.ATTACHMENT_MAX_BYTES, allowPrivate: c.ATTACHMENT_ALLOW_PRIVATE_HOSTS === 'true' },
    callbacks: { allowPrivate: c.CALLBACK_ALLOW_PRIVATE_HOSTS === 'true' },
    ticketUpdateSpacingMs: c.TICKET_UPDATE_SPACING_MS,
    appOrigins: c.APP_ORIGINS,
    zendeskOAuth:
      c.ZENDESK_CLIENT_ID && c.ZENDESK_CLIENT_SECRET ? { clientId: c.ZENDESK_CLIENT_ID, clientSecret: c.ZENDESK_CLIENT_SECRET } : undefined,
    zendeskUrlTemplate: c.ZENDESK_URL_TEMPLATE,
    workersEnabled: c.WORKERS === 'on',
    metricsToken: c.METRICS_TOKEN,
    purgeIntervalMs: c.PURGE_INTERVAL_MS,
    trustProxyHops: c.TRUST_PROXY_HOPS,
    rateLimits: {
      authFailuresPerIp: c.RATE_LIMIT_AUTH_FAILURES_PER_IP,
      authFailuresPerCredential: c.RATE_LIMIT_AUTH_FAILURES_PER_CREDENTIAL,
      authFailureWindowSeconds: c.RATE_LIMIT_AUTH_FAILURE_WINDOW_SECONDS,
      requestsPerKey: c.RATE_LIMIT_REQUESTS_PER_KEY,
      requestsPerKeyWindowSeconds: c.RATE_LIMIT_REQUESTS_PER_KEY_WINDOW_SECONDS,
    },
    adminSessionTtlMs: c.ADMIN_SESSION_TTL_SECONDS * 1000,
  });
}
