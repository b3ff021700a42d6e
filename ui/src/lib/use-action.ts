import { useCallback, useState } from 'react';

/**
 * A user's action against the API (a submit, a button): `run` clears the error the last one ended in, awaits this
 * one and keeps its error for the banner; `busy` while it runs, to disable what started it.
 */
export function useAction() {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = useCallback(async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }, []);
  return { error, setError, busy, run };
}
