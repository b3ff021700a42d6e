import { z } from 'zod';
import { pickMany } from '../lib/form-fields';
import type { DirectoryUser } from '../project-delivery/messages';
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
  const members = (title: string, roles: readonly string[], refusal: FieldKey, noneAvailable: FieldKey) =>
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
      technologyMembers: members('技术部门成员 Technology department', TECHNOLOGY_ROLES, 'not-technology-member', 'nobody-technology'),
      businessMembers: members('业务部门成员 Business departments', BUSINESS_ROLES, 'not-business-member', 'nobody-business'),
      ownerRepresentatives: members('业主代表 Owner representatives', OWNER_ROLES, 'not-owner-representative', 'nobody-owner'),
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

const checkItem = (title: string) =>
  z
    .object({
      passed: z.boolean().meta({ title: '通过 Passed' }),
      note: z.string().trim().max(2000).optional().meta({ title: '说明 Note' }),
    })
    .refine((item) => item.passed || (item.note ?? '').length > 0, { message: fieldText('say-what-failed'), path: ['note'] })
    .meta({ title });

/** P2.3c (+ personal-information rules for biometrics): what the team checks against the contract. */
export function acceptanceChecklistForm(biometric: boolean) {
  const biometricItems = z
    .object({
      signage: checkItem('人脸采集告知标识 Signage at collection points'),
      separateConsent: checkItem('单独同意 Separate consent'),
      nonFaceAlternative: checkItem('非人脸替代方式 A non-face alternative'),
    })
    .meta({ title: '生物识别 Biometric items' });
  return z.object({
    function: checkItem('功能 Function'),
    performance: checkItem('性能指标 Performance indicators'),
    dataSecurity: checkItem('数据安全 Data security'),
    afterSales: checkItem('售后服务 After-sales service'),
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
  signedAs: z.string().trim().min(2).max(200).meta({ title: '签名 Signature', description: 'Your full name' }),
  comment: z.string().trim().max(2000).optional().meta({ title: '意见 Comment' }),
});

export const rectificationForm = z.object({
  measures: z.string().trim().min(3).max(4000).meta({ title: '整改措施 Rectification', description: 'What was fixed' }),
});

/** P2.3c: after a pass, finance settles with the supplier. */
export const settlementForm = z.object({
  invoiceNumber: z.string().trim().min(1).max(100).meta({ title: '发票号 Invoice number' }),
  amount: z.number().positive().meta({ title: '结算金额 Amount (CNY)' }),
});
