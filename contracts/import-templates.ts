/**
 * The spreadsheets master data is imported from (P5.1a–b, issue 12): each sheet's columns in template order, as the
 * downloadable template writes them, the API reads them and the UI names a row's column at fault. No zod here: the
 * UI imports it at runtime (contracts/data-import.ts holds the rows' schemas).
 */
import { ROLE_TITLES } from './permissions';
import { DELIVERY_STATUS_LABELS, DEPARTMENT_LABELS, ID_DOCUMENT_KIND_LABELS, label, UNIT_USE_LABELS, type Label } from './labels';
import type { ImportSheet } from './vocabulary';

export interface ImportColumn {
  /** The row's field (contracts/data-import.ts) and the last part of an error's `rows.<row>.<key>`. */
  key: string;
  header: Label;
  required: boolean;
  /** What to enter, for the template's notes. */
  help: Label;
  /** The values people may enter, by their names in either language (or the value itself). */
  options?: Record<string, Label>;
  /** Kept as text in the template: an 18-digit number would lose its last digits as a spreadsheet number. */
  text?: boolean;
  /** Several values in one cell (roles), separated by commas, 、 or spaces. */
  list?: boolean;
  /** A number (an area): text that reads as one is taken as one. */
  number?: boolean;
}

const buildingId: ImportColumn = { key: 'buildingId', header: label('楼栋编码', 'Building id'), required: true, help: label('登记中的楼栋编码，如 b1', "The building's id in the register, e.g. b1"), text: true };
const number: ImportColumn = { key: 'number', header: label('门牌号', 'Number'), required: true, help: label('楼栋内的门牌号，如 1201', 'The number within the building, e.g. 1201'), text: true };
const ownerColumns = (required: boolean): ImportColumn[] => [
  { key: 'ownerName', header: label('业主姓名', "Owner's name"), required, help: required ? label('业主姓名', "The owner's name") : label('选填：登记业主时填写姓名、证件类型和证件号码', "Optional: an owner's name, document type and number together") },
  { key: 'idKind', header: label('证件类型', 'Document type'), required, help: label('居民身份证或护照', 'Resident ID card or passport'), options: ID_DOCUMENT_KIND_LABELS },
  { key: 'idNumber', header: label('证件号码', 'Document number'), required, help: label('身份证 18 位（校验位正确）或护照号码；请以文本格式填写', 'An 18-character resident ID (check digit right) or a passport number, entered as text'), text: true },
  { key: 'mobile', header: label('手机号码', 'Mobile'), required: false, help: label('选填：业主门户的邀请短信发到此号码；请以文本格式填写', "Optional: the owner portal's invitation goes to this number by SMS; entered as text"), text: true },
];

/** A staff account's roles: owners' and suppliers' accounts come with their owner or supplier record. */
const ROLE_OPTIONS: Record<string, Label> = Object.fromEntries(
  Object.entries(ROLE_TITLES)
    .filter(([role]) => role !== 'owner' && role !== 'vendor')
    .map(([role, title]) => [role, label(title['zh-CN'], title.en)]),
);

export const IMPORT_TEMPLATES: Record<ImportSheet, { title: Label; columns: ImportColumn[] }> = {
  units: {
    title: label('房屋（可含首位业主）', 'Units (with their first owner, if any)'),
    columns: [
      buildingId,
      number,
      { key: 'exclusiveArea', header: label('专有面积（㎡）', 'Exclusive area (m²)'), required: true, help: label('1 至 10000，最多两位小数', '1 to 10,000, at most two decimals'), number: true },
      { key: 'use', header: label('用途', 'Use'), required: true, help: label('住宅、商业、车位、储藏室或其他', 'Residential, commercial, parking, storage or other'), options: UNIT_USE_LABELS },
      { key: 'deliveryStatus', header: label('交付状态', 'Delivery status'), required: true, help: label('已售已交付、已售未交付或未售', 'Sold and delivered, sold not delivered, or unsold'), options: DELIVERY_STATUS_LABELS },
      ...ownerColumns(false),
    ],
  },
  owners: { title: label('已登记房屋的业主', 'Owners of registered units'), columns: [buildingId, number, ...ownerColumns(true)] },
  staff: {
    title: label('员工账号', 'Staff users'),
    columns: [
      { key: 'username', header: label('用户名', 'Username'), required: true, help: label('小写字母开头，3 至 32 个字符', 'A lower-case letter first, 3 to 32 characters'), text: true },
      { key: 'displayName', header: label('姓名', 'Name'), required: true, help: label('员工姓名', "The staff member's name") },
      { key: 'department', header: label('部门', 'Department'), required: true, help: label('所在部门', 'Their department'), options: DEPARTMENT_LABELS },
      { key: 'roles', header: label('角色', 'Roles'), required: true, help: label('一个或多个角色，用逗号或顿号分隔', 'One or more roles, separated by commas'), options: ROLE_OPTIONS, list: true },
    ],
  },
};

/** How large a sheet may be: its rows, its file, and how many faults an answer lists (the count says how many there are). */
export const IMPORT_LIMITS = { maxRows: 20_000, maxBytes: 2_900_000, maxErrors: 1_000 } as const;

/** A header cell as the template writes it: both languages. */
export const headerText = (column: ImportColumn) => `${column.header['zh-CN']} ${column.header.en}`;

/** The spreadsheet's letter of a column (0 → A, 26 → AA). */
export function columnLetter(index: number): string {
  let letters = '';
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
}

/** An import fault's field, `rows.<row>.<column key>`, read back: the sheet's row, and the column's letter and header. */
export function importFaultPlace(sheet: ImportSheet, field: string): { row: number; column: ImportColumn | null; letter: string | null } | null {
  const match = /^rows\.(\d+)(?:\.(\w+))?$/.exec(field);
  if (!match) return null;
  const columns = IMPORT_TEMPLATES[sheet].columns;
  const index = columns.findIndex((column) => column.key === match[2]);
  return { row: Number(match[1]), column: index >= 0 ? columns[index] : null, letter: index >= 0 ? columnLetter(index) : null };
}

/** A unit's id, as the register names units: its building and number (b1-1201). */
export const unitIdOf = (buildingId: string, number: string) =>
  `${buildingId}-${number
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}`;
