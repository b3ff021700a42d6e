import { z } from 'zod';
import { deviceRetry, doorOutage, requester } from '../lib/inputs';
import { defineProcess } from '../lib/process-definition';
import { ACCESS_REVOCATION_STEPS } from './steps';

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

export const accessRevocationProcess = defineProcess({
  name: 'access-revocation',
  workflowType: 'accessRevocation',
  title: { 'zh-CN': '门禁权限撤销', en: 'Access revocation' },
  clauses: ['P4.2b'],
  startAction: 'access-revocation.start',
  input: accessRevocationInput,
  workflowId: (requestId: string) => `access-revocation-${requestId}`,
  steps: ACCESS_REVOCATION_STEPS,
  load: () => import(/* webpackMode: "eager" */ './workflow'),
});
