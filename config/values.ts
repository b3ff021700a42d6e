import { z } from 'zod';

/**
 * The kinds of value an environment variable holds. Each builder takes the variable's name (so a message can
 * name it and a duration can read its unit from it), its default as written in the environment, and what it
 * is for; it gives the zod schema that turns the variable's text into the value the code uses. An empty value
 * counts as unset (Compose passes `${X:-}` as ''), unless the variable says what empty means.
 */
export interface VariableMeta {
  description: string;
  /** The default as one would write it in the environment; absent when unset means something else. */
  default?: string;
  /** What happens when the variable is unset and has no default. */
  unset?: string;
  /** Never shown or echoed: keys. */
  secret?: boolean;
}

type Builder<T> = (name: string) => z.ZodType<T, string | undefined>;

/** What a parser answers for text it refuses: what it expected instead. */
export class Refusal {
  constructor(readonly expected: string) {}
}
export const refuse = (expected: string) => new Refusal(expected);

const UNITS_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
type Unit = keyof typeof UNITS_MS;

/** The unit a plain number counts in, from the name's ending, as these variables always had it. */
const PLAIN_UNITS: Array<[suffix: string, unit: Unit, word: string]> = [
  ['_SECONDS', 's', 'seconds'],
  ['_MINUTES', 'm', 'minutes'],
  ['_HOURS', 'h', 'hours'],
  ['_DAYS', 'd', 'days'],
];

export const plainUnit = (name: string) => PLAIN_UNITS.find(([suffix]) => name.endsWith(suffix));

/**
 * Milliseconds from `500ms`, `90s`, `15m`, `4h`, `7d` (decimals allowed); a plain number counts in the unit
 * the name ends with (`_MINUTES`: minutes), so every value these variables took before still means the same.
 */
export function parseDuration(name: string, text: string): number | null {
  const match = /^(\d+(?:\.\d+)?|\.\d+)\s*(ms|s|m|h|d)?$/.exec(text.trim());
  if (!match) return null;
  const unit = (match[2] as Unit | undefined) ?? plainUnit(name)?.[1];
  return unit ? Math.round(Number(match[1]) * UNITS_MS[unit]) : null;
}

/** The shortest exact way to write a duration: 14400000 → `4h`. */
export function formatDuration(ms: number): string {
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    if (ms >= UNITS_MS[unit] && ms % UNITS_MS[unit] === 0) return `${ms / UNITS_MS[unit]}${unit}`;
  }
  return `${ms}ms`;
}

/** The variable's text with the default applied, then checked and converted by `parse` (a message for each problem). */
function variable<T>(fallback: string | undefined, parse: (text: string) => T | Refusal, keepEmpty = false): z.ZodType<T, string | undefined> {
  return z
    .string()
    .optional()
    .transform((raw, context) => {
      const text = raw === undefined || (raw === '' && !keepEmpty) ? fallback : raw;
      if (text === undefined) return undefined as T;
      const value = parse(text);
      if (value instanceof Refusal) {
        context.addIssue({ code: 'custom', message: `expected ${value.expected}` });
        return z.NEVER;
      }
      return value;
    }) as z.ZodType<T, string | undefined>;
}

/** Every variable carries its description and default as zod metadata, read back for the README. */
function described<T>(build: Builder<T>, meta: VariableMeta): Builder<T> {
  return (name) => build(name).meta({ ...meta });
}

export function duration(meta: VariableMeta & { default: string }, { zeroAllowed = false } = {}): Builder<number> {
  return described((name) => {
    const unit = plainUnit(name);
    const expected = `a ${zeroAllowed ? '' : 'positive '}duration like 15m or 900000ms${unit ? ` (a plain number counts as ${unit[2]})` : ''}`;
    return variable(meta.default, (text) => {
      const ms = parseDuration(name, text);
      return ms === null || ms < 0 || (ms === 0 && !zeroAllowed) ? refuse(expected) : ms;
    });
  }, meta);
}

export function wholeNumber(meta: VariableMeta & { default: string }): Builder<number> {
  return described(
    () =>
      variable(meta.default, (text) => {
        const value = Number(text);
        return /^\s*\d+\s*$/.test(text) && value > 0 ? value : refuse('a positive whole number');
      }),
    meta,
  );
}

/** A positive number, at most `max`. */
export function positiveNumber(meta: VariableMeta & { default: string }, { max = Number.MAX_SAFE_INTEGER } = {}): Builder<number> {
  return described(
    () =>
      variable(meta.default, (text) => {
        const value = Number(text);
        return text.trim() !== '' && Number.isFinite(value) && value > 0 && value <= max ? value : refuse(`a number above 0${max < Number.MAX_SAFE_INTEGER ? ` and at most ${max}` : ''}`);
      }),
    meta,
  );
}

export function port(meta: VariableMeta & { default: string }): Builder<number> {
  return described(
    () =>
      variable(meta.default, (text) => {
        const value = Number(text);
        return /^\s*\d+\s*$/.test(text) && value <= 65535 ? value : refuse('a port number (0 to 65535)');
      }),
    meta,
  );
}

const ON = ['1', 'on', 'true', 'yes'];
const OFF = ['0', 'off', 'false', 'no'];

/** On or off: `1`/`on`/`true`/`yes` or `0`/`off`/`false`/`no`. */
export function flag(meta: VariableMeta & { default: 'on' | 'off' }): Builder<boolean> {
  return described(
    () =>
      variable(meta.default, (text) => {
        const value = text.trim().toLowerCase();
        return ON.includes(value) ? true : OFF.includes(value) ? false : refuse('on or off (1/0, true/false, yes/no)');
      }),
    meta,
  );
}

export function text(meta: VariableMeta & { default: string }): Builder<string>;
export function text(meta: VariableMeta): Builder<string | undefined>;
export function text(meta: VariableMeta): Builder<string | undefined> {
  return described(() => variable(meta.default, (value) => value), meta);
}

export function url(meta: VariableMeta & { default: string }): Builder<string>;
export function url(meta: VariableMeta): Builder<string | undefined>;
export function url(meta: VariableMeta): Builder<string | undefined> {
  return described(() => variable(meta.default, (value) => (URL.canParse(value) ? value : refuse('a URL like scheme://host:port/…'))), meta);
}

export function choice<const T extends string>(choices: readonly T[], meta: VariableMeta & { default: T }): Builder<T> {
  const find = (value: string) => choices.find((entry) => entry.toLowerCase() === value.trim().toLowerCase());
  return described(() => variable(meta.default, (value) => find(value) ?? refuse(`one of ${choices.join(', ')}`)), meta);
}

export function timeZone(meta: VariableMeta & { default: string }): Builder<string> {
  return described(
    () =>
      variable(meta.default, (zone) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: zone });
          return zone;
        } catch {
          return refuse('an IANA time zone like Asia/Shanghai');
        }
      }),
    meta,
  );
}

/** Comma-separated entries, blanks dropped; `parse` checks one entry. */
export function list<T = string>(meta: VariableMeta, parse: (entry: string) => T | Refusal = (entry) => entry as T): Builder<T[]> {
  return described(
    () =>
      variable(meta.default ?? '', (value) => {
        const entries = value
          .split(',')
          .map((entry) => entry.trim())
          .filter(Boolean)
          .map(parse);
        return entries.find((entry): entry is Refusal => entry instanceof Refusal) ?? (entries as T[]);
      }),
    meta,
  );
}

/** A value of its own shape: `parse` returns the value, or a refusal saying what it expected. */
export function custom<T>(meta: VariableMeta, parse: (text: string) => T | Refusal, { emptyIsAValue = false } = {}): Builder<T> {
  return described(() => variable(meta.default, parse, emptyIsAValue), meta);
}
