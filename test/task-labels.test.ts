/**
 * Every human step of every process in the registry, rendered as its reader meets it (the task page's own
 * components, the catalogue the API serves, zh-CN first): every form field, option, context value and step is
 * worded in both languages, and no key, id, step id, internal value or address shows as text. A process's new
 * human step fails here until test/support/task-samples.ts has a task of it.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { processCatalogue } from '../api/use-cases/process-instances';
import type { User } from '../contracts/auth';
import type { Label, Language, Vocabulary } from '../contracts/labels';
import type { TaskView } from '../contracts/tasks';
import { TaskDetails } from '../ui/src/features/tasks/components/task-page';
import { fieldsFromSchema, type FormFieldSpec, type JsonSchema } from '../ui/src/features/tasks/utils/form-schema';
import { I18nProvider } from '../ui/src/lib/i18n';
import { SessionContext } from '../ui/src/lib/session';
import { PROCESSES } from '../workflows/processes';
import { TASK_SAMPLES, type TaskSample } from './support/task-samples';

const catalogue = processCatalogue();
const humanSteps = PROCESSES.flatMap((definition) =>
  Object.values(definition.steps)
    .filter((step) => step.kind === 'userTask')
    .map((step) => ({ process: definition.name, stepId: step.id, stepIds: Object.values(definition.steps).map((each) => each.id) })),
);

/** The schema exactly as a task carries it (workflows/lib/human-task.ts). */
const schemaOf = (form: z.ZodType) => z.toJSONSchema(form, { io: 'input' }) as JsonSchema;

const isLabel = (value: unknown): value is Label =>
  !!value && typeof value === 'object' && typeof (value as Label)['zh-CN'] === 'string' && (value as Label)['zh-CN'].trim() !== '' && typeof (value as Label).en === 'string' && (value as Label).en.trim() !== '';

function taskOf(process: string, stepId: string, sample: TaskSample): TaskView {
  return {
    id: `wf-${process}-1.${stepId}.1`,
    workflowId: `wf-${process}-1`,
    process,
    stepId,
    title: '样例任务',
    status: 'open',
    candidateRoles: ['tech-supervisor'],
    candidateUsers: [],
    assignee: null,
    assigneeName: null,
    priority: 50,
    dueAt: '2026-12-03T08:00:00.000Z',
    overdue: false,
    createdAt: '2026-12-02T08:00:00.000Z',
    completedAt: null,
    completedBy: null,
    context: sample.context,
    formSchema: schemaOf(sample.form) as Record<string, unknown>,
    references: sample.references,
  };
}

const reader: User = { id: 'u-reader', username: 'reader', displayName: '读者', roles: ['tech-supervisor'] } as User;

/** The task page's body, rendered by React to HTML as the browser would draw it. */
function render(task: TaskView, language: Language): string {
  const session = { user: reader, setUser: () => undefined, signOut: async () => undefined, ended: false };
  const page = createElement(TaskDetails, {
    task,
    busy: false,
    actionError: null,
    act: () => undefined,
    worklistPath: '/worklist',
    processInstanceLink: (workflowId: string) => `/processes/${workflowId}`,
    onCompleted: () => undefined,
  });
  const children = createElement(SessionContext.Provider, { value: session }, createElement(MemoryRouter, null, page));
  return renderToStaticMarkup(createElement(I18nProvider, { catalogue, language, children }));
}

/** What a reader sees of the HTML: its text and the text of its alt, title, aria-label and placeholder attributes. */
function visibleText(html: string): string {
  const attributes = [...html.matchAll(/\s(?:alt|title|aria-label|placeholder)="([^"]*)"/g)].map((match) => match[1]);
  const text = html.replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ').replace(/<[^>]+>/g, ' ');
  return [text, ...attributes]
    .join(' ')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Every key of a value, at any depth. */
function keysOf(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) keysOf(item, into);
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      into.add(key);
      keysOf(item, into);
    }
  }
  return into;
}

/** Every value worded with options, at any depth: its raw value must never show. */
function optionValuesOf(value: unknown, vocabulary: Vocabulary, into = new Set<string>(), key?: string): Set<string> {
  if (Array.isArray(value)) for (const item of value) optionValuesOf(item, vocabulary, into, key);
  else if (value && typeof value === 'object') for (const [inner, item] of Object.entries(value)) optionValuesOf(item, vocabulary, into, inner);
  else if (key && vocabulary[key]?.options && value !== null && value !== undefined) into.add(String(value));
  return into;
}

function flatten(fields: FormFieldSpec[]): FormFieldSpec[] {
  return fields.flatMap((field) => [field, ...flatten(field.fields)]);
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** `token` standing on its own: not inside a longer word or id (`note` in `notes`, `b1` in `b1-101`). */
const standsAlone = (text: string, token: string) => new RegExp(`(^|[^A-Za-z0-9_.-])${escape(token)}($|[^A-Za-z0-9_-])`).test(text);

describe('every human step of every process is worded, zh-CN first', () => {
  it('the registry has human steps, and a sample task of each', () => {
    expect(humanSteps.length).toBeGreaterThan(20);
    const missing = humanSteps.filter(({ process, stepId }) => !TASK_SAMPLES[process]?.[stepId]).map(({ process, stepId }) => `${process}.${stepId}`);
    expect(missing, 'add a sample of these steps to test/support/task-samples.ts').toEqual([]);
  });

  it('every step of every process is named in both languages', () => {
    for (const definition of PROCESSES) {
      for (const step of Object.values(definition.steps)) {
        expect(isLabel(step.label), `${definition.name}.${step.id}`).toBe(true);
        expect(step.label['zh-CN'], `${definition.name}.${step.id}`).not.toMatch(/[A-Za-z]{3,}/);
      }
    }
  });

  it.each(humanSteps)('$process $stepId: every field, option and context value has its wording', ({ process, stepId }) => {
    const sample = TASK_SAMPLES[process][stepId];
    const vocabulary = catalogue.find((entry) => entry.name === process)!.labels;
    const schema = schemaOf(sample.form);
    for (const field of flatten(fieldsFromSchema(schema))) {
      expect(isLabel(field.schema['x-label']), `${stepId}: field ${field.name} has no x-label`).toBe(true);
      if (field.schema['x-help'] !== undefined) expect(isLabel(field.schema['x-help']), `${stepId}: ${field.name}'s help`).toBe(true);
      if (field.kind === 'choice' || field.kind === 'choice-list' || field.kind === 'yes-no') {
        for (const option of field.options) expect(field.optionLabels[String(option)], `${stepId}: ${field.name} = ${String(option)}`).toBeTruthy();
      }
    }
    for (const key of keysOf(sample.context)) {
      expect(isLabel(vocabulary[key]?.title), `${process}: context key ${key} has no wording`).toBe(true);
    }
    for (const value of optionValuesOf(sample.context, vocabulary)) {
      const worded = Object.values(vocabulary).some((wording) => wording.options && isLabel(wording.options[value]));
      expect(worded, `${process}: the value ${value} has no option label`).toBe(true);
    }
  });

  it.each(humanSteps)('$process $stepId renders with no key, id, step id, internal value or address as text', ({ process, stepId, stepIds }) => {
    const sample = TASK_SAMPLES[process][stepId];
    const task = taskOf(process, stepId, sample);
    const vocabulary = catalogue.find((entry) => entry.name === process)!.labels;
    const zh = visibleText(render(task, 'zh-CN'));
    const en = visibleText(render(task, 'en'));

    const fieldNames = flatten(fieldsFromSchema(schemaOf(sample.form))).map((field) => field.name);
    const keys = new Set([...keysOf(sample.context), ...fieldNames]);
    const ids = new Set([task.id, task.workflowId, ...stepIds, ...Object.values(sample.references).flatMap((names) => Object.keys(names ?? {}))]);
    const formOptions = flatten(fieldsFromSchema(schemaOf(sample.form)))
      .filter((field) => field.kind === 'choice' || field.kind === 'yes-no')
      .flatMap((field) => field.options.filter((option) => field.optionLabels[String(option)] !== String(option)).map(String));
    const internalValues = new Set(['true', 'false', ...optionValuesOf(sample.context, vocabulary), ...formOptions]);

    for (const key of keys) expect(standsAlone(zh, key), `${stepId}: the key "${key}" shows`).toBe(false);
    for (const [language, text] of [['zh-CN', zh], ['en', en]] as const) {
      for (const id of ids) expect(standsAlone(text, id), `${stepId} (${language}): the id "${id}" shows`).toBe(false);
      expect(text, `${stepId} (${language}): an address shows as text`).not.toMatch(/rtsp:\/\/|\/api\/v1\//);
    }
    for (const value of internalValues) expect(standsAlone(zh, value), `${stepId}: the value "${value}" shows`).toBe(false);
    // The step is named as its process names it, not as its id.
    expect(zh).toContain(catalogue.find((entry) => entry.name === process)!.steps[stepId]['zh-CN']);
    expect(en).toContain(catalogue.find((entry) => entry.name === process)!.steps[stepId].en);
  });

  it('the check has teeth: a key without wording shows, with its raw value, and is caught; an id nothing names is not shown', () => {
    const sample = TASK_SAMPLES['alarm-linkage'].dispatchGuard;
    const task = taskOf('alarm-linkage', 'dispatchGuard', { ...sample, context: { ...sample.context, mysteryKey: 'z-north-gate' }, references: {} });
    const zh = visibleText(render(task, 'zh-CN'));
    expect(standsAlone(zh, 'mysteryKey')).toBe(true);
    expect(standsAlone(zh, 'z-north-gate')).toBe(true);
    expect(standsAlone(zh, 'z-car-park')).toBe(false);
  });
});

describe('decisions are explicit choices', () => {
  it('a decision renders as labelled radio buttons of which none is chosen; a yes/no with a default stays a checkbox', () => {
    const verify = visibleText(render(taskOf('fault-repair', 'verifyRepair', TASK_SAMPLES['fault-repair'].verifyRepair), 'zh-CN'));
    expect(verify).toContain('已修好，验收通过');
    expect(verify).toContain('未修好，退回返修');
    const html = render(taskOf('fault-repair', 'verifyRepair', TASK_SAMPLES['fault-repair'].verifyRepair), 'zh-CN');
    const radios = [...html.matchAll(/<input[^>]*name="accepted"[^>]*>/g)].map((match) => match[0]);
    expect(radios).toHaveLength(2);
    expect(radios.every((radio) => radio.includes('type="radio"') && !radio.includes('checked'))).toBe(true);
    expect(html).not.toMatch(/<input[^>]*type="checkbox"[^>]*name="accepted"/);

    const findings = render(taskOf('alarm-linkage', 'recordFindings', TASK_SAMPLES['alarm-linkage'].recordFindings), 'zh-CN');
    expect(findings).toMatch(/<input[^>]*type="checkbox"[^>]*name="openFaultRepair"/);
    expect([...findings.matchAll(/<input[^>]*type="radio"[^>]*name="verdict"[^>]*>/g)]).toHaveLength(2);
  });

  it('a task whose form only declares ("on my way") has no control: its button says it', () => {
    const html = render(taskOf('alarm-linkage', 'dispatchGuard', TASK_SAMPLES['alarm-linkage'].dispatchGuard), 'zh-CN');
    expect(html).not.toMatch(/name="acknowledged"/);
    expect(html).toMatch(/data-testid="complete-task"[^>]*>收到，正在前往</);
  });

  it('the filing task shows the plan and budget it acknowledges: projects, amounts, total', () => {
    const zh = visibleText(render(taskOf('committee-filing', 'acknowledgeFiling', TASK_SAMPLES['committee-filing'].acknowledgeFiling), 'zh-CN'));
    for (const text of ['项目清单', '更换大堂摄像机', '自行车棚改建商铺', '¥86,000.50', '¥120,000.00', '预算明细', '¥72,000.50', '2027 年度计划', '材料齐全，予以备案并出具回执']) {
      expect(zh).toContain(text);
    }
  });
});
