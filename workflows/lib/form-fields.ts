import { z } from 'zod';
import type { Label } from '../../contracts/labels';
import { fieldMeta } from './labels';
import type { FieldKey } from '../../contracts/problem-texts';

export interface Choice {
  id: string;
  label: string;
}

/**
 * Several people or suppliers picked from a list: the task form shows their names (`x-option-labels`),
 * the payload carries their ids, and an id outside the list is refused at its index with `refusal`.
 */
export function pickMany(options: { choices: Choice[]; title: Label; help?: Label; refusal: FieldKey; noneAvailable: FieldKey }) {
  const { choices, title, help, refusal, noneAvailable } = options;
  const meta = fieldMeta({ title, help });
  if (!choices.length) return z.array(z.string()).max(0, noneAvailable).meta(meta);
  const ids = choices.map((choice) => choice.id) as [string, ...string[]];
  return z
    .array(z.enum(ids, { error: refusal }))
    .meta({ ...meta, 'x-option-labels': Object.fromEntries(choices.map((choice) => [choice.id, choice.label])) });
}

/** One person or supplier picked from a list, shown by name as `pickMany`'s are; the payload carries the id. */
export function pickOne(options: { choices: Choice[]; title: Label; help?: Label; refusal: FieldKey; noneAvailable: FieldKey }) {
  const { choices, title, help, refusal, noneAvailable } = options;
  const meta = fieldMeta({ title, help });
  if (!choices.length) return z.string().refine(() => false, noneAvailable).meta(meta);
  const ids = choices.map((choice) => choice.id) as [string, ...string[]];
  return z
    .enum(ids, { error: refusal })
    .meta({ ...meta, 'x-option-labels': Object.fromEntries(choices.map((choice) => [choice.id, choice.label])) });
}
