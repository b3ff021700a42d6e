import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { User } from '../../../contracts/auth';
import { fetchCurrentUser, signOut as signOutRequest } from '../features/auth/api/auth-api';
import { onUnauthorized } from '../lib/api-client';
import { SessionContext, type Session } from '../lib/session';

/** Asks /auth/me once, then keeps the signed-in user; any 401 from the API signs the user out locally. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);

  useEffect(() => {
    const controller = new AbortController();
    fetchCurrentUser(controller.signal).then(
      (current) => setUser((existing) => existing ?? current),
      () => {
        if (!controller.signal.aborted) setUser((existing) => existing ?? null);
      },
    );
    return () => controller.abort();
  }, []);

  useEffect(() => onUnauthorized(() => setUser(null)), []);

  const signOut = useCallback(async () => {
    try {
      await signOutRequest();
    } finally {
      setUser(null);
    }
  }, []);

  const session = useMemo<Session>(() => ({ user, setUser, signOut }), [user, signOut]);
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
