import { z } from 'zod';
import { deviceRetry, requester } from '../lib/inputs';
import { defineProcess } from '../lib/process-definition';
import { CREDENTIAL_ENROLMENT_STEPS } from './steps';

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
  // No person's task: nothing to word beyond its steps.
  labels: {},
  load: () => import(/* webpackMode: "eager" */ './workflow'),
});
