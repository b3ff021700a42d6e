/**
 * Turns a task's formSchema (JSON Schema 2020-12 from zod v4's z.toJSONSchema) into form fields,
 * and form values back into the completion payload, checking what the schema states.
 */
import { toDateTimeLocal } from '../../../lib/dates';
import type { MessageKey } from '../../../lib/i18n';
import type { JsonSchema } from '../../../types/api';

export type FieldKind = 'text' | 'number' | 'integer' | 'boolean' | 'choice' | 'list' | 'choice-list' | 'date-time' | 'date';

export interface FormFieldSpec {
  name: string;
  label: string;
  help?: string;
  required: boolean;
  kind: FieldKind;
  /** The allowed values for choice and choice-list fields. */
  options: unknown[];
  schema: JsonSchema;
}

/** Everything the form holds: text for inputs, booleans for checkboxes, string[] for checkbox groups. */
export type FormValue = string | boolean | string[];
export type FormValues = Record<string, FormValue>;

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
  if (types.includes('boolean')) return 'boolean';
  if (types.includes('integer')) return 'integer';
  if (types.includes('number')) return 'number';
  if (types.includes('array')) {
    const items = schema.items ? unwrap(schema.items) : undefined;
    return items?.enum ? 'choice-list' : 'list';
  }
  if (schema.format === 'date-time') return 'date-time';
  if (schema.format === 'date') return 'date';
  return 'text';
}

export function fieldsFromSchema(formSchema: JsonSchema | null | undefined): FormFieldSpec[] {
  const properties = formSchema?.properties ?? {};
  const required = new Set(formSchema?.required ?? []);
  return Object.entries(properties).map(([name, raw]) => {
    const schema = unwrap(raw);
    const kind = kindOf(schema);
    const options =
      kind === 'choice' ? (schema.enum ?? []) : kind === 'choice-list' && schema.items ? (unwrap(schema.items).enum ?? []) : [];
    return {
      name,
      label: schema.title ?? name,
      help: schema.description,
      required: required.has(name),
      kind,
      options: options.filter((option) => option !== null),
      schema,
    };
  });
}

export function initialValues(fields: FormFieldSpec[]): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    const fallback = field.schema.default;
    switch (field.kind) {
      case 'boolean':
        values[field.name] = fallback === true;
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
      default:
        values[field.name] = fallback === undefined || fallback === null ? '' : String(fallback);
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

/** Builds the payload; empty optional fields are left out. */
export function toPayload(
  fields: FormFieldSpec[],
  values: FormValues,
): { payload: Record<string, unknown>; problems: Record<string, FieldProblem> } {
  const payload: Record<string, unknown> = {};
  const problems: Record<string, FieldProblem> = {};
  for (const field of fields) {
    const { name, schema } = field;
    const value = values[name];
    if (field.kind === 'boolean') {
      payload[name] = value === true;
      continue;
    }
    if (field.kind === 'choice-list' || field.kind === 'list') {
      const items =
        field.kind === 'list'
          ? String(value ?? '')
              .split('\n')
              .map((item) => item.trim())
              .filter(Boolean)
          : (value as string[]).map((item) => field.options.find((option) => String(option) === item) ?? item);
      if (schema.minItems !== undefined && items.length < schema.minItems) {
        problems[name] =
          items.length === 0 && field.required ? { key: 'form.required' } : { key: 'form.minItems', n: schema.minItems };
      } else if (items.length > 0 || field.required) {
        payload[name] = items;
      }
      continue;
    }
    const text = String(value ?? '').trim();
    if (text === '') {
      if (field.required) problems[name] = { key: 'form.required' };
      continue;
    }
    switch (field.kind) {
      case 'choice':
        payload[name] = field.options.find((option) => String(option) === text) ?? text;
        break;
      case 'number':
      case 'integer': {
        const number = Number(text);
        const problem = checkNumber(number, schema, field.kind === 'integer');
        if (problem) problems[name] = problem;
        else payload[name] = number;
        break;
      }
      case 'date-time': {
        const date = new Date(text);
        if (Number.isNaN(date.getTime())) problems[name] = { key: 'form.required' };
        else payload[name] = date.toISOString();
        break;
      }
      default:
        if (schema.minLength !== undefined && text.length < schema.minLength) {
          problems[name] = { key: 'form.minLength', n: schema.minLength };
        } else if (schema.maxLength !== undefined && text.length > schema.maxLength) {
          problems[name] = { key: 'form.maxLength', n: schema.maxLength };
        } else {
          payload[name] = text;
        }
    }
  }
  return { payload, problems };
}
