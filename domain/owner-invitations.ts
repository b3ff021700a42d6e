/**
 * A new owner's invitation to the owner portal (issue 12): when a review registers an owner, a one-time link to make
 * their portal account (a username and password of their own) goes out as a notification; only the token's SHA-256
 * is kept. Written in the transaction that registers the owner, so every owner registered is invited once.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../db/client';
import { ownerInvitations } from '../db/schema';
import { recordNotifications } from './notifications';

/** How long an invitation's link works. */
export const INVITATION_VALID_MS = 14 * 24 * 60 * 60 * 1000;
const VALID_DAYS = INVITATION_VALID_MS / 86_400_000;

/** The owner portal's page that takes an invitation (the UI's route). */
export const invitationPath = (token: string) => `/invitation/${token}`;

export const invitationTokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Rows written per statement. */
const PER_INSERT = 1000;

/** Invites newly registered owners (in the caller's transaction): an invitation each, and its notification with the link. */
export async function inviteOwners(tx: Pick<Database, 'insert' | 'execute'>, change: { id: string; workflowId: string }, invited: ReadonlyArray<{ ownerId: string; name: string }>): Promise<void> {
  const expiresAt = new Date(Date.now() + INVITATION_VALID_MS);
  const rows = invited.map((owner) => ({ owner, token: randomBytes(32).toString('base64url') }));
  for (let start = 0; start < rows.length; start += PER_INSERT) {
    const chunk = rows.slice(start, start + PER_INSERT);
    await tx.insert(ownerInvitations).values(chunk.map(({ owner, token }) => ({ tokenHash: invitationTokenHash(token), ownerId: owner.ownerId, changeId: change.id, expiresAt })));
    await recordNotifications(
      tx,
      chunk.map(({ owner, token }) => ({
        dedupeKey: `owner-invitation-${owner.ownerId}`,
        workflowId: change.workflowId,
        recipientRoles: [],
        recipientUsers: [],
        message: `${owner.name}：您已登记为业主，请在 ${VALID_DAYS} 天内打开 ${invitationPath(token)} 设置业主门户的用户名和密码。 You are registered as an owner: open ${invitationPath(token)} within ${VALID_DAYS} days to set your owner-portal username and password.`,
      })),
    );
  }
}
