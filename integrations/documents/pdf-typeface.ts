import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** A font file, and the face's PostScript name when the file is a collection (.ttc). */
interface FontFace {
  file: string;
  postscriptName?: string;
}

/** A configured CJK font (PDF_FONT_FILE, PDF_FONT_NAME); without a file, fontconfig is asked. */
export interface PdfFontSettings {
  file: string | null;
  /** The face's PostScript name in a collection (.ttc). */
  postscriptName: string | null;
}

/** The fonts a generated document writes with, and how its text is prepared for them. */
export interface PdfTypeface {
  regular: string;
  bold: string;
  /** ids, digests and tables: fixed width (Courier), ASCII only. */
  mono: string;
  /** The text as the regular and bold fonts can print it. */
  text(value: string): string;
}

/**
 * Names, places and notes in this community are Chinese, and PDF's standard fonts are Latin only. A CJK font
 * is taken from PDF_FONT_FILE (with PDF_FONT_NAME for a face of a .ttc collection) or found with fontconfig
 * (Debian: fonts-noto-cjk, installed by the image and CI). Without one, documents keep their Latin text.
 */
function findChineseFaces(configured: PdfFontSettings): { regular: FontFace; bold: FontFace } | null {
  if (configured.file) {
    const face = { file: configured.file, postscriptName: configured.postscriptName ?? undefined };
    return { regular: face, bold: face };
  }
  let listing: string;
  try {
    listing = execFileSync('fc-list', [':lang=zh-cn', '-f', '%{file}|%{postscriptname}|%{family}\n'], { encoding: 'utf8', timeout: 5000 });
  } catch {
    return null;
  }
  const faces = listing
    .split('\n')
    .map((line) => line.split('|'))
    .filter((parts) => parts.length === 3 && /\.(ttf|otf|ttc)$/i.test(parts[0]))
    .map(([file, postscriptName, family]) => ({ file, postscriptName, family }));
  // Simplified-Chinese sans first (the UI's face), then any sans, then whatever covers Chinese.
  const rank = (face: { postscriptName: string; family: string }) =>
    (/sc\b|SC\b/.test(face.postscriptName + face.family) ? 0 : 2) + (/sans/i.test(face.family) ? 0 : 1);
  const pick = (weight: RegExp) =>
    faces.filter((face) => weight.test(face.postscriptName)).sort((a, b) => rank(a) - rank(b) || a.postscriptName.localeCompare(b.postscriptName))[0];
  const regular = pick(/-Regular$/) ?? faces[0];
  if (!regular) return null;
  const bold = pick(/-Bold$/) ?? regular;
  return { regular: { file: regular.file, postscriptName: regular.postscriptName }, bold: { file: bold.file, postscriptName: bold.postscriptName } };
}

/** Standard fonts can print printable ASCII only: other characters are dropped. */
const latinOnly = (value: string) => value.replace(/[^\x20-\x7E]/g, '').replace(/\s+/g, ' ').trim() || '-';

type LoadedFaces = { regular: FontFace & { bytes: Buffer }; bold: FontFace & { bytes: Buffer } } | null;

const loaded = new Map<string, LoadedFaces>();

/** Looked up once per process and font setting; a font collection is read once and kept (documents share it). */
function loadedChineseFaces(settings: PdfFontSettings): LoadedFaces {
  const key = `${settings.file ?? ''}|${settings.postscriptName ?? ''}`;
  if (loaded.has(key)) return loaded.get(key)!;
  const found = findChineseFaces(settings);
  let faces: LoadedFaces = null;
  try {
    if (found) {
      const regularBytes = readFileSync(found.regular.file);
      const boldBytes = found.bold.file === found.regular.file ? regularBytes : readFileSync(found.bold.file);
      faces = { regular: { ...found.regular, bytes: regularBytes }, bold: { ...found.bold, bytes: boldBytes } };
    }
  } catch {
    faces = null;
  }
  loaded.set(key, faces);
  return faces;
}

/** Registers the document's fonts: a CJK face when the machine has one, the standard Latin fonts otherwise. */
export function pdfTypeface(doc: PDFKit.PDFDocument, font: PdfFontSettings): PdfTypeface {
  const faces = loadedChineseFaces(font);
  if (!faces) return { regular: 'Helvetica', bold: 'Helvetica-Bold', mono: 'Courier', text: latinOnly };
  doc.registerFont('steward-regular', faces.regular.bytes, faces.regular.postscriptName);
  doc.registerFont('steward-bold', faces.bold.bytes, faces.bold.postscriptName);
  return { regular: 'steward-regular', bold: 'steward-bold', mono: 'Courier', text: (value) => value.replace(/\s+/g, ' ').trim() || '-' };
}
