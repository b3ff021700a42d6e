/**
 * Staff users and their accounts (P1.2, P5.1a–b): a staff user's creation, change of roles or department,
 * disabling and enabling go through the data-review process like any master data (contracts/data-review.ts);
 * passwords are changed by their holder, reset by an administrator, and a forgotten one is asked of the
 * administrators. The password rules live here, once, for the API and the UI.
 */
import { z } from 'zod';
import { STAFF_ROLES } from './permissions';
import { fieldText, type FieldKey } from './problem-texts';
import { DEPARTMENTS, PASSWORD_RULES } from './vocabulary';


/** A username: lower-case letters, digits, dots, dashes or underscores, starting with a letter, 3 to 32 characters. */
export const USERNAME_FORMAT = /^[a-z][a-z0-9._-]{2,31}$/;

export { PASSWORD_RULES };

/** The rules a new password breaks (none: it may be used), as field-text keys. */
export function passwordFaults(password: string, username: string): FieldKey[] {
  const faults: FieldKey[] = [];
  if (password.length < PASSWORD_RULES.minLength) faults.push('password-too-short');
  if (password.length > PASSWORD_RULES.maxLength) faults.push('password-too-long');
  if (password.trim().toLowerCase() === username.toLowerCase()) faults.push('password-is-username');
  return faults;
}

const userId = z.string().regex(/^u-[a-z0-9._-]{1,63}$/, fieldText('user-id-format'));
const username = z.string().trim().toLowerCase().regex(USERNAME_FORMAT, fieldText('username-format'));

export const staffUserFields = z.object({
  displayName: z.string().trim().min(2).max(100),
  username,
  department: z.enum(DEPARTMENTS),
  roles: z
    .array(z.enum(STAFF_ROLES))
    .min(1)
    .max(STAFF_ROLES.length)
    .refine((roles) => new Set(roles).size === roles.length, fieldText('each-role-once')),
});
export type StaffUserFields = z.infer<typeof staffUserFields>;

/** What a change may touch: a username stays what its holder signs in with. */
export const staffUserChanges = staffUserFields
  .omit({ username: true })
  .partial()
  .strict()
  .refine((fields) => Object.keys(fields).length > 0, fieldText('change-something'));

/** What a maker submits about a staff user; the same body, without `changeId`, corrects a returned change. A new user's id is `u-<username>`. */
export const userChangeProposal = z.discriminatedUnion('action', [
  z.object({ action: z.literal('create'), user: staffUserFields }),
  z.object({ action: z.literal('change'), userId, user: staffUserChanges }),
  z.object({ action: z.literal('disable'), userId, reason: z.string().trim().min(3).max(500) }),
  z.object({ action: z.literal('enable'), userId, reason: z.string().trim().min(3).max(500) }),
]);
export type UserChangeProposal = z.infer<typeof userChangeProposal>;

export const userChangeRequest = z.intersection(z.object({ changeId: z.uuid() }), userChangeProposal);
export type UserChangeRequest = z.infer<typeof userChangeRequest>;

/**
 * A supplier's staff member's account (issue 12, P5.1b): role vendor, linked to their supplier, entered through review
 * like any account (disabled and enabled with /user-changes). A returned one is withdrawn and entered again.
 */
export const supplierStaffChangeRequest = z.object({
  changeId: z.uuid(),
  action: z.literal('create'),
  supplierId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, fieldText('slug-format')),
  user: staffUserFields.pick({ displayName: true, username: true }),
});
export type SupplierStaffChangeRequest = z.infer<typeof supplierStaffChangeRequest>;

/** The id a new staff user gets. */
export const newUserId = (name: string) => `u-${name}`;

/** A staff user as administrators read them. */
export const staffUserView = z.object({
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  department: z.enum(DEPARTMENTS).nullable(),
  roles: z.array(z.string()),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
});
export type StaffUserView = z.infer<typeof staffUserView>;

/** The staff users a page at a time in user-id order: `name` finds users whose name or username contains it. */
export const staffUserListQuery = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  department: z.enum(DEPARTMENTS).optional(),
  role: z.enum(STAFF_ROLES).optional(),
  active: z.enum(['true', 'false']).transform((value) => value === 'true').optional(),
  /** The last user id of the page before. */
  cursor: userId.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type StaffUserListQuery = z.output<typeof staffUserListQuery>;

/** The holder's change of their own password (also the only thing a must-change account may do). */
export const passwordChangeRequest = z.object({
  currentPassword: z.string().min(1).max(PASSWORD_RULES.maxLength),
  newPassword: z.string().min(1).max(PASSWORD_RULES.maxLength),
});
export type PasswordChangeRequest = z.infer<typeof passwordChangeRequest>;

/** An administrator's reset: the one-time password to hand over, shown once; it must be changed at the next sign-in. */
export const passwordReset = z.object({ oneTimePassword: z.string() });

/** "Forgot password" from the sign-in page: the same answer whether or not the username is known. */
export const forgotPasswordRequest = z.object({ username: z.string().trim().min(1).max(100) });
export const forgotPasswordAnswer = z.object({ received: z.literal(true) });

/** A new owner's invitation to the owner portal, as its link's page shows it (the owner's name, until when it works). */
export const ownerInvitationView = z.object({ ownerName: z.string(), expiresAt: z.string() });

/** The owner's portal account, made with the invitation: a username of their own and a password under the rules. */
export const ownerInvitationAcceptance = z.object({ username, newPassword: z.string().min(1).max(PASSWORD_RULES.maxLength) });
export type OwnerInvitationAcceptance = z.infer<typeof ownerInvitationAcceptance>;
