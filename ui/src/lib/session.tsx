import { createContext, useContext } from 'react';
import type { User } from '../../../contracts/auth';

/** The signed-in user, shared by every feature. The app layer provides it. */
export interface Session {
  /** undefined while /auth/me is still answering; null when nobody is signed in. */
  user: User | null | undefined;
  setUser: (user: User | null) => void;
  signOut: () => Promise<void>;
  /** The API ended the session of the user who was signed in (it expired, or an administrator ended it). */
  ended: boolean;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used inside the session provider');
  return session;
}

/** The signed-in user; only call below the layout, which guarantees someone is signed in. */
export function useCurrentUser(): User {
  const { user } = useSession();
  if (!user) throw new Error('useCurrentUser called while signed out');
  return user;
}
