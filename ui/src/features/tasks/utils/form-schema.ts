/**
 * Turns a task's formSchema (JSON Schema 2020-12 from zod v4's z.toJSONSchema) into form fields,
 * and form values back into the completion payload, checking what the schema states.
 */
import type { Label, Language } from '../../../../../contracts/labels';
import { fromDateTimeLocal, toDateTimeLocal } from '../../../lib/dates';
import type { MessageKey } from '../../../lib/i18n';

/** A JSON Schema (draft 2020-12) as zod v4's z.toJSONSchema produces it: how a task's `formSchema` is read. */
export interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  format?: string;
  default?: unknown;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  [keyword: string]: unknown;
}

export type FieldKind =
  | 'text'
  | 'number'
  | 'integer'
  /** A yes/no the person may leave as it is (a checkbox): the schema gives its default. */
  | 'boolean'
  /** A yes/no with no default: a decision, offered as two labelled choices of which none is chosen. */
  | 'yes-no'
  | 'choice'
  | 'list'
  | 'choice-list'
  | 'date-time'
  | 'date'
  | 'photo'
  /** A document uploaded on its own (a certificate): the field holds the id the upload returns. */
  | 'file'
  /** An array of objects: an editable list of rows, each with its own fields. */
  | 'rows'
  /** A nested object: its fields, drawn together. */
  | 'group';

export interface FormFieldSpec {
  name: string;
  label: string;
  help?: string;
  required: boolean;
  kind: FieldKind;
  /** The allowed values for choice and choice-list fields. */
  options: unknown[];
  /** Display names of options (`x-option-labels` in the schema, in the reader's language), keyed by the option's value. */
  optionLabels: Record<string, string>;
  /** The fields of each row (rows) or of the nested object (group); empty otherwise. */
  fields: FormFieldSpec[];
  schema: JsonSchema;
}

/**
 * Everything the form holds: text for inputs, booleans for checkboxes, string[] for checkbox groups,
 * a list of rows for an array of objects and a nested record for an object.
 */
export type FormValue = string | boolean | string[] | FormValues[] | FormValues;
export interface FormValues {
  [name: string]: FormValue;
}

/** A validation problem as a message key plus its number, translated by the caller. */
export interface FieldProblem {
  key: MessageKey;
  n?: number;
}

function typesOf(schema: JsonSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  return schema.type ? [schema.type] : [];
}

/** Strips nullability (anyOf [X, {type: null}]) and folds unions of literals into an enum. */
function unwrap(schema: JsonSchema): JsonSchema {
  const union = schema.anyOf ?? schema.oneOf;
  if (union) {
    const members = union.filter((member) => !typesOf(member).includes('null') || typesOf(member).length > 1);
    const [only] = members;
    if (members.length === 1 && only) {
      return {
        ...only,
        title: schema.title ?? only.title,
        description: schema.description ?? only.description,
        default: schema.default ?? only.default,
      };
    }
    if (members.every((member) => 'const' in member || member.enum)) {
      return { ...schema, anyOf: undefined, oneOf: undefined, enum: members.flatMap((member) => member.enum ?? [member.const]) };
    }
  }
  if ('const' in schema && !schema.enum) return { ...schema, enum: [schema.const] };
  return schema;
}

function kindOf(schema: JsonSchema): FieldKind {
  const types = typesOf(schema).filter((type) => type !== 'null');
  if (schema.enum) return 'choice';
  if (types.includes('boolean')) return schema.default === undefined ? 'yes-no' : 'boolean';
  if (types.includes('integer')) return 'integer';
  if (types.includes('number')) return 'number';
  if (types.includes('array')) {
    const items = schema.items ? unwrap(schema.items) : undefined;
    if (items?.properties) return 'rows';
    return items?.enum ? 'choice-list' : 'list';
  }
  if (schema.properties) return 'group';
  // A photo is uploaded on its own; the field holds the id the upload returns.
  if (typeof schema.contentMediaType === 'string' && schema.contentMediaType.startsWith('image/') && typeof schema['x-photo-upload'] === 'string') {
    return 'photo';
  }
  if (typeof schema.contentMediaType === 'string' && typeof schema['x-file-upload'] === 'string') return 'file';
  if (schema.format === 'date-time') return 'date-time';
  if (schema.format === 'date') return 'date';
  return 'text';
}

const isLabel = (value: unknown): value is Label => !!value && typeof value === 'object' && typeof (value as Label)['zh-CN'] === 'string';

/** A text of the schema in the reader's language: a wording (`x-label`, `x-help`) in both, else the plain keyword. */
function textOf(wording: unknown, plain: string | undefined, language: Language): string | undefined {
  return isLabel(wording) ? wording[language] : plain;
}

/** Option names: a person's or supplier's name as it is, a worded option in the reader's language. */
function labelsOf(schema: JsonSchema | undefined, language: Language): Record<string, string> {
  const labels = schema?.['x-option-labels'];
  if (!labels || typeof labels !== 'object') return {};
  return Object.fromEntries(Object.entries(labels as Record<string, unknown>).map(([value, name]) => [value, isLabel(name) ? name[language] : String(name)]));
}

/** The form's fields, titled and explained in the reader's language (zh-CN unless told). */
export function fieldsFromSchema(formSchema: JsonSchema | null | undefined, language: Language = 'zh-CN'): FormFieldSpec[] {
  const properties = formSchema?.properties ?? {};
  const required = new Set(formSchema?.required ?? []);
  return Object.entries(properties).map(([name, raw]) => {
    const schema = unwrap(raw);
    const kind = kindOf(schema);
    const items = schema.items ? unwrap(schema.items) : undefined;
    const options = kind === 'choice' ? (schema.enum ?? []) : kind === 'choice-list' ? (items?.enum ?? []) : kind === 'yes-no' ? [true, false] : [];
    return {
      name,
      label: textOf(schema['x-label'], schema.title, language) ?? name,
      help: textOf(schema['x-help'], schema.description, language),
      required: required.has(name),
      kind,
      options: options.filter((option) => option !== null),
      optionLabels: { ...labelsOf(items, language), ...labelsOf(schema, language) },
      fields: kind === 'rows' ? fieldsFromSchema(items, language) : kind === 'group' ? fieldsFromSchema(schema, language) : [],
      schema,
    };
  });
}

/** A field's display text for one of its options; a yes/no without its own wording reads `yes` / `no` (translated by the caller). */
export function optionLabel(field: FormFieldSpec, option: unknown, yesNo: { yes: string; no: string } = { yes: 'true', no: 'false' }): string {
  const named = field.optionLabels[String(option)];
  if (named !== undefined) return named;
  if (option === true) return yesNo.yes;
  if (option === false) return yesNo.no;
  return String(option);
}

/** Up to this many options are offered as radio buttons, every one in sight; more go in a select. */
export const MAX_RADIO_OPTIONS = 4;

/**
 * A required choice with one possible value (`z.literal(true)`: "I am on my way"): nothing to choose, so the form
 * shows no control for it and its submit button says what completing the task declares.
 */
export const isDeclaration = (field: FormFieldSpec): boolean => field.kind === 'choice' && field.required && field.options.length === 1;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The form's starting values: a payload the task comes pre-filled with (the schema's own `default`, e.g. the
 * previous version of a returned draft), else each field's default, else empty.
 */
export function initialValues(fields: FormFieldSpec[], prefill?: unknown): FormValues {
  const values: FormValues = {};
  const given = isRecord(prefill) ? prefill : {};
  for (const field of fields) {
    const fallback = given[field.name] ?? field.schema.default;
    switch (field.kind) {
      case 'boolean':
        values[field.name] = fallback === true;
        break;
      // No answer until the person gives one, unless the task comes pre-filled with it.
      case 'yes-no':
        values[field.name] = typeof fallback === 'boolean' ? String(fallback) : '';
        break;
      case 'choice-list':
        values[field.name] = Array.isArray(fallback) ? fallback.map(String) : [];
        break;
      case 'list':
        values[field.name] = Array.isArray(fallback) ? fallback.join('\n') : '';
        break;
      case 'date-time':
        values[field.name] = typeof fallback === 'string' ? toDateTimeLocal(new Date(fallback)) : '';
        break;
      // A list that needs rows starts with the given ones, else as many blank ones as it needs.
      case 'rows':
        values[field.name] = Array.isArray(fallback)
          ? fallback.map((row) => initialValues(field.fields, row))
          : Array.from({ length: field.schema.minItems ?? 0 }, () => initialValues(field.fields));
        break;
      case 'group':
        values[field.name] = initialValues(field.fields, fallback);
        break;
      default:
        values[field.name] = isDeclaration(field) ? String(field.options[0]) : fallback === undefined || fallback === null ? '' : String(fallback);
    }
  }
  return values;
}

function checkNumber(value: number, schema: JsonSchema, integer: boolean): FieldProblem | null {
  if (Number.isNaN(value)) return { key: 'form.number' };
  if (integer && !Number.isInteger(value)) return { key: 'form.integer' };
  if (schema.minimum !== undefined && value < schema.minimum) return { key: 'form.minimum', n: schema.minimum };
  if (schema.maximum !== undefined && value > schema.maximum) return { key: 'form.maximum', n: schema.maximum };
  if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) {
    return { key: 'form.exclusiveMinimum', n: schema.exclusiveMinimum };
  }
  if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum) {
    return { key: 'form.exclusiveMaximum', n: schema.exclusiveMaximum };
  }
  return null;
}

/** Nothing entered: no text, no ticked box, no row. */
function isBlank(value: FormValue | undefined): boolean {
  if (value === undefined || value === false) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (value === true) return false;
  return Object.values(value).every(isBlank);
}

function rowsOf(value: FormValue | undefined): FormValues[] {
  return Array.isArray(value) ? value.filter((row): row is FormValues => typeof row === 'object') : [];
}

function recordOf(value: FormValue | undefined): FormValues {
  return value && typeof value === 'object' && !Array.isArray(value) ? value : {};
}

/** A list's length against the schema's minItems / maxItems; an empty required list reads as missing. */
function countProblem(field: FormFieldSpec, count: number): FieldProblem | null {
  const { minItems, maxItems } = field.schema;
  if (minItems !== undefined && count < minItems) return count === 0 && field.required ? { key: 'form.required' } : { key: 'form.minItems', n: minItems };
  if (maxItems !== undefined && count > maxItems) return { key: 'form.maxItems', n: maxItems };
  return null;
}

/**
 * Builds the payload; empty optional fields are left out. Problems are keyed by the field's path,
 * `projects.0.title` for a row's field, the same paths the API names in a 422.
 */
export function toPayload(
  fields: FormFieldSpec[],
  values: FormValues,
  prefix = '',
): { payload: Record<string, unknown>; problems: Record<string, FieldProblem> } {
  const payload: Record<string, unknown> = {};
  const problems: Record<string, FieldProblem> = {};
  for (const field of fields) {
    const { schema } = field;
    const name = `${prefix}${field.name}`;
    const value = values[field.name];
    if (field.kind === 'boolean') {
      payload[field.name] = value === true;
      continue;
    }
    if (field.kind === 'rows') {
      const rows = rowsOf(value);
      const items = rows.map((row, index) => {
        const built = toPayload(field.fields, row, `${name}.${index}.`);
        Object.assign(problems, built.problems);
        return built.payload;
      });
      const problem = countProblem(field, items.length);
      if (problem) problems[name] = problem;
      else if (items.length > 0 || field.required) payload[field.name] = items;
      continue;
    }
    if (field.kind === 'group') {
      const record = recordOf(value);
      // An optional section left untouched is left out rather than checked.
      if (!field.required && isBlank(record)) continue;
      const built = toPayload(field.fields, record, `${name}.`);
      Object.assign(problems, built.problems);
      payload[field.name] = built.payload;
      continue;
    }
    if (field.kind === 'choice-list' || field.kind === 'list') {
      const items =
        field.kind === 'list'
          ? String(value ?? '')
              .split('\n')
              .map((item) => item.trim())
              .filter(Boolean)
          : (Array.isArray(value) ? value.map(String) : []).map((item) => field.options.find((option) => String(option) === item) ?? item);
      const problem = countProblem(field, items.length);
      if (problem) problems[name] = problem;
      else if (items.length > 0 || field.required) payload[field.name] = items;
      continue;
    }
    const text = String(value ?? '').trim();
    if (text === '') {
      if (field.required) problems[name] = { key: 'form.required' };
      continue;
    }
    switch (field.kind) {
      case 'choice':
      case 'yes-no':
        payload[field.name] = field.options.find((option) => String(option) === text) ?? text;
        break;
      case 'number':
      case 'integer': {
        const number = Number(text);
        const problem = checkNumber(number, schema, field.kind === 'integer');
        if (problem) problems[name] = problem;
        else payload[field.name] = number;
        break;
      }
      case 'date-time': {
        const instant = fromDateTimeLocal(text);
        if (instant === null) problems[name] = { key: 'form.required' };
        else payload[field.name] = instant;
        break;
      }
      default:
        if (schema.minLength !== undefined && text.length < schema.minLength) {
          problems[name] = { key: 'form.minLength', n: schema.minLength };
        } else if (schema.maxLength !== undefined && text.length > schema.maxLength) {
          problems[name] = { key: 'form.maxLength', n: schema.maxLength };
        } else {
          payload[field.name] = text;
        }
    }
  }
  return { payload, problems };
}

/** Where a field's control and error live: its path in the values, `lineItems.1.amountYuan`. */
export function fieldPaths(fields: FormFieldSpec[], values: FormValues, prefix = ''): string[] {
  return fields.flatMap((field) => {
    const path = `${prefix}${field.name}`;
    if (field.kind === 'rows') {
      return [path, ...rowsOf(values[field.name]).flatMap((row, index) => fieldPaths(field.fields, row, `${path}.${index}.`))];
    }
    if (field.kind === 'group') return [path, ...fieldPaths(field.fields, recordOf(values[field.name]), `${path}.`)];
    return [path];
  });
}

/**
 * Places the API's field errors (`payload.projects.0.title`) at the nearest field drawn: the row's
 * field itself, else the list or section holding it; what matches no field is returned as unclaimed.
 */
export function placeFieldErrors(
  errors: Array<{ field: string; message: string }>,
  paths: string[],
  stripPrefix: string,
): { byPath: Record<string, string>; unclaimed: string[] } {
  const known = new Set(paths);
  const byPath: Record<string, string> = {};
  const unclaimed: string[] = [];
  for (const { field, message } of errors) {
    const path = field.startsWith(`${stripPrefix}.`) ? field.slice(stripPrefix.length + 1) : field;
    const segments = path.split('.');
    let target: string | undefined;
    for (let length = segments.length; length > 0 && !target; length -= 1) {
      const candidate = segments.slice(0, length).join('.');
      if (known.has(candidate)) target = candidate;
    }
    if (target) byPath[target] = byPath[target] ? `${byPath[target]}; ${message}` : message;
    else unclaimed.push(`${path}: ${message}`);
  }
  return { byPath, unclaimed };
}

/** The values with the one at `path` (`lineItems.1.category`) replaced, leaving the rest shared. */
export function setValueAt(values: FormValues, path: string, value: FormValue): FormValues {
  const [head = '', ...rest] = path.split('.');
  if (rest.length === 0) return { ...values, [head]: value };
  const [index = '', ...inner] = rest;
  const current = values[head];
  if (Array.isArray(current)) {
    const rows = rowsOf(current).map((row, at) => (String(at) === index ? setValueAt(row, inner.join('.'), value) : row));
    return { ...values, [head]: rows };
  }
  return { ...values, [head]: setValueAt(recordOf(current), rest.join('.'), value) };
}

/** Drops the entries at `path` and under it (a list's rows renumber when one is removed). */
export function withoutPath<T>(record: Record<string, T>, path: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => key !== path && !key.startsWith(`${path}.`)));
}
