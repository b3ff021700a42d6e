import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  fieldPaths,
  fieldsFromSchema,
  initialValues,
  placeFieldErrors,
  setValueAt,
  toPayload,
  type FormValues,
  type JsonSchema,
} from '../ui/src/features/tasks/utils/form-schema';
import { budgetForm, planForm } from '../workflows/annual-plan/messages';
import { acceptanceChecklistForm } from '../workflows/project-acceptance/messages';

/** The schema exactly as a task carries it (human-task.ts). */
const schemaOf = (form: z.ZodType) => z.toJSONSchema(form, { io: 'input' }) as JsonSchema;

describe('task form schema: rows and sections', () => {
  const plan = fieldsFromSchema(schemaOf(planForm));

  it('reads an array of objects as rows with their own fields, titles and bounds', () => {
    const projects = plan.find((field) => field.name === 'projects')!;
    expect(projects.kind).toBe('rows');
    expect(projects.label).toBe('项目清单');
    expect(projects.schema.minItems).toBe(1);
    expect(projects.schema.maxItems).toBe(50);
    expect(projects.fields.map((field) => [field.name, field.kind, field.required])).toEqual([
      ['title', 'text', true],
      ['priority', 'integer', true],
      ['estimateYuan', 'number', true],
      ['schedule', 'text', true],
      ['system', 'choice', false],
      // A decision with no default: two labelled choices, none chosen.
      ['major', 'yes-no', true],
      ['art278Item', 'integer', false],
    ]);
    expect(plan.find((field) => field.name === 'goals')!.kind).toBe('list');
    const budgetRows = fieldsFromSchema(schemaOf(budgetForm))[0]!;
    expect(budgetRows.fields[0]!.optionLabels.training).toBe('培训');
    expect(fieldsFromSchema(schemaOf(budgetForm), 'en')[0]!.fields[0]!.optionLabels.training).toBe('Training');
    expect(fieldsFromSchema(schemaOf(planForm), 'en').find((field) => field.name === 'projects')!.label).toBe('Projects');
  });

  it('starts with minItems blank rows and builds the payload row by row, problems keyed by path', () => {
    const values = initialValues(plan);
    expect(values.projects).toEqual([{ title: '', priority: '', estimateYuan: '', schedule: '', system: '', major: '', art278Item: '' }]);
    let filled: FormValues = setValueAt(values, 'goals', 'Clear coverage');
    filled = setValueAt(filled, 'schedule', 'Q2 cameras');
    filled = setValueAt(filled, 'projects', [...(filled.projects as FormValues[]), initialValues(plan[1]!.fields)]);
    for (const [path, value] of [
      ['projects.0.title', 'Replace cameras'],
      ['projects.0.priority', '1'],
      ['projects.0.estimateYuan', '86000.5'],
      ['projects.0.schedule', '2032 Q2'],
      ['projects.1.title', 'Sh'],
      ['projects.1.priority', '9'],
    ] as const) {
      filled = setValueAt(filled, path, value);
    }
    filled = setValueAt(filled, 'projects.0.major', 'false');
    const unanswered = toPayload(plan, filled);
    expect(unanswered.problems['projects.1.major']).toEqual({ key: 'form.required' });
    filled = setValueAt(filled, 'projects.1.major', 'true');
    const { payload, problems } = toPayload(plan, filled);
    expect(problems).toEqual({
      'projects.1.title': { key: 'form.minLength', n: 3 },
      'projects.1.priority': { key: 'form.maximum', n: 5 },
      'projects.1.estimateYuan': { key: 'form.required' },
      'projects.1.schedule': { key: 'form.required' },
    });
    expect(payload.projects).toEqual([
      { title: 'Replace cameras', priority: 1, estimateYuan: 86000.5, schedule: '2032 Q2', major: false },
      { major: true },
    ]);
    // Untouched rows of the first project survive the edit of the second.
    expect((filled.projects as FormValues[])[0]!.title).toBe('Replace cameras');
  });

  it('a list under its minimum or over its maximum is named at the list', () => {
    const projects = plan.find((field) => field.name === 'projects')!;
    expect(toPayload([projects], { projects: [] }).problems).toEqual({ projects: { key: 'form.required' } });
    const row = initialValues(projects.fields);
    expect(toPayload([projects], { projects: Array.from({ length: 51 }, () => row) }).problems.projects).toEqual({ key: 'form.maxItems', n: 50 });
  });

  it('places API errors at the row field, else at the nearest list or section drawn', () => {
    const values = setValueAt(initialValues(plan), 'projects', [initialValues(plan[1]!.fields), initialValues(plan[1]!.fields)]);
    const placed = placeFieldErrors(
      [
        { field: 'payload.projects.1.art278Item', message: 'a major project is classified under art. 278 (items 1–9)' },
        { field: 'payload.goals.2', message: 'Too small' },
        { field: 'payload.projects.7.title', message: 'gone' },
        { field: 'payload.(form)', message: 'whole form' },
      ],
      fieldPaths(plan, values),
      'payload',
    );
    expect(placed.byPath).toEqual({
      'projects.1.art278Item': 'a major project is classified under art. 278 (items 1–9)',
      goals: 'Too small',
      projects: 'gone',
    });
    expect(placed.unclaimed).toEqual(['(form): whole form']);
  });

  it('a required section is always sent; an optional one left blank is left out', () => {
    const required = fieldsFromSchema(schemaOf(acceptanceChecklistForm(true)));
    const optional = fieldsFromSchema(schemaOf(acceptanceChecklistForm(false)));
    expect(required.map((field) => [field.name, field.kind, field.required])).toContainEqual(['biometric', 'group', true]);
    expect(optional.map((field) => [field.name, field.kind, field.required])).toContainEqual(['biometric', 'group', false]);
    expect(toPayload(optional, initialValues(optional)).payload).not.toHaveProperty('biometric');
    let answered = initialValues(required);
    for (const item of ['function', 'performance', 'dataSecurity', 'afterSales', 'biometric.signage', 'biometric.nonFaceAlternative']) answered = setValueAt(answered, `${item}.passed`, 'true');
    // An item nobody judged is not a fail: it is asked for.
    expect(toPayload(required, answered).problems).toEqual({ 'biometric.separateConsent.passed': { key: 'form.required' } });
    const built = toPayload(required, setValueAt(answered, 'biometric.separateConsent.passed', 'false'));
    expect(built.problems).toEqual({});
    expect(built.payload.biometric).toEqual({ signage: { passed: true }, separateConsent: { passed: false }, nonFaceAlternative: { passed: true } });
  });
});

describe('task form schema: times are Beijing time, whatever the browser’s zone', () => {
  const fields = fieldsFromSchema(schemaOf(z.object({ arrivedAt: z.iso.datetime().default('2026-12-03T02:30:00.000Z') })));

  it('shows a recorded instant in Beijing time and sends what is entered as Beijing time', () => {
    // 02:30 UTC is 10:30 in Beijing: the form shows 10:30 (this test's process runs in another zone, UTC or the machine's).
    const values = initialValues(fields);
    expect(values.arrivedAt).toBe('2026-12-03T10:30');
    // A guard entering 08:05 on site means 00:05 UTC; the night before in UTC when entered just after midnight.
    expect(toPayload(fields, setValueAt(values, 'arrivedAt', '2026-12-04T08:05')).payload).toEqual({ arrivedAt: '2026-12-04T00:05:00.000Z' });
    expect(toPayload(fields, setValueAt(values, 'arrivedAt', '2026-12-04T00:10')).payload).toEqual({ arrivedAt: '2026-12-03T16:10:00.000Z' });
    expect(toPayload(fields, setValueAt(values, 'arrivedAt', 'not a time')).problems).toHaveProperty('arrivedAt');
  });
});
