import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { User } from '../../../contracts/auth';
import { fetchCurrentUser, signOut as signOutRequest } from '../features/auth/api/auth-api';
import { onUnauthorized } from '../lib/api-client';
import { SessionContext, type Session } from '../lib/session';

/** Asks /auth/me once, then keeps the signed-in user; any 401 from the API signs the user out locally. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setSignedIn] = useState<User | null | undefined>(undefined);
  const [ended, setEnded] = useState(false);
  const current = useRef(user);
  current.current = user;
  const setUser = useCallback((next: User | null) => {
    setEnded(false);
    setSignedIn(next);
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    fetchCurrentUser(controller.signal).then(
      (me) => setSignedIn((existing) => existing ?? me),
      () => {
        if (!controller.signal.aborted) setSignedIn((existing) => existing ?? null);
      },
    );
    return () => controller.abort();
  }, []);

  // A 401 while someone was signed in: their session ended under them, which the sign-in page says (a page's other
  // requests answered 401 after it do not take that back).
  useEffect(
    () =>
      onUnauthorized(() => {
        setEnded((already) => already || Boolean(current.current));
        setSignedIn(null);
      }),
    [],
  );

  const signOut = useCallback(async () => {
    try {
      await signOutRequest();
    } finally {
      setUser(null);
    }
  }, []);

  const session = useMemo<Session>(() => ({ user, setUser, signOut, ended }), [user, setUser, signOut, ended]);
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
