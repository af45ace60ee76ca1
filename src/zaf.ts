/** The slice of the ZAF v2 client the sidebar uses (the SDK ships no types). */
export interface ZafClient {
  on(event: string, handler: (...args: unknown[]) => void): void;
  get(path: string | string[]): Promise<Record<string, unknown>>;
  invoke(name: string, ...args: unknown[]): Promise<unknown>;
  request<T = unknown>(options: Record<string, unknown>): Promise<T>;
  metadata(): Promise<{ settings: Record<string, unknown>; installationId?: number }>;
  context(): Promise<{ location: string; account?: { subdomain?: string } }>;
}

declare global {
  interface Window {
    ZAFClient?: { init(): ZafClient | false };
  }
}

/** Production loads the SDK from Zendesk's CDN (iframe.html); tests and the local workspace serve the npm copy at that URL. */
export function initZafClient(): ZafClient | undefined {
  const client = window.ZAFClient?.init();
  return client || undefined;
}
