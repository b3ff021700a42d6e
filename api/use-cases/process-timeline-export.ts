import PDFDocument from 'pdfkit';
import { pdfTypeface } from '../../integrations/documents/pdf-typeface';
import { processNamed } from '../../workflows/processes';
import type { SessionUser } from '../auth/session';
import type { ApiContext } from '../context';
import { getInstance } from './process-instances';

/** What the timeline's events are called in the export (zh-CN first, English second, as in the UI). */
const EVENT_NAMES: Record<string, string> = {
  entered: '进入 entered',
  completed: '完成 completed',
  failed: '失败 failed',
  claimed: '认领 claimed',
  released: '释放 released',
  reassigned: '改派 reassigned',
  reminded: '提醒 reminded',
  escalated: '升级 escalated',
};

const STATUS_NAMES: Record<string, string> = {
  running: '运行中 running',
  completed: '已完成 completed',
  failed: '失败 failed',
  cancelled: '已取消 cancelled',
  terminated: '已强制终止 terminated',
  'timed-out': '已超时 timed out',
};

export const TIMELINE_HEADINGS = ['时间 Time', '步骤 Step', '条款 Clause', '事件 Event', '执行人 Actor', '详情 Detail'] as const;

export interface TimelineRow {
  at: string;
  step: string;
  clause: string;
  event: string;
  actor: string;
  detail: string;
}

/** A time as an auditor reads it: the community's wall clock to the second (order matters in an audit). */
function wallClock(timeZone: string) {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  return (iso: string | null) => {
    if (!iso) return '';
    const parts = Object.fromEntries(format.formatToParts(new Date(iso)).map((part) => [part.type, part.value]));
    return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
  };
}

/** A step's detail as words: `key: value` pairs, nested keys dotted, lists joined; never raw JSON. */
function readable(value: unknown, prefix = ''): string[] {
  if (value === null || value === undefined || value === '') return [];
  if (Array.isArray(value)) {
    if (value.every((item) => item === null || typeof item !== 'object')) return [`${prefix || '-'}: ${value.join('、')}`];
    return value.flatMap((item, index) => readable(item, `${prefix}${prefix ? '.' : ''}${index + 1}`));
  }
  if (typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => readable(item, prefix ? `${prefix}.${key}` : key));
  return [prefix ? `${prefix}: ${String(value)}` : String(value)];
}

/** The instance's timeline as rows an auditor reads: its time, step, clause, event, actor and detail in words. */
export async function timelineRows(ctx: ApiContext, user: SessionUser, workflowId: string) {
  const detail = await getInstance(ctx, user, workflowId);
  const definition = processNamed(detail.instance.process);
  const steps = new Map(Object.values(definition?.steps ?? {}).map((step) => [step.id, step]));
  const at = wallClock(ctx.settings.communityTimeZone);
  const rows: TimelineRow[] = detail.timeline.map((entry) => ({
    at: at(entry.at),
    step: steps.get(entry.stepId)?.label['zh-CN'] ?? entry.stepId,
    clause: steps.get(entry.stepId)?.clause ?? '',
    event: EVENT_NAMES[entry.event] ?? entry.event,
    actor: entry.actor ?? '',
    detail: readable(entry.detail).join('；'),
  }));
  const { instance } = detail;
  return {
    instance,
    processTitle: definition ? `${definition.title['zh-CN']} ${definition.title.en}` : instance.process,
    status: STATUS_NAMES[instance.status] ?? instance.status,
    startedAt: at(instance.startedAt),
    endedAt: at(instance.endedAt),
    rows,
  };
}

// A cell that starts like a formula is kept as text when a spreadsheet opens the file (CSV injection).
const csvField = (value: string) => {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};
export const csvLine = (fields: readonly string[]) => `${fields.map(csvField).join(',')}\r\n`;

/** The timeline as CSV: UTF-8 with a byte-order mark, so spreadsheet programs show the Chinese as Chinese. */
export async function timelineCsv(ctx: ApiContext, user: SessionUser, workflowId: string): Promise<Buffer> {
  const { rows } = await timelineRows(ctx, user, workflowId);
  const body = csvLine(TIMELINE_HEADINGS) + rows.map((row) => csvLine([row.at, row.step, row.clause, row.event, row.actor, row.detail])).join('');
  return Buffer.from(`\uFEFF${body}`, 'utf8');
}

/** The timeline as a PDF in Chinese (a CJK face, see pdf-typeface): the instance, then one entry per event. */
export async function timelinePdf(ctx: ApiContext, user: SessionUser, workflowId: string): Promise<Buffer> {
  const timeline = await timelineRows(ctx, user, workflowId);
  const { instance } = timeline;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 48,
    info: { Title: `流程时间线 Process timeline ${instance.workflowId}`, Subject: instance.shownTitle['zh-CN'], Keywords: `${instance.process}, ${instance.workflowId}` },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  const face = pdfTypeface(doc, ctx.settings.pdfFont);
  doc.font(face.bold).fontSize(16).text(face.text(`流程时间线 Process timeline`));
  doc.font(face.regular).fontSize(10).moveDown(0.5);
  const line = (label: string, value: string) => doc.text(face.text(`${label}: ${value || '-'}`));
  line('流程 Process', timeline.processTitle);
  line('标题 Title', instance.shownTitle['zh-CN']);
  line('实例 Instance', instance.workflowId);
  line('状态 Status', timeline.status);
  line('发起人 Started by', instance.startedByName ?? instance.startedBy ?? '');
  line(`开始 Started (${ctx.settings.communityTimeZone})`, timeline.startedAt);
  line(`结束 Ended (${ctx.settings.communityTimeZone})`, timeline.endedAt);
  doc.moveDown(0.5).font(face.bold).fontSize(12).text(face.text(`时间线 Timeline (${timeline.rows.length})`)).moveDown(0.3);
  for (const row of timeline.rows) {
    doc.font(face.bold).fontSize(9).text(face.text(`${row.at}  ${row.event}  ${row.step}${row.clause ? ` [${row.clause}]` : ''}`));
    doc.font(face.regular).fontSize(9);
    if (row.actor) doc.text(face.text(`执行人 Actor: ${row.actor}`), { indent: 12 });
    if (row.detail) doc.text(face.text(`详情 Detail: ${row.detail}`), { indent: 12 });
    doc.moveDown(0.3);
  }
  doc.end();
  return done;
}
