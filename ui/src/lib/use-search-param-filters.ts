import { useCallback, useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';

/**
 * Filters kept in the query string. A value equal to its default (or empty) is left out of the URL.
 * Returns the raw params and a setter that merges changes. Changes made before the URL has caught up
 * (two fields committed in one moment) are carried together, so the later one does not drop the earlier.
 */
export function useSearchParamFilters(defaults: Record<string, string> = {}) {
  const [searchParams, setSearchParams] = useSearchParams();
  const defaultsKey = JSON.stringify(defaults);
  const pending = useRef<Record<string, string | undefined>>({});
  useEffect(() => {
    pending.current = {};
  }, [searchParams]);

  const changeFilters = useCallback(
    (change: Record<string, string | undefined>) => {
      const defaultValues = JSON.parse(defaultsKey) as Record<string, string>;
      pending.current = { ...pending.current, ...change };
      const changes = pending.current;
      setSearchParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes)) {
            if (value && value !== defaultValues[key]) next.set(key, value);
            else next.delete(key);
          }
          return next;
        },
        { replace: true },
      );
    },
    [setSearchParams, defaultsKey],
  );

  return [searchParams, changeFilters] as const;
}

export function oneOf<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}
