export { createBatonClient, type BatonClient, type BatonClientOptions, type CallOptions } from './client.js';
export { BatonApiError, BatonNetworkError, BatonWebhookError, parseRetryAfterMs } from './errors.js';
export { DEFAULT_RETRY, isRetrySafe, retryDelayMs, type RetryOptions } from './retry.js';
export { verifyWebhook, type WebhookHeaders } from './webhooks.js';
export type * from './types.js';
