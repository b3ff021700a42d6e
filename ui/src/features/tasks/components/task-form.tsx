import { useMemo, useState, type ChangeEvent, type FormEvent } from 'react';
import type { PhotoUploaded } from '../../../../../contracts/inspections';
import type { TaskView } from '../../../../../contracts/tasks';
import { ErrorBanner } from '../../../components/error-banner';
import { FieldNotes, FormField } from '../../../components/form-field';
import { ApiError, apiRequest } from '../../../lib/api-client';
import { MAX_PHOTO_BYTES, readAsDataUrl } from '../../../lib/files';
import { useI18n } from '../../../lib/i18n';
import { withoutKey } from '../../../lib/records';
import { newUuid } from '../../../lib/uuid';
import { completeTask } from '../api/task-api';
import {
  fieldPaths,
  fieldsFromSchema,
  initialValues,
  isDeclaration,
  MAX_RADIO_OPTIONS,
  optionLabel,
  placeFieldErrors,
  setValueAt,
  toPayload,
  withoutPath,
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
  task: TaskView;
  disabled: boolean;
  onCompleted: (task: TaskView) => void;
}) {
  const { t, language } = useI18n();
  const fields = useMemo(() => fieldsFromSchema(task.formSchema, language), [task.formSchema, language]);
  // What completing the task declares ("On my way"), when that is all its form asks: the button says it.
  const declaration = fields.find(isDeclaration);
  // A task may come pre-filled (its schema's `default`): a returned draft opens with the version to correct.
  const [values, setValues] = useState<FormValues>(() => initialValues(fields, task.formSchema.default));
  const [problems, setProblems] = useState<Record<string, FieldProblem>>({});
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [unclaimed, setUnclaimed] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  /** Sets the value at a path; a list's rows renumber, so its errors go with them. */
  function setValue(path: string, value: FormValue, clearsBelow = false) {
    const clear = <T,>(record: Record<string, T>) => (clearsBelow ? withoutPath(record, path) : withoutKey(record, path));
    setValues((current) => setValueAt(current, path, value));
    setProblems(clear);
    setServerErrors(clear);
  }

  function errorFor(path: string): string | undefined {
    const problem = problems[path];
    if (problem) return t(problem.key, problem.n === undefined ? undefined : { n: problem.n });
    return serverErrors[path];
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { payload, problems: found } = toPayload(fields, values);
    setProblems(found);
    setServerErrors({});
    setUnclaimed([]);
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
      const placed = placeFieldErrors(failure instanceof ApiError ? failure.errors : [], fieldPaths(fields, values), 'payload');
      setServerErrors(placed.byPath);
      setUnclaimed(placed.unclaimed);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <form className="task-form" onSubmit={handleSubmit} noValidate data-testid="task-form">
      <ErrorBanner error={error} unclaimedFieldErrors={unclaimed} />
      <fieldset disabled={disabled || submitting}>
        {fields.length === 0 && <p className="muted">{t('task.noFields')}</p>}
        <FieldList fields={fields} values={values} prefix="" errorFor={errorFor} onChange={setValue} />
        <div className="form-actions">
          <button type="submit" className="button-primary" data-testid="complete-task">
            {declaration ? (declaration.optionLabels[String(declaration.options[0])] ?? declaration.label) : t('task.complete')}
          </button>
        </div>
      </fieldset>
    </form>
  );
}

type OnChange = (path: string, value: FormValue, clearsBelow?: boolean) => void;

/** The fields of the form, of one row or of one section; `prefix` makes their paths. */
function FieldList({
  fields,
  values,
  prefix,
  errorFor,
  onChange,
}: {
  fields: FormFieldSpec[];
  values: FormValues;
  prefix: string;
  errorFor: (path: string) => string | undefined;
  onChange: OnChange;
}) {
  return (
    <>
      {fields.map((field) => {
        const path = `${prefix}${field.name}`;
        const value = values[field.name] ?? '';
        // Its value is the only one it can take: the submit button says it, its help stays in sight.
        if (isDeclaration(field)) return field.help ? <p key={path} className="help">{field.help}</p> : null;
        if (field.kind === 'rows') {
          return <RowsField key={path} field={field} path={path} value={value} errorFor={errorFor} onChange={onChange} />;
        }
        if (field.kind === 'group') {
          const record = typeof value === 'object' && !Array.isArray(value) ? value : {};
          const error = errorFor(path);
          return (
            <fieldset key={path} className={`form-group${error ? ' has-error' : ''}`} data-group={path}>
              <legend>
                {field.label}
                {field.required && <span className="required-mark"> *</span>}
              </legend>
              <FieldList fields={field.fields} values={record} prefix={`${path}.`} errorFor={errorFor} onChange={onChange} />
              <FieldNotes id={idOf(path)} name={path} help={field.help} error={error} />
            </fieldset>
          );
        }
        return (
          <SchemaField key={path} field={field} path={path} value={value} error={errorFor(path)} onChange={(next) => onChange(path, next)} />
        );
      })}
    </>
  );
}

/** An array of objects: one fieldset per row with the row's own fields; rows are added and removed. */
function RowsField({
  field,
  path,
  value,
  errorFor,
  onChange,
}: {
  field: FormFieldSpec;
  path: string;
  value: FormValue;
  errorFor: (path: string) => string | undefined;
  onChange: OnChange;
}) {
  const { t } = useI18n();
  const rows = Array.isArray(value) ? value.filter((row): row is FormValues => typeof row === 'object') : [];
  const { minItems = 0, maxItems = Infinity } = field.schema;
  const error = errorFor(path);
  const id = idOf(path);
  return (
    <fieldset className={`form-rows${error ? ' has-error' : ''}`} data-rows={path} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>
        {field.label}
        {field.required && <span className="required-mark"> *</span>}
      </legend>
      {rows.length === 0 && <p className="muted">{t('form.noRows')}</p>}
      {/* Rows are controlled, so the index is key enough: the values move with the state. */}
      {rows.map((row, index) => (
        <fieldset key={index} className="form-row" data-row={index}>
          <legend>{t('form.row', { n: index + 1 })}</legend>
          <FieldList fields={field.fields} values={row} prefix={`${path}.${index}.`} errorFor={errorFor} onChange={onChange} />
          <button
            type="button"
            className="button-secondary"
            data-testid="remove-row"
            disabled={rows.length <= minItems}
            onClick={() => onChange(path, rows.filter((_, at) => at !== index), true)}
          >
            {t('form.removeRow', { n: index + 1 })}
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        className="button-secondary"
        data-testid="add-row"
        disabled={rows.length >= maxItems}
        onClick={() => onChange(path, [...rows, initialValues(field.fields)], true)}
      >
        {t('form.addRow')}
      </button>
      <FieldNotes id={id} name={path} help={field.help} error={error} />
    </fieldset>
  );
}

/** A control's id: the path with dots replaced, so `#field-projects-0-title` needs no escaping. */
function idOf(path: string): string {
  return `field-${path.replaceAll('.', '-')}`;
}

function SchemaField({
  field,
  path,
  value,
  error,
  onChange,
}: {
  field: FormFieldSpec;
  path: string;
  value: FormValue;
  error?: string;
  onChange: (value: FormValue) => void;
}) {
  const { t } = useI18n();
  const { schema, kind } = field;
  const name = path;
  const id = idOf(path);
  const describedBy = [field.help || kind === 'list' ? `${id}-help` : '', error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ') || undefined;
  const common = { id, name, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy };
  const help = kind === 'list' ? [field.help, t('form.listHint')].filter(Boolean).join(' · ') : field.help;

  if (kind === 'yes-no' || (kind === 'choice' && field.options.length <= MAX_RADIO_OPTIONS)) {
    const chosen = typeof value === 'string' ? value : '';
    return (
      <fieldset
        className={`form-field decision${error ? ' has-error' : ''}`}
        role="radiogroup"
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        data-choices={name}
      >
        <legend>
          {field.label}
          {field.required && <span className="required-mark"> *</span>}
        </legend>
        <div className="decision-choices">
          {field.options.map((option) => {
            const optionValue = String(option);
            return (
              <label key={optionValue} className="decision-choice">
                <input
                  type="radio"
                  name={name}
                  value={optionValue}
                  checked={chosen === optionValue}
                  onChange={() => onChange(optionValue)}
                  id={optionValue === String(field.options[0]) ? id : undefined}
                />
                <span>{optionLabel(field, option, { yes: t('common.yes'), no: t('common.no') })}</span>
              </label>
            );
          })}
        </div>
        <FieldNotes id={id} name={name} help={help} error={error} />
      </fieldset>
    );
  }

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
    const selected = Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
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
              {optionLabel(field, option)}
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
    case 'photo':
      control = <PhotoInput id={id} uploadPath={String(schema['x-photo-upload'])} photoId={text} onChange={onChange} />;
      break;
    case 'file':
      control = <FileInput id={id} uploadPath={String(schema['x-file-upload'])} accept={String(schema.contentMediaType)} fileId={text} onChange={onChange} />;
      break;
    case 'choice':
      control = (
        <select {...common} value={text} onChange={(event) => onChange(event.target.value)}>
          <option value="">{t('common.select')}</option>
          {field.options.map((option) => (
            <option key={String(option)} value={String(option)}>
              {optionLabel(field, option)}
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

/** Picks a photo, uploads it (idempotent on a client-chosen id) and hands the id to the form. */
function PhotoInput({
  id,
  uploadPath,
  photoId,
  onChange,
}: {
  id: string;
  uploadPath: string;
  photoId: string;
  onChange: (value: FormValue) => void;
}) {
  const { t } = useI18n();
  const [preview, setPreview] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function handleChange(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    setError(null);
    setPreview(null);
    onChange('');
    if (!file) return;
    if (file.size > MAX_PHOTO_BYTES) {
      event.target.value = '';
      setError(new Error(t('fault.photoTooLarge')));
      return;
    }
    setUploading(true);
    try {
      const photo = await readAsDataUrl(file);
      const uploaded = await apiRequest<PhotoUploaded>(uploadPath, { method: 'POST', body: { photoId: newUuid(), photo } });
      setPreview(photo);
      onChange(uploaded.photoId);
    } catch (failure) {
      event.target.value = '';
      setError(failure);
    } finally {
      setUploading(false);
    }
  }

  return (
    <div className="photo-input" data-photo-id={photoId || undefined}>
      <input id={id} type="file" accept="image/*" onChange={handleChange} disabled={uploading} />
      {uploading && <span className="muted"> {t('common.loading')}</span>}
      <ErrorBanner error={error} />
      {preview && photoId && <img className="photo-preview" src={preview} alt={t('fault.photo')} />}
    </div>
  );
}

/** Picks a document (a certificate), uploads it (idempotent on a client-chosen id; the server checks its kind) and hands the id to the form. */
function FileInput({ id, uploadPath, accept, fileId, onChange }: { id: string; uploadPath: string; accept: string; fileId: string; onChange: (value: FormValue) => void }) {
  const { t } = useI18n();
  const [uploading, setUploading] = useState(false);
  const [name, setName] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function handleChange(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    setError(null);
    setName(null);
    onChange('');
    if (!file) return;
    if (file.size > MAX_PHOTO_BYTES) {
      event.target.value = '';
      setError(new Error(t('task.fileTooLarge')));
      return;
    }
    setUploading(true);
    try {
      const uploaded = await apiRequest<{ fileId: string }>(uploadPath, { method: 'POST', body: { fileId: newUuid(), file: await readAsDataUrl(file) } });
      setName(file.name);
      onChange(uploaded.fileId);
    } catch (failure) {
      event.target.value = '';
      setError(failure);
    } finally {
      setUploading(false);
    }
  }

  return (
    <div className="file-input" data-file-id={fileId || undefined}>
      <input id={id} type="file" accept={accept} onChange={handleChange} disabled={uploading} />
      {uploading && <span className="muted"> {t('common.loading')}</span>}
      <ErrorBanner error={error} />
      {name && fileId && <span className="muted"> {t('task.fileUploaded', { name })}</span>}
    </div>
  );
}
