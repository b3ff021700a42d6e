import { z } from 'zod';
import { label, titleReference, type Vocabulary } from '../../contracts/labels';
import { durationMs } from '../lib/inputs';
import { defineProcess } from '../lib/process-definition';
import { ACCESS_ANOMALY_STEPS } from './steps';
import { optionLabel, textField } from '../lib/labels';

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

export const RULE_LABELS = {
  'many-people': label('短时间内查阅多人记录', 'Many people read in a short time'),
  'off-shift': label('非当班时间查阅', 'Read outside the shift'),
  'bulk-export': label('批量导出', 'Bulk export'),
};

/** The wording of the reviewer's task (P5.3c). */
export const ACCESS_ANOMALY_LABELS = {
  rule: { title: label('触发规则', 'Rule'), options: RULE_LABELS },
  // The rule's title as the history records it: the rule above names it in the reader's language.
  ruleTitle: { title: label('规则', 'Rule'), format: 'hidden' },
  userId: { title: label('用户', 'User'), format: 'hidden' },
  user: { title: label('查阅人', 'Who read') },
  roles: { title: label('角色', 'Roles'), format: 'role' },
  windowStart: { title: label('时段开始', 'Window start'), format: 'date-time' },
  windowEnd: { title: label('时段结束', 'Window end'), format: 'date-time' },
  observed: { title: label('实际次数', 'Observed') },
  threshold: { title: label('阈值', 'Threshold') },
  finding: {
    title: label('结论', 'Finding'),
    options: { legitimate: label('正当：职责需要', 'Legitimate: a duty explains the reads'), misuse: label('滥用：并非职责所需', 'Misuse: the reads were not needed') },
  },
  note: { title: label('说明', 'Note'), help: label('职责依据，或滥用情况；认定滥用时必填', 'What explains the reads, or what was misused; required for misuse') },
  alertId: { title: label('预警', 'Alert'), format: 'hidden' },
  actorId: { title: label('查阅人', 'Who read'), format: 'user' },
} satisfies Vocabulary;

export const accessAnomalyProcess = defineProcess({
  name: 'access-anomaly',
  workflowType: 'accessAnomaly',
  title: { 'zh-CN': '异常访问审查', en: 'Access anomaly review' },
  clauses: ['P5.3c'],
  input: accessAnomalyInput,
  workflowId: (alertId: string) => `access-anomaly-${alertId}`,
  steps: ACCESS_ANOMALY_STEPS,
  instanceTitle: {
    keys: ['rule', 'actorId'],
    of: ({ title, data }) => {
      const rule = textField(data, 'rule');
      const actor = textField(data, 'actorId');
      if (!rule || !actor) return label(title, title);
      const named = optionLabel(RULE_LABELS, rule);
      return label(`${named['zh-CN']}：${titleReference('user', actor)}`, `${named.en}: ${titleReference('user', actor)}`);
    },
  },
  labels: ACCESS_ANOMALY_LABELS,
  load: () => import(/* webpackMode: "eager" */ './workflow'),
});
