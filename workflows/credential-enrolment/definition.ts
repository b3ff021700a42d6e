import { z } from 'zod';
import { label } from '../../contracts/labels';
import { CREDENTIAL_KIND_LABELS } from '../access-revocation/definition';
import { deviceRetry, requester } from '../lib/inputs';
import { defineProcess } from '../lib/process-definition';
import { CREDENTIAL_ENROLMENT_STEPS } from './steps';
import { optionLabel, recordedName, textField } from '../lib/labels';

export const credentialKind = z.lazy(() => z.enum(['card', 'face', 'fingerprint', 'pin']));
export type CredentialKind = z.infer<typeof credentialKind>;

/** The credential row is written by the API first; the process carries ids only, never a face image. */
export const credentialEnrolmentInput = z.lazy(() =>
  z.object({
    credentialId: z.string(),
    personId: z.string(),
    personName: z.string(),
    kind: credentialKind,
    /** The doors of the person's area, resolved when the request was made. */
    deviceIds: z.array(z.string()),
    requestedBy: requester,
    retry: deviceRetry,
  }),
);
export type CredentialEnrolmentInput = z.infer<typeof credentialEnrolmentInput>;

export const credentialEnrolmentProcess = defineProcess({
  name: 'credential-enrolment',
  workflowType: 'credentialEnrolment',
  title: { 'zh-CN': '门禁凭证登记', en: 'Credential enrolment' },
  clauses: ['P4.2b'],
  startAction: 'credential-enrolment.start',
  input: credentialEnrolmentInput,
  workflowId: (credentialId: string) => `credential-enrolment-${credentialId}`,
  steps: CREDENTIAL_ENROLMENT_STEPS,
  // No person's task: its labels word what its instances record, for the instance page.
  instanceTitle: {
    keys: ['kind'],
    of: ({ title, data }) => {
      const kind = textField(data, 'kind') ?? title.split(': ')[0];
      const person = recordedName(title, `${kind}: `);
      const named = optionLabel(CREDENTIAL_KIND_LABELS, kind);
      return label(`登记${named['zh-CN']}：${person}`, `Enrol ${named.en.toLowerCase()}: ${person}`);
    },
  },
  labels: {
    kind: { title: label('凭证类型', 'Credential'), options: CREDENTIAL_KIND_LABELS },
    enrolled: { title: label('已登记的门禁', 'Enrolled on'), format: 'device' },
    refusal: {
      title: label('拒绝原因', 'Why refused'),
      options: { FaceConsentMissing: label('未记录本人同意采集人脸', 'No recorded consent to a face'), NoOtherWayIn: label('未提供人脸以外的通行方式', 'No way in other than a face') },
    },
  },
  load: () => import(/* webpackMode: "eager" */ './workflow'),
});
