import { z } from 'zod';
import { label, type Label } from '../../contracts/labels';
import { pickMany } from '../lib/form-fields';
import { COMMON_LABELS, fieldMeta } from '../lib/labels';
import type { DirectoryUser } from '../project-delivery/messages';
import { CHECK_ITEM_LABELS, PROJECT_ACCEPTANCE_LABELS as LABELS } from './definition';
import { fieldText, type FieldKey } from '../../contracts/problem-texts';

export { completeTaskUpdate, progressQuery } from '../lib/messages';
export type { AcceptanceTimings, ProjectAcceptanceInput } from './definition';

export interface ProjectAcceptanceOutcome {
  rounds: number;
  warrantyStartsAt: string;
  warrantyEndsAt: string;
  settledBy: string;
}

/** P2.3c: the technology department forms the team. */
export const TECHNOLOGY_ROLES = ['technician', 'tech-supervisor'];
/** Business departments: staff outside technology who use or pay for the system. */
export const BUSINESS_ROLES = ['monitoring-operator', 'guard', 'finance', 'procurement', 'management', 'hr'];
/** Owner representatives: an owner or a member of the owners' committee. */
export const OWNER_ROLES = ['owner', 'committee-member'];

/**
 * P2.3c: the acceptance team must include the technology department, the business departments
 * concerned and at least one owner representative. Each list offers only the people of its roles (by
 * name), so a team without an owner representative is refused naming `ownerRepresentatives`.
 */
export function acceptanceTeamForm(directory: DirectoryUser[]) {
  const members = (title: Label, roles: readonly string[], refusal: FieldKey, noneAvailable: FieldKey) =>
    pickMany({
      choices: directory.filter((user) => user.roles.some((role) => roles.includes(role))).map((user) => ({ id: user.id, label: user.displayName })),
      title,
      refusal,
      noneAvailable,
    }).default([]);
  /** Each list and what its emptiness is refused with. */
  const rule = [
    ['technologyMembers', fieldText('team-needs-technology')],
    ['businessMembers', fieldText('team-needs-business')],
    ['ownerRepresentatives', fieldText('team-needs-owner')],
  ] as const;
  return z
    .object({
      technologyMembers: members(LABELS.technologyMembers.title, TECHNOLOGY_ROLES, 'not-technology-member', 'nobody-technology'),
      businessMembers: members(LABELS.businessMembers.title, BUSINESS_ROLES, 'not-business-member', 'nobody-business'),
      ownerRepresentatives: members(LABELS.ownerRepresentatives.title, OWNER_ROLES, 'not-owner-representative', 'nobody-owner'),
    })
    .superRefine((team, ctx) => {
      for (const [field, needed] of rule) {
        if (team[field].length === 0) ctx.addIssue({ code: 'custom', path: [field], message: needed });
      }
      const all = [...team.technologyMembers, ...team.businessMembers, ...team.ownerRepresentatives];
      if (new Set(all).size !== all.length) ctx.addIssue({ code: 'custom', path: ['ownerRepresentatives'], message: fieldText('sits-once') });
    });
}
export type AcceptanceTeam = z.output<ReturnType<typeof acceptanceTeamForm>>;

const checkItem = (title: Label) =>
  z
    .object({
      passed: z.boolean().meta(fieldMeta(LABELS.passed)),
      note: z.string().trim().max(2000).optional().meta(fieldMeta(LABELS.note)),
    })
    .refine((item) => item.passed || (item.note ?? '').length > 0, { message: fieldText('say-what-failed'), path: ['note'] })
    .meta(fieldMeta({ title }));

/** P2.3c (+ personal-information rules for biometrics): what the team checks against the contract. */
export function acceptanceChecklistForm(biometric: boolean) {
  const biometricItems = z
    .object({
      signage: checkItem(CHECK_ITEM_LABELS.signage),
      separateConsent: checkItem(CHECK_ITEM_LABELS.separateConsent),
      nonFaceAlternative: checkItem(CHECK_ITEM_LABELS.nonFaceAlternative),
    })
    .meta(fieldMeta({ title: label('生物识别项目', 'Biometric items') }));
  return z.object({
    function: checkItem(CHECK_ITEM_LABELS.function),
    performance: checkItem(CHECK_ITEM_LABELS.performance),
    dataSecurity: checkItem(CHECK_ITEM_LABELS.dataSecurity),
    afterSales: checkItem(CHECK_ITEM_LABELS.afterSales),
    biometric: biometric ? biometricItems : biometricItems.optional(),
  });
}
export type AcceptanceChecklist = z.output<ReturnType<typeof acceptanceChecklistForm>>;

/** The names of the failed items, e.g. `performance`, `biometric.separateConsent`. */
export function failedItems(checklist: AcceptanceChecklist): string[] {
  const failed: string[] = [];
  for (const key of ['function', 'performance', 'dataSecurity', 'afterSales'] as const) if (!checklist[key].passed) failed.push(key);
  if (checklist.biometric) {
    for (const [key, item] of Object.entries(checklist.biometric)) if (!item.passed) failed.push(`biometric.${key}`);
  }
  return failed;
}

export const signatureForm = z.object({
  signedAs: z.string().trim().min(2).max(200).meta(fieldMeta(LABELS.signedAs)),
  comment: z.string().trim().max(2000).optional().meta(fieldMeta(COMMON_LABELS.comment)),
});

export const rectificationForm = z.object({
  measures: z.string().trim().min(3).max(4000).meta(fieldMeta(LABELS.measures)),
});

/** P2.3c: after a pass, finance settles with the supplier. */
export const settlementForm = z.object({
  invoiceNumber: z.string().trim().min(1).max(100).meta(fieldMeta(LABELS.invoiceNumber)),
  amount: z.number().positive().meta(fieldMeta(LABELS.amount)),
});
