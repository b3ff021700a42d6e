/**
 * Reads an uploaded spreadsheet (.xlsx through exceljs, or .csv) into rows of cells, and writes the import templates.
 * Cells come back as text or numbers as the sheet holds them: the import decides what each column means.
 */
import ExcelJS from 'exceljs';
import { columnLetter, headerText, IMPORT_LIMITS, IMPORT_TEMPLATES } from '../contracts/import-templates';
import type { ImportFormat } from '../contracts/data-import';
import type { Label } from '../contracts/labels';
import type { ImportSheet } from '../contracts/vocabulary';

export type Cell = string | number | null;

/** The file is no spreadsheet this reader knows (a damaged or renamed file). */
export class UnreadableSheet extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'UnreadableSheet';
  }
}

type ExcelValue = ExcelJS.CellValue;
/** A sheet's data validations by range: exceljs has them, its types leave them out. */
type DataValidations = { add(range: string, validation: ExcelJS.DataValidation): void };

/** A cell's value as text or a number: formulas by their result, rich text and links by their text, dates as days. */
function cellOf(value: ExcelValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellOf((value as { result?: ExcelValue }).result ?? null);
  if ('hyperlink' in value) return cellOf((value as { text: ExcelValue }).text);
  if ('error' in value) return String(value.error);
  return null;
}

async function readXlsx(content: Buffer): Promise<Cell[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch (error) {
    throw new UnreadableSheet(`not an .xlsx file: ${(error as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new UnreadableSheet('the workbook has no sheet');
  const rows: Cell[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const values = row.values as ExcelValue[];
    // exceljs counts columns from 1: values[0] is empty.
    rows[rowNumber - 1] = values.slice(1).map(cellOf);
  });
  for (let index = 0; index < rows.length; index++) rows[index] ??= [];
  return rows;
}

/** Text as Excel saves a CSV: UTF-8 (with or without its byte-order mark), or GB18030 where a Chinese Windows saves it so. */
function decodeCsv(content: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(content);
  } catch {
    return new TextDecoder('gb18030').decode(content);
  }
}

/** RFC 4180: fields separated by commas, quoted when they hold commas, quotes or line breaks; every cell stays text. */
function readCsv(content: Buffer): Cell[][] {
  const text = decodeCsv(content);
  const rows: Cell[][] = [];
  let row: Cell[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field === '' ? null : field);
    field = '';
  };
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (quoted) {
      if (char !== '"') field += char;
      else if (text[index + 1] === '"') {
        field += '"';
        index++;
      } else quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === ',') endField();
    else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index++;
      endField();
      rows.push(row);
      row = [];
    } else field += char;
  }
  if (quoted) throw new UnreadableSheet('a quoted field is not closed');
  if (field !== '' || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}

/** The sheet's rows of cells, the header first; trailing empty rows left out. */
export async function readSheet(format: ImportFormat, content: Buffer): Promise<Cell[][]> {
  const rows = format === 'xlsx' ? await readXlsx(content) : readCsv(content);
  while (rows.length && rows[rows.length - 1].every((cell) => cell === null || cell === '')) rows.pop();
  return rows;
}

const NOTES_HEADINGS: Label[] = [
  { 'zh-CN': '列', en: 'Column' },
  { 'zh-CN': '表头', en: 'Heading' },
  { 'zh-CN': '必填', en: 'Required' },
  { 'zh-CN': '填写说明', en: 'What to enter' },
  { 'zh-CN': '可选值', en: 'Values' },
];

/**
 * A sheet's template: the headings on the first sheet (text columns formatted as text, choices as drop-down lists),
 * and a second sheet of notes on every column. Data rows go under the headings.
 */
export async function templateWorkbook(sheet: ImportSheet): Promise<Buffer> {
  const template = IMPORT_TEMPLATES[sheet];
  const workbook = new ExcelJS.Workbook();
  const data = workbook.addWorksheet(template.title['zh-CN']);
  data.columns = template.columns.map((column) => ({ header: headerText(column), key: column.key, width: Math.max(16, headerText(column).length + 4), style: column.text ? { numFmt: '@' } : {} }));
  data.getRow(1).font = { bold: true };
  data.views = [{ state: 'frozen', ySplit: 1 }];
  const notes = workbook.addWorksheet('说明 Notes');
  notes.addRow(NOTES_HEADINGS.map((heading) => `${heading['zh-CN']} ${heading.en}`)).font = { bold: true };
  template.columns.forEach((column, index) => {
    const options = column.options ? Object.values(column.options).map((option) => option['zh-CN']) : [];
    notes.addRow([columnLetter(index), headerText(column), column.required ? '是 Yes' : '否 No', `${column.help['zh-CN']} ${column.help.en}`, options.join('、')]);
    // A drop-down of the choices' Chinese names (a list of roles stays free text: it holds several).
    if (options.length && !column.list) {
      const letter = columnLetter(index);
      (data as unknown as { dataValidations: DataValidations }).dataValidations.add(`${letter}2:${letter}${IMPORT_LIMITS.maxRows + 1}`, { type: 'list', allowBlank: !column.required, formulae: [`"${options.join(',')}"`] });
    }
  });
  notes.columns.forEach((column) => (column.width = 28));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
