/**
 * A new owner's invitation to the owner portal (issue 12, P4.1): when a review registers an owner, a one-time link to
 * make their portal account (a username and password of their own) is sent by SMS to the mobile number registered
 * with them; only the token's SHA-256 is kept, and the SMS's text is cleared once sent. An owner registered without a
 * mobile gets the link through the person who entered them, who is told to hand it over in person. Written in the
 * transaction that registers the owner, so every owner registered is invited once.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../db/client';
import { ownerInvitations } from '../db/schema';
import { maskPhone } from '../contracts/data-review';
import { recordAddressedDeliveries, recordNotifications } from './notifications';

/** How long an invitation's link works. */
export const INVITATION_VALID_MS = 14 * 24 * 60 * 60 * 1000;
const VALID_DAYS = INVITATION_VALID_MS / 86_400_000;

/** The owner portal's page that takes an invitation (the UI's route). */
export const invitationPath = (token: string) => `/invitation/${token}`;

export const invitationTokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Rows written per statement. */
const PER_INSERT = 1000;

export interface InvitedOwner {
  ownerId: string;
  name: string;
  mobile?: string | null;
}

/** Invites newly registered owners (in the caller's transaction): an invitation each, sent to their mobile or handed over by the maker. */
export async function inviteOwners(tx: Pick<Database, 'insert' | 'execute'>, change: { id: string; workflowId: string; makerId: string }, invited: readonly InvitedOwner[]): Promise<void> {
  const expiresAt = new Date(Date.now() + INVITATION_VALID_MS);
  const rows = invited.map((owner) => ({ owner, token: randomBytes(32).toString('base64url'), dedupeKey: `owner-invitation-${owner.ownerId}` }));
  for (let start = 0; start < rows.length; start += PER_INSERT) {
    const chunk = rows.slice(start, start + PER_INSERT);
    await tx.insert(ownerInvitations).values(chunk.map(({ owner, token }) => ({ tokenHash: invitationTokenHash(token), ownerId: owner.ownerId, changeId: change.id, expiresAt })));
    await recordNotifications(
      tx,
      chunk.map(({ owner, token, dedupeKey }) =>
        owner.mobile
          ? {
              dedupeKey,
              workflowId: change.workflowId,
              recipientRoles: [],
              recipientUsers: [change.makerId],
              message: `业主 ${owner.name} 的门户邀请已通过短信发至 ${maskPhone(owner.mobile)}。 The owner-portal invitation of ${owner.name} went by SMS to ${maskPhone(owner.mobile)}.`,
            }
          : {
              dedupeKey,
              workflowId: change.workflowId,
              recipientRoles: [],
              recipientUsers: [change.makerId],
              message: `业主 ${owner.name} 未登记手机号码：请把本通知的一次性链接当面交给业主本人，${VALID_DAYS} 天内有效。 ${owner.name} has no mobile on the register: hand this notice's one-time link to the owner in person; it works for ${VALID_DAYS} days.`,
              link: invitationPath(token),
            },
      ),
    );
    await recordAddressedDeliveries(
      tx,
      chunk.flatMap(({ owner, token, dedupeKey }) =>
        owner.mobile
          ? [{ dedupeKey, channel: 'sms' as const, address: owner.mobile, body: `${owner.name}：您已登记为业主，请在 ${VALID_DAYS} 天内打开链接设置业主门户的用户名和密码。`, link: invitationPath(token) }]
          : [],
      ),
    );
  }
}
