import { z } from 'zod';
import type { FieldKey } from '../../contracts/problem-texts';

export interface Choice {
  id: string;
  label: string;
}

/**
 * Several people or suppliers picked from a list: the task form shows their names (`x-option-labels`),
 * the payload carries their ids, and an id outside the list is refused at its index with `refusal`.
 */
export function pickMany(options: { choices: Choice[]; title: string; description?: string; refusal: FieldKey; noneAvailable: FieldKey }) {
  const { choices, title, description, refusal, noneAvailable } = options;
  if (!choices.length) return z.array(z.string()).max(0, noneAvailable).meta({ title, description });
  const ids = choices.map((choice) => choice.id) as [string, ...string[]];
  return z
    .array(z.enum(ids, { error: refusal }))
    .meta({ title, description, 'x-option-labels': Object.fromEntries(choices.map((choice) => [choice.id, choice.label])) });
}
