import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import type { Page } from '../../../contracts/common';

export interface KeysetList<T> {
  items: T[];
  hasMore: boolean;
  loading: boolean;
  error: unknown;
  loadMore: () => void;
  /** Reads the first page again (something changed), keeping the items shown until it answers. */
  reload: () => void;
}

/** A list paged by the API's opaque nextCursor; restarts from the first page when deps change. */
export function useKeysetList<T>(
  loadPage: (cursor: string | null, signal: AbortSignal) => Promise<Page<T>>,
  deps: DependencyList,
): KeysetList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const controllerRef = useRef<AbortController | null>(null);
  const loadPageRef = useRef(loadPage);
  useEffect(() => {
    loadPageRef.current = loadPage;
  });

  const fetchPage = useCallback((cursor: string | null) => {
    controllerRef.current?.abort();
    const controller = new AbortController();
    controllerRef.current = controller;
    setLoading(true);
    setError(null);
    loadPageRef.current(cursor, controller.signal).then(
      (page) => {
        if (controller.signal.aborted) return;
        setItems((previous) => (cursor ? [...previous, ...page.items] : page.items));
        setNextCursor(page.nextCursor);
        setLoading(false);
      },
      (failure: unknown) => {
        if (controller.signal.aborted) return;
        setError(failure);
        setLoading(false);
      },
    );
  }, []);

  useEffect(() => {
    setItems([]);
    setNextCursor(null);
    fetchPage(null);
    return () => controllerRef.current?.abort();
    // callers list what `loadPage` depends on
  }, deps);

  const loadMore = useCallback(() => {
    if (nextCursor && !loading) fetchPage(nextCursor);
  }, [fetchPage, nextCursor, loading]);

  const reload = useCallback(() => fetchPage(null), [fetchPage]);

  return { items, hasMore: nextCursor !== null, loading, error, loadMore, reload };
}
