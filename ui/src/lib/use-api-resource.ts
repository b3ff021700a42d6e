import { useCallback, useEffect, useState, type DependencyList } from 'react';

export interface ApiResource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  /** Replace the data with a fresher copy (e.g. the Task a POST returned). */
  setData: (data: T) => void;
}

/** Loads something when deps change; aborts stale requests. */
export function useApiResource<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): ApiResource<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    load(controller.signal).then(
      (result) => {
        if (controller.signal.aborted) return;
        setData(result);
        setLoading(false);
      },
      (failure: unknown) => {
        if (controller.signal.aborted) return;
        setError(failure);
        setLoading(false);
      },
    );
    return () => controller.abort();
    // callers list what `load` depends on
  }, [...deps, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const replace = useCallback((next: T) => {
    setData(next);
    setError(null);
  }, []);

  return { data, error, loading, reload, setData: replace };
}
