import { AREAS, type AreaId } from './schema';
import type { VariableMeta } from './values';

const code = (value: string) => `\`${value}\``;

/** One area's variables as a README table: name, default (or what unset means), meaning. */
export function configTable(id: AreaId): string {
  const rows = Object.entries(AREAS[id].variables).map(([name, schema]) => {
    const meta = schema.meta() as VariableMeta;
    const fallback = meta.default === undefined ? (meta.unset ?? '—') : meta.default === '' ? 'empty' : code(meta.default);
    return `| ${code(name)} | ${fallback} | ${meta.description} |`;
  });
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}

const begin = (id: string) => `<!-- config:${id} (generated from config/schema.ts by npm run docs:config) -->`;
const end = (id: string) => `<!-- /config:${id} -->`;
const BLOCK = /<!-- config:([A-Za-z]+) [^>]*-->\n[\s\S]*?<!-- \/config:\1 -->/g;

/** The README with every area's block rewritten from the schema; throws when an area has no block, or one twice. */
export function withConfigTables(readme: string): string {
  const seen = new Map<string, number>();
  const updated = readme.replace(BLOCK, (_block, id: string) => {
    if (!(id in AREAS)) throw new Error(`README: no configuration area "${id}" (areas: ${Object.keys(AREAS).join(', ')})`);
    seen.set(id, (seen.get(id) ?? 0) + 1);
    return `${begin(id)}\n${configTable(id as AreaId)}\n${end(id)}`;
  });
  const missing = Object.keys(AREAS).filter((id) => seen.get(id) !== 1);
  if (missing.length) throw new Error(`README: each configuration area needs one block ${begin('<area>')} … ${end('<area>')}; not once: ${missing.join(', ')}`);
  return updated;
}
