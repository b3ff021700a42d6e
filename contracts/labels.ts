/**
 * How Steward words what a person sees of a process: step titles, form fields, task context values and their
 * options, zh-CN first and English second. Each process's definition holds its own wording (`labels`), so a new
 * process brings its labels; the API's catalogue (GET /process-definitions) hands them to the UI. Pure data:
 * workflows, the API and the UI import it.
 */
import type { Language } from './language';
import type { AnnouncementAudience, Department, FeedbackCategory, FeedbackResolution, DeliveryStatus, IdDocumentKind, ResidentRelation, SystemKind, UnitUse } from './vocabulary';

export { LANGUAGES, type Language } from './language';

/** One text in every language Steward speaks. */
export type Label = Record<Language, string>;

export const label = (zh: string, en: string): Label => ({ 'zh-CN': zh, en });

/** Ids the API names for the person reading a task (`TaskView.references`): a user, a unit, a zone… */
export const REFERENCE_KINDS = ['user', 'unit', 'building', 'zone', 'device', 'supplier', 'process'] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

/**
 * How a value is shown. `text` as it is; `yuan` an amount; `date-time` Beijing time with seconds; `link` and `image`
 * a URL shown as a link (the wording's `linkText`) or as the picture, never as text; `role` and `process-name` a
 * role's or a process's name; a reference kind the named thing; `hidden` an internal key nobody needs to read.
 */
export const VALUE_FORMATS = ['text', 'yuan', 'number', 'date-time', 'date', 'seconds', 'link', 'image', 'digest', 'role', 'process-name', 'hidden', ...REFERENCE_KINDS] as const;
export type ValueFormat = (typeof VALUE_FORMATS)[number];

/** The wording of one field of a form or one value of a task's context, by its key. */
export interface Wording {
  title: Label;
  help?: Label;
  /** Display names of the values (an enum's, or a boolean's `true` and `false`). */
  options?: Record<string, Label>;
  format?: ValueFormat;
  /** The text of a `link`. */
  linkText?: Label;
}

/** A process's wording, by key; a key means the same wherever it appears in the process's forms and context. */
export type Vocabulary = Record<string, Wording>;

export const SYSTEM_LABELS: Record<SystemKind, Label> = {
  cctv: label('视频监控', 'CCTV'),
  'access-control': label('门禁', 'Access control'),
  'intrusion-alarm': label('入侵报警', 'Intrusion alarm'),
  network: label('网络', 'Network'),
  'elevator-monitoring': label('电梯监控', 'Elevator monitoring'),
  'smart-home': label('智能家居', 'Smart home'),
};

/** The alarm types detectors report (Hikvision event types); a type not listed is shown as reported. */
export const ALARM_TYPE_LABELS: Record<string, Label> = {
  intrusion: label('入侵报警', 'Intrusion'),
  fielddetection: label('区域入侵侦测', 'Field detection'),
  linedetection: label('越界侦测', 'Line crossing'),
  VMD: label('移动侦测', 'Motion detected'),
  shelteralarm: label('视频遮挡', 'Camera covered'),
  liftTrapped: label('电梯困人', 'Person trapped in a lift'),
  tamper: label('防拆报警', 'Tamper'),
};

/** What each department is called. */
export const DEPARTMENT_LABELS: Record<Department, Label> = {
  management: label('管理层', 'Management'),
  engineering: label('工程部', 'Engineering'),
  security: label('安保部', 'Security'),
  'customer-service': label('客服部', 'Customer service'),
  finance: label('财务部', 'Finance'),
  procurement: label('采购部', 'Procurement'),
  administration: label('行政人事部', 'Administration and HR'),
};

/** What each kind of owner feedback is called (P4.1b). */
export const FEEDBACK_CATEGORY_LABELS: Record<FeedbackCategory, Label> = {
  complaint: label('投诉', 'Complaint'),
  inquiry: label('咨询', 'Inquiry'),
  suggestion: label('建议', 'Suggestion'),
};

/** How a feedback ended (P4.1b). */
export const FEEDBACK_RESOLUTION_LABELS: Record<FeedbackResolution, Label> = {
  confirmed: label('业主已确认解决', 'Confirmed by the owner'),
  unconfirmed: label('业主未确认，已关闭', 'Closed without the owner’s confirmation'),
  adopted: label('建议已采纳', 'Suggestion adopted'),
  declined: label('建议未采纳', 'Suggestion declined'),
};

/** Who an announcement is for (P4.1a). */
export const ANNOUNCEMENT_AUDIENCE_LABELS: Record<AnnouncementAudience, Label> = {
  all: label('全体业主', 'All owners'),
  building: label('指定楼栋', 'One building'),
  units: label('指定房屋', 'Named units'),
};

/** What a unit is registered for, how far its sale has gone, and the identity documents its owners register with (P5.1a). */
export const UNIT_USE_LABELS: Record<UnitUse, Label> = {
  residential: label('住宅', 'Residential'),
  commercial: label('商业', 'Commercial'),
  parking: label('车位', 'Parking'),
  storage: label('储藏室', 'Storage'),
  other: label('其他', 'Other'),
};
export const DELIVERY_STATUS_LABELS: Record<DeliveryStatus, Label> = {
  'sold-delivered': label('已售已交付', 'Sold and delivered'),
  'sold-undelivered': label('已售未交付', 'Sold, not delivered'),
  unsold: label('未售', 'Unsold'),
};
export const ID_DOCUMENT_KIND_LABELS: Record<IdDocumentKind, Label> = {
  'resident-id': label('居民身份证', 'Resident ID card'),
  passport: label('护照', 'Passport'),
};

/** How a resident lives in a unit they do not own. */
export const RESIDENT_RELATION_LABELS: Record<ResidentRelation, Label> = {
  'family-member': label('家庭成员', 'Family member'),
  tenant: label('租户', 'Tenant'),
};

/** A label's zh-CN text, or the value itself when it has none (titles are written in the default language). */
export const zhOf = (labels: Record<string, Label>, value: string): string => labels[value]?.['zh-CN'] ?? value;

/** An amount of yuan as zh-CN writes it, for titles: ¥86,000.5 → ¥86,000.50. */
export function yuanText(amount: number): string {
  const [whole, cents] = Math.abs(amount).toFixed(2).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${amount < 0 ? '-' : ''}¥${grouped}${cents === '00' ? '' : `.${cents}`}`;
}

/**
 * An id inside a task's title, for the API to name (`{zone:z-car-park}` → 车库B区): a workflow knows a zone's or a
 * device's id, the reader wants its name. Titles without one are shown as they are.
 */
export const titleReference = (kind: ReferenceKind, id: string): string => `{${kind}:${id}}`;

const TITLE_REFERENCE = new RegExp(`\\{(${REFERENCE_KINDS.join('|')}):([^{}\\s]+)\\}`, 'g');

/** The ids a title names, by kind. */
export function titleReferences(title: string): Array<{ kind: ReferenceKind; id: string }> {
  return [...title.matchAll(TITLE_REFERENCE)].map((match) => ({ kind: match[1] as ReferenceKind, id: match[2] }));
}

/** The title with each id replaced by its name (or by the id, when nothing names it). */
export function nameTitle(title: string, names: Partial<Record<ReferenceKind, Record<string, string>>>): string {
  return title.replace(TITLE_REFERENCE, (_whole, kind: ReferenceKind, id: string) => names[kind]?.[id] ?? id);
}
