import { QueryClient, QueryObserver, type QueryKey } from '@tanstack/query-core';
import { useEffect, useMemo, useState } from 'preact/hooks';

/** One cache for the iframe. Retries are off: the relay call already answers with a classified problem. */
export function createQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });
}

/** A tiny `useQuery` over query-core's observer (what @tanstack/preact-query does, without its weight). */
export function useQuery<T>(client: QueryClient, options: { queryKey: QueryKey; queryFn: () => Promise<T>; refetchInterval?: number | false }) {
  const observer = useMemo(() => new QueryObserver<T>(client, options), [client]); // eslint-disable-line react-hooks/exhaustive-deps
  const [result, setResult] = useState(() => observer.getOptimisticResult(client.defaultQueryOptions(options)));
  useEffect(() => {
    observer.setOptions(options);
    setResult(observer.getCurrentResult());
    return observer.subscribe(setResult);
  }, [observer, options.refetchInterval, JSON.stringify(options.queryKey)]); // eslint-disable-line react-hooks/exhaustive-deps
  return result;
}
