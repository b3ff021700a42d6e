import { useMemo, useState, type FormEvent } from 'react';
import { ErrorBanner } from '../../../components/error-banner';
import { FieldNotes, FormField } from '../../../components/form-field';
import { fieldErrorsByName } from '../../../lib/api-client';
import { useI18n } from '../../../lib/i18n';
import { withoutKey } from '../../../lib/records';
import type { Task } from '../../../types/api';
import { completeTask } from '../api/task-api';
import {
  fieldsFromSchema,
  initialValues,
  toPayload,
  type FieldProblem,
  type FormFieldSpec,
  type FormValue,
  type FormValues,
} from '../utils/form-schema';

/** The task's form, drawn from its formSchema; submitting completes the task. */
export function TaskForm({
  task,
  disabled,
  onCompleted,
}: {
  task: Task;
  disabled: boolean;
  onCompleted: (task: Task) => void;
}) {
  const { t } = useI18n();
  const fields = useMemo(() => fieldsFromSchema(task.formSchema), [task.formSchema]);
  const [values, setValues] = useState<FormValues>(() => initialValues(fields));
  const [problems, setProblems] = useState<Record<string, FieldProblem>>({});
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  const fieldNames = new Set(fields.map((field) => field.name));
  const unclaimed = Object.entries(serverErrors)
    .filter(([name]) => !fieldNames.has(name))
    .map(([name, message]) => `${name}: ${message}`);

  function setValue(name: string, value: FormValue) {
    setValues((current) => ({ ...current, [name]: value }));
    setProblems((current) => withoutKey(current, name));
    setServerErrors((current) => withoutKey(current, name));
  }

  function errorFor(name: string): string | undefined {
    const problem = problems[name];
    if (problem) return t(problem.key, problem.n === undefined ? undefined : { n: problem.n });
    return serverErrors[name];
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { payload, problems: found } = toPayload(fields, values);
    setProblems(found);
    setServerErrors({});
    if (Object.keys(found).length > 0) {
      setError(new Error(t('form.fixErrors')));
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      onCompleted(await completeTask(task.id, payload));
    } catch (failure) {
      setError(failure);
      setServerErrors(fieldErrorsByName(failure, ['payload']));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <form className="task-form" onSubmit={handleSubmit} noValidate data-testid="task-form">
      <ErrorBanner error={error} unclaimedFieldErrors={unclaimed} />
      <fieldset disabled={disabled || submitting}>
        {fields.length === 0 && <p className="muted">{t('task.noFields')}</p>}
        {fields.map((field) => (
          <SchemaField
            key={field.name}
            field={field}
            value={values[field.name] ?? ''}
            error={errorFor(field.name)}
            onChange={(value) => setValue(field.name, value)}
          />
        ))}
        <div className="form-actions">
          <button type="submit" className="button-primary" data-testid="complete-task">
            {t('task.complete')}
          </button>
        </div>
      </fieldset>
    </form>
  );
}

function SchemaField({
  field,
  value,
  error,
  onChange,
}: {
  field: FormFieldSpec;
  value: FormValue;
  error?: string;
  onChange: (value: FormValue) => void;
}) {
  const { t } = useI18n();
  const { name, schema, kind } = field;
  const id = `field-${name}`;
  const describedBy = [field.help || kind === 'list' ? `${id}-help` : '', error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ') || undefined;
  const common = { id, name, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy };
  const help = kind === 'list' ? [field.help, t('form.listHint')].filter(Boolean).join(' · ') : field.help;

  if (kind === 'boolean') {
    return (
      <div className={`form-field checkbox-field${error ? ' has-error' : ''}`}>
        <label htmlFor={id}>
          <input {...common} type="checkbox" checked={value === true} onChange={(event) => onChange(event.target.checked)} />{' '}
          {field.label}
        </label>
        <FieldNotes id={id} name={name} help={help} error={error} />
      </div>
    );
  }

  if (kind === 'choice-list') {
    const selected = Array.isArray(value) ? value : [];
    return (
      <fieldset className={`form-field choice-list${error ? ' has-error' : ''}`} aria-describedby={describedBy}>
        <legend>
          {field.label}
          {field.required && <span className="required-mark"> *</span>}
        </legend>
        {field.options.map((option) => {
          const optionValue = String(option);
          return (
            <label key={optionValue} className="inline-choice">
              <input
                type="checkbox"
                name={name}
                value={optionValue}
                checked={selected.includes(optionValue)}
                onChange={(event) =>
                  onChange(
                    event.target.checked ? [...selected, optionValue] : selected.filter((item) => item !== optionValue),
                  )
                }
              />{' '}
              {optionValue}
            </label>
          );
        })}
        <FieldNotes id={id} name={name} help={help} error={error} />
      </fieldset>
    );
  }

  const text = typeof value === 'string' ? value : '';
  let control;
  switch (kind) {
    case 'choice':
      control = (
        <select {...common} value={text} onChange={(event) => onChange(event.target.value)}>
          <option value="">{t('common.select')}</option>
          {field.options.map((option) => (
            <option key={String(option)} value={String(option)}>
              {String(option)}
            </option>
          ))}
        </select>
      );
      break;
    case 'list':
      control = <textarea {...common} rows={4} value={text} onChange={(event) => onChange(event.target.value)} />;
      break;
    case 'number':
    case 'integer':
      control = (
        <input
          {...common}
          type="number"
          inputMode={kind === 'integer' ? 'numeric' : 'decimal'}
          step={kind === 'integer' ? 1 : 'any'}
          min={schema.minimum ?? schema.exclusiveMinimum}
          max={schema.maximum ?? schema.exclusiveMaximum}
          value={text}
          onChange={(event) => onChange(event.target.value)}
        />
      );
      break;
    case 'date-time':
      control = <input {...common} type="datetime-local" value={text} onChange={(event) => onChange(event.target.value)} />;
      break;
    case 'date':
      control = <input {...common} type="date" value={text} onChange={(event) => onChange(event.target.value)} />;
      break;
    default:
      control = (
        <input
          {...common}
          type="text"
          minLength={schema.minLength}
          maxLength={schema.maxLength}
          value={text}
          onChange={(event) => onChange(event.target.value)}
        />
      );
  }

  return (
    <FormField id={id} name={name} label={field.label} help={help} error={error} required={field.required}>
      {control}
    </FormField>
  );
}
