import type { SignedInUser, SignInRequest, User } from '../../../../../contracts/auth';
import { ApiError, apiRequest } from '../../../lib/api-client';

export async function signIn(credentials: SignInRequest): Promise<User> {
  const { user } = await apiRequest<SignedInUser>('/auth/login', { method: 'POST', body: credentials });
  return user;
}

export async function signOut(): Promise<void> {
  await apiRequest<void>('/auth/logout', { method: 'POST' });
}

/** The signed-in user, or null when the session is missing or expired (401). */
export async function fetchCurrentUser(signal?: AbortSignal): Promise<User | null> {
  try {
    const { user } = await apiRequest<SignedInUser>('/auth/me', { signal });
    return user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

/** Changes the signed-in user's own password (the one thing a session may do after a reset). */
export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await apiRequest<void>('/auth/password', { method: 'POST', body: { currentPassword, newPassword } });
}

/** Asks the administrators to reset a forgotten password; the API answers alike for any username. */
export async function forgotPassword(username: string): Promise<void> {
  await apiRequest<{ received: true }>('/auth/forgot-password', { method: 'POST', body: { username } });
}

/** A new owner's invitation to the owner portal: whose it is and until when it works. */
export function getInvitation(token: string, signal?: AbortSignal): Promise<{ ownerName: string; expiresAt: string }> {
  return apiRequest<{ ownerName: string; expiresAt: string }>(`/auth/invitations/${encodeURIComponent(token)}`, { signal });
}

/** The new owner's portal account, made with the invitation's one-time link. */
export async function acceptInvitation(token: string, username: string, newPassword: string): Promise<void> {
  await apiRequest<{ username: string }>(`/auth/invitations/${encodeURIComponent(token)}`, { method: 'POST', body: { username, newPassword } });
}
