import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/**
 * Filters kept in the query string. A value equal to its default (or empty) is left out of the URL.
 * Returns the raw params and a setter that merges changes.
 */
export function useSearchParamFilters(defaults: Record<string, string> = {}) {
  const [searchParams, setSearchParams] = useSearchParams();
  const defaultsKey = JSON.stringify(defaults);

  const changeFilters = useCallback(
    (change: Record<string, string | undefined>) => {
      const defaultValues = JSON.parse(defaultsKey) as Record<string, string>;
      setSearchParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(change)) {
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
