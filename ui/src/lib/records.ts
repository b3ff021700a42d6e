/** A copy of the record without the given keys (e.g. to clear a field's error). */
export function withoutKey<V>(record: Record<string, V>, ...keys: string[]): Record<string, V> {
  const copy = { ...record };
  for (const key of keys) delete copy[key];
  return copy;
}
