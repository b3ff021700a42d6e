import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { RESTORE_PREAMBLE, RESTORE_STEPS, RESTORE_TRY_MIGRATIONS } from '../contracts/restore-procedure';

/**
 * docs/backups.md's restore procedure, written from contracts/restore-procedure.ts (the backups page shows the same
 * text): `npm run docs:backups` rewrites the block; test/backups.api.test.ts fails when it is stale.
 */
export const BACKUPS_DOC = fileURLToPath(new URL('../docs/backups.md', import.meta.url));

const BEGIN = '<!-- restore-procedure (generated from contracts/restore-procedure.ts by npm run docs:backups) -->';
const END = '<!-- /restore-procedure -->';
const BLOCK = /<!-- restore-procedure [^>]*-->\n[\s\S]*?<!-- \/restore-procedure -->/g;

export function restoreProcedureMarkdown(): string {
  return [
    RESTORE_PREAMBLE.en,
    '',
    ...RESTORE_STEPS.map((step, index) => `${index + 1}. **${step.title.en}** ${step.text.en}`),
    '',
    RESTORE_TRY_MIGRATIONS.en,
  ].join('\n');
}

/** The document with its one restore-procedure block rewritten; throws when it has none, or more than one. */
export function withRestoreProcedure(doc: string): string {
  const blocks = doc.match(BLOCK)?.length ?? 0;
  if (blocks !== 1) throw new Error(`docs/backups.md needs one block ${BEGIN} … ${END}; found ${blocks}`);
  return doc.replace(BLOCK, `${BEGIN}\n${restoreProcedureMarkdown()}\n${END}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const before = readFileSync(BACKUPS_DOC, 'utf8');
  const after = withRestoreProcedure(before);
  writeFileSync(BACKUPS_DOC, after);
  console.log(after === before ? 'docs/backups.md: restore procedure already up to date' : 'docs/backups.md: restore procedure rewritten');
}
