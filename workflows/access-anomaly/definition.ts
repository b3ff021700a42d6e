import { z } from 'zod';
import { durationMs } from '../lib/inputs';
import { defineProcess } from '../lib/process-definition';
import { ACCESS_ANOMALY_STEPS } from './steps';

/** The rules of the access-log settings (the access_alerts.rule column holds the same names). */
export const anomalyRule = z.lazy(() => z.enum(['many-people', 'off-shift', 'bulk-export']));
export type AnomalyRule = z.infer<typeof anomalyRule>;

export const accessAnomalyTimings = z.lazy(() => z.object({ reviewDueMs: durationMs() }));
export type AccessAnomalyTimings = z.infer<typeof accessAnomalyTimings>;

/** P5.3c: a rule over the access log fired for one user in one window. */
export const accessAnomalyInput = z.lazy(() =>
  z.object({
    alertId: z.string(),
    rule: anomalyRule,
    actor: z.object({ userId: z.string(), displayName: z.string(), roles: z.array(z.string()) }),
    windowStart: z.string(),
    windowEnd: z.string(),
    /** What was counted when the rule fired (people, downloads, reads off shift) and the limit it passed. */
    observed: z.number(),
    threshold: z.number(),
    timings: accessAnomalyTimings,
  }),
);
export type AccessAnomalyInput = z.infer<typeof accessAnomalyInput>;

export const accessAnomalyProcess = defineProcess({
  name: 'access-anomaly',
  workflowType: 'accessAnomaly',
  title: { 'zh-CN': '异常访问审查', en: 'Access anomaly review' },
  clauses: ['P5.3c'],
  input: accessAnomalyInput,
  workflowId: (alertId: string) => `access-anomaly-${alertId}`,
  steps: ACCESS_ANOMALY_STEPS,
  load: () => import(/* webpackMode: "eager" */ './workflow'),
});
