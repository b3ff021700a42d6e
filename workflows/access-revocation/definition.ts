import { z } from 'zod';
import { label, type Vocabulary } from '../../contracts/labels';
import { deviceRetry, doorOutage, requester } from '../lib/inputs';
import { DOOR_CHECK_LABELS } from '../lib/labels';
import { defineProcess } from '../lib/process-definition';
import { ACCESS_REVOCATION_STEPS } from './steps';
import { optionLabel, recordedName, textField } from '../lib/labels';

export const accessRevocationInput = z.lazy(() =>
  z.object({
    personId: z.string(),
    personName: z.string(),
    /** `moved-out` / `left` revoke everything and close the person; `credential` revokes the ones named. */
    reason: z.enum(['moved-out', 'left', 'credential']),
    credentialIds: z.array(z.string()).optional(),
    requestedBy: requester,
    retry: deviceRetry,
    /** A door that does not answer is retried until it does (absent in processes started before: they gave up after `retry`). */
    outage: doorOutage.optional(),
  }),
);
export type AccessRevocationInput = z.infer<typeof accessRevocationInput>;

export const CREDENTIAL_KIND_LABELS = {
  card: label('门禁卡', 'Card'),
  face: label('人脸', 'Face'),
  fingerprint: label('指纹', 'Fingerprint'),
  pin: label('密码', 'PIN'),
};

/** The wording of the door check (P4.2b). */
export const ACCESS_REVOCATION_LABELS = {
  ...DOOR_CHECK_LABELS,
  reason: {
    title: label('撤销原因', 'Reason'),
    options: { 'moved-out': label('迁出', 'Moved out'), left: label('离职', 'Left'), credential: label('撤销指定凭证', 'Credentials withdrawn') },
  },
  credentialKinds: { title: label('凭证类型', 'Credentials'), options: CREDENTIAL_KIND_LABELS },
  revocationRequestedAt: { title: label('申请撤销时间', 'Revocation requested'), format: 'date-time' },
  credentialsRevoked: { title: label('已撤销凭证数', 'Credentials revoked') },
  visitorPassesEnded: { title: label('已终止的访客通行证', 'Visitor passes ended'), format: 'process' },
} satisfies Vocabulary;

export const accessRevocationProcess = defineProcess({
  name: 'access-revocation',
  workflowType: 'accessRevocation',
  title: { 'zh-CN': '门禁权限撤销', en: 'Access revocation' },
  clauses: ['P4.2b'],
  startAction: 'access-revocation.start',
  input: accessRevocationInput,
  workflowId: (requestId: string) => `access-revocation-${requestId}`,
  steps: ACCESS_REVOCATION_STEPS,
  instanceTitle: {
    keys: ['reason'],
    of: ({ title, data }) => {
      const person = recordedName(title, 'Revoke access: ', ' (');
      const reason = optionLabel(ACCESS_REVOCATION_LABELS.reason.options, textField(data, 'reason') ?? '');
      return label(`撤销门禁权限：${person}（${reason['zh-CN']}）`, `Revoke access: ${person} (${reason.en})`);
    },
  },
  labels: ACCESS_REVOCATION_LABELS,
  load: () => import(/* webpackMode: "eager" */ './workflow'),
});
