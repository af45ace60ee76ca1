import { QueryClient, QueryObserver, type QueryKey } from '@tanstack/query-core';
import { useEffect, useMemo, useState } from 'preact/hooks';

/**
 * One cache for the iframe. networkMode 'always': the relay is reached through Zendesk's proxy, so the browser's
 * online flag says nothing about it, and a retry paused on it would hide the outage instead of showing it.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, networkMode: 'always' } } });
}

/** A tiny `useQuery` over query-core's observer (what @tanstack/preact-query does, without its weight). */
export function useQuery<T>(client: QueryClient, options: {
  queryKey: QueryKey;
  queryFn: () => Promise<T>;
  refetchInterval?: number | false;
  /** true: retry until it works (the data so far stays meanwhile); retryDelay is the back-off policy. */
  retry?: boolean;
  retryDelay?: (failures: number) => number;
}) {
  const observer = useMemo(() => new QueryObserver<T>(client, options), [client]); // eslint-disable-line react-hooks/exhaustive-deps
  const [result, setResult] = useState(() => observer.getOptimisticResult(client.defaultQueryOptions(options)));
  useEffect(() => {
    observer.setOptions(options);
    setResult(observer.getCurrentResult());
    return observer.subscribe(setResult);
  }, [observer, options.refetchInterval, JSON.stringify(options.queryKey)]); // eslint-disable-line react-hooks/exhaustive-deps
  return result;
}
