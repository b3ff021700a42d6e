import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { withConfigTables } from '../config/docs';

/** `npm run docs:config`: rewrites the README's configuration tables from config/schema.ts. */
const readme = fileURLToPath(new URL('../README.md', import.meta.url));
const before = readFileSync(readme, 'utf8');
const after = withConfigTables(before);
writeFileSync(readme, after);
console.log(after === before ? 'README.md: configuration tables already up to date' : 'README.md: configuration tables rewritten');
