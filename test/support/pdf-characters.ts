import { inflateSync } from 'node:zlib';

/**
 * The characters a PDF prints in its embedded fonts, read from their ToUnicode maps: pdfkit embeds only the
 * glyphs a document uses, so a character is here exactly when some text in the document shows it.
 */
export function printedCharacters(pdf: Buffer): Set<string> {
  const characters = new Set<string>();
  const raw = pdf.toString('latin1');
  for (const match of raw.matchAll(/(?<!end)stream\r?\n/g)) {
    const start = match.index + match[0].length;
    let body: string;
    try {
      body = inflateSync(pdf.subarray(start, raw.indexOf('endstream', start))).toString('latin1');
    } catch {
      continue; // not deflated, or not a stream this looks at
    }
    if (!body.includes('beginbfrange')) continue;
    for (const [, entries] of body.matchAll(/\[([^\]]*)\]/g)) {
      for (const [, units] of entries.matchAll(/<([0-9a-fA-F ]+)>/g)) {
        characters.add(String.fromCharCode(...units.split(' ').map((unit) => parseInt(unit, 16))));
      }
    }
  }
  return characters;
}

/** The CJK characters of a text, each once. */
export const chineseCharactersOf = (text: string): string[] => [...new Set(text.match(/\p{Script=Han}/gu) ?? [])];
