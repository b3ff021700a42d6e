import { and, eq, gt, isNull } from 'drizzle-orm';
import type { OwnerInvitationAcceptance } from '../../contracts/staff-users';
import { newUserId } from '../../contracts/staff-users';
import { ownerInvitations, owners, users } from '../../db/schema';
import { invitationTokenHash } from '../../domain/owner-invitations';
import { hashPassword } from '../auth/passwords';
import type { ApiContext } from '../context';
import { notFound, unprocessable } from '../http/problem';
import { requireRules } from './staff-users';

/** An invitation that still works: known, not used, not expired. */
async function openInvitation(ctx: ApiContext, token: string) {
  const [row] = await ctx.db
    .select({ tokenHash: ownerInvitations.tokenHash, ownerId: ownerInvitations.ownerId, expiresAt: ownerInvitations.expiresAt, ownerName: owners.name })
    .from(ownerInvitations)
    .innerJoin(owners, eq(owners.id, ownerInvitations.ownerId))
    .where(and(eq(ownerInvitations.tokenHash, invitationTokenHash(token)), isNull(ownerInvitations.acceptedAt), gt(ownerInvitations.expiresAt, new Date())));
  if (!row) throw notFound('account.invitation-unknown');
  return row;
}

/** What the invitation's page shows: whose it is and until when it works. */
export async function getInvitation(ctx: ApiContext, token: string) {
  const invitation = await openInvitation(ctx, token);
  return { ownerName: invitation.ownerName, expiresAt: invitation.expiresAt.toISOString() };
}

/**
 * The owner makes their portal account with the invitation: a username of their own (not taken) and a password under
 * the rules. The link works once: the account and the invitation's use are written together.
 */
export async function acceptInvitation(ctx: ApiContext, token: string, request: OwnerInvitationAcceptance): Promise<{ username: string }> {
  const invitation = await openInvitation(ctx, token);
  requireRules(request.newPassword, request.username);
  const userId = newUserId(request.username);
  const passwordHash = await hashPassword(request.newPassword);
  await ctx.db.transaction(async (tx) => {
    const taken = await tx.select({ id: users.id }).from(users).where(eq(users.username, request.username));
    const idTaken = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId));
    if (taken.length || idTaken.length) throw unprocessable('account.username-taken', [{ field: 'username', message: 'taken' }]);
    await tx.insert(users).values({ id: userId, username: request.username, passwordHash, displayName: `业主 ${invitation.ownerName}`, roles: ['owner'], ownerId: invitation.ownerId });
    const used = await tx
      .update(ownerInvitations)
      .set({ acceptedAt: new Date(), userId })
      .where(and(eq(ownerInvitations.tokenHash, invitation.tokenHash), isNull(ownerInvitations.acceptedAt)))
      .returning({ tokenHash: ownerInvitations.tokenHash });
    // Accepted meanwhile (the link sent twice at once): the first made the account, this one is undone.
    if (!used.length) throw notFound('account.invitation-unknown');
  });
  return { username: request.username };
}
