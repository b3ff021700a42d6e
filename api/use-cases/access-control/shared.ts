import { and, eq } from 'drizzle-orm';
import type { Localised } from '../../../contracts/language';
import { canOnAny, type Action } from '../../../contracts/permissions';
import type { DetailKey, FieldKey } from '../../../contracts/problem-texts';
import { accessPeople, unitOwners } from '../../../db/schema';
import type { SessionUser } from '../../auth/session';
import type { ApiContext } from '../../context';
import { conflict, forbidden, HttpProblem, notFound, unprocessable } from '../../http/problem';

/**
 * A rule of access control that refuses a request (P4.2b; PIPL art. 26; SPC face-recognition
 * provisions), with the field at fault. `refusalProblem` turns it into 422 or 409.
 */
export type AccessRefusalType = 'FaceConsentMissing' | 'NoOtherWayIn' | 'PersonLeft' | 'LastOtherWayIn' | 'IdTaken';

export class AccessRefusal extends Error {
  constructor(
    readonly type: AccessRefusalType,
    readonly field: string,
    readonly detail: DetailKey,
  ) {
    super(`${type}: ${detail}`);
    this.name = 'AccessRefusal';
  }
}

/** Each refusal's message at the field, in the caller's language. */
const REFUSAL_FIELD_TEXTS: Record<AccessRefusalType, FieldKey> = {
  FaceConsentMissing: 'face-consent-missing',
  NoOtherWayIn: 'no-other-way-in',
  PersonLeft: 'person-left',
  LastOtherWayIn: 'last-other-way-in',
  IdTaken: 'id-taken',
};

/** A missing consent is unprocessable content; the others conflict with the person's current state. */
export function refusalProblem(refusal: AccessRefusal): HttpProblem {
  const errors = [{ field: refusal.field, message: REFUSAL_FIELD_TEXTS[refusal.type] }];
  return refusal.type === 'FaceConsentMissing' ? unprocessable(refusal.detail, errors) : conflict(refusal.detail, errors);
}

/** Runs a use case, turning its access refusals into problems. */
export async function refusing<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AccessRefusal) throw refusalProblem(error);
    throw error;
  }
}

export async function personOrNotFound(ctx: ApiContext, personId: string) {
  const person = await ctx.db.query.accessPeople.findFirst({ where: eq(accessPeople.id, personId) });
  if (!person) throw notFound('access.unknown-person', { personId });
  return person;
}

/** Under the own-person rule of the action, an owner acts for themselves only: the person linked to their own sign-in. */
export async function personForActor(ctx: ApiContext, user: SessionUser, personId: string, action: Action, what: Localised) {
  const person = await personOrNotFound(ctx, personId);
  if (!canOnAny(user, action) && person.userId !== user.id) throw forbidden('access.for-yourself-only', { what }, [{ field: 'personId', message: 'not-you' }]);
  return person;
}

export async function ownsUnit(ctx: ApiContext, user: SessionUser, unitId: string) {
  if (!user.ownerId) return false;
  return Boolean(await ctx.db.query.unitOwners.findFirst({ where: and(eq(unitOwners.unitId, unitId), eq(unitOwners.ownerId, user.ownerId)) }));
}

export const actorOf = (user: SessionUser) => ({ userId: user.id, displayName: user.displayName });


/**
 * The id a person is known by on the door controllers (ISAPI employeeNo, at most 32 characters):
 * a prefix and the client's UUID without dashes, so a retried request maps to the same person.
 */
export const deviceSafeId = (prefix: 'p' | 'v', uuid: string) => `${prefix}${uuid.replace(/-/g, '').slice(0, 31)}`;

/** A data URL's media type and base64 content. */
export function dataUrl(value: string): { contentType: string; content: string } {
  const [, contentType, content] = /^data:([^;]+);base64,(.*)$/s.exec(value)!;
  return { contentType, content };
}
