import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { ReferenceKind, Vocabulary, Wording } from '../../../contracts/labels';
import { REFERENCE_KINDS } from '../../../contracts/labels';
import type { TaskReferences } from '../../../contracts/tasks';
import { useI18n } from '../lib/i18n';
import { DataTable } from './data-table';
import { KeyValueList } from './key-value-list';

/** What labelled data is read with: its process's wording, the names of the ids it holds, where a process link goes. */
export interface LabelledDataProps {
  vocabulary: Vocabulary;
  references?: TaskReferences;
  /** The page of a process instance, for readers who may open it; without it a process is named, not linked. */
  processLink?: (workflowId: string) => string;
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
/** A link goes to a page of Steward's, a web address or a camera's stream; anything else is not followed. */
const LINKABLE = /^(\/(?!\/)|https?:\/\/|rtsp:\/\/)/;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isReference = (format: Wording['format']): format is ReferenceKind => (REFERENCE_KINDS as readonly (string | undefined)[]).includes(format);
const isHidden = (wording: Wording | undefined) => wording?.format === 'hidden';

/** The entries of a record a reader sees: hidden keys left out, each titled by its wording. */
function visibleEntries(record: Record<string, unknown>, vocabulary: Vocabulary) {
  return Object.entries(record).filter(([key, value]) => !isHidden(vocabulary[key]) && value !== undefined);
}

/** A record (a task's context, a filing's package) as titled values, each shown as its wording says. */
export function LabelledRecord({ record, ...props }: LabelledDataProps & { record: Record<string, unknown> }) {
  const { text } = useI18n();
  return (
    <KeyValueList
      entries={visibleEntries(record, props.vocabulary).map(([key, value]) => [
        props.vocabulary[key] ? text(props.vocabulary[key].title) : key,
        <LabelledValue value={value} wording={props.vocabulary[key]} {...props} />,
        key,
      ])}
    />
  );
}

/** Seconds as days, hours and minutes: 86400 → 1 天. */
function durationText(seconds: number, language: string): string {
  const units: Array<[number, string, string]> = [
    [86_400, '天', 'd'],
    [3_600, '小时', 'h'],
    [60, '分钟', 'min'],
    [1, '秒', 's'],
  ];
  const parts: string[] = [];
  let rest = Math.round(seconds);
  for (const [size, zh, en] of units) {
    const count = Math.floor(rest / size);
    if (count > 0) parts.push(language === 'zh-CN' ? `${count} ${zh}` : `${count} ${en}`);
    rest -= count * size;
  }
  return parts.join(' ') || (language === 'zh-CN' ? '0 秒' : '0 s');
}

/** One value, shown as its wording says: a name for an id, an amount in yuan, Beijing time, a link, a picture… */
export function LabelledValue({ value, wording, ...props }: LabelledDataProps & { value: unknown; wording?: Wording }) {
  const { t, text, label, language, formatInstant, formatDate, formatYuan, formatList } = useI18n();
  const format = wording?.format;
  if (value === null || value === undefined || value === '') return <span className="muted">—</span>;

  const one = (item: unknown): ReactNode => {
    const option = wording?.options?.[String(item)];
    if (option) return text(option);
    if (isReference(format) && typeof item === 'string') {
      // An id nothing names (its record is gone) tells the reader nothing.
      const name = props.references?.[format]?.[item];
      if (name === undefined) return <span className="muted">—</span>;
      return format === 'process' && props.processLink ? <Link to={props.processLink(item)}>{name}</Link> : name;
    }
    if (format === 'role' && typeof item === 'string') return label('role', item);
    if (format === 'process-name' && typeof item === 'string') return label('process', item);
    if (typeof item === 'boolean') return item ? t('common.yes') : t('common.no');
    if (typeof item === 'number') {
      if (format === 'yuan') return formatYuan(item);
      if (format === 'seconds') return durationText(item, language);
      if (format === 'number') return item.toLocaleString(language);
      return String(item);
    }
    if (typeof item === 'string') {
      if (format === 'link') return LINKABLE.test(item) ? <a href={item}>{wording?.linkText ? text(wording.linkText) : text(wording!.title)}</a> : <span className="muted">—</span>;
      if (format === 'image') return LINKABLE.test(item) ? <img className="data-image" src={item} alt={wording ? text(wording.title) : ''} /> : <span className="muted">—</span>;
      if (format === 'digest') return <code className="digest">{item}</code>;
      if (format === 'date') return formatDate(item);
      if (format === 'date-time' || (!format && ISO_DATE_TIME.test(item))) return formatInstant(item);
      return item;
    }
    return <LabelledValue value={item} {...props} />;
  };

  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="muted">—</span>;
    if (value.every(isRecord)) return <LabelledTable rows={value} {...props} />;
    if (value.every((item) => typeof item !== 'object' || item === null)) {
      const items = value.map(one);
      // Short names run on in a line (a、b); sentences (a plan's goals) each get their own.
      const inline = items.every((item) => typeof item === 'string' && item.length <= 24);
      return inline ? <>{formatList(items as string[])}</> : <ul className="plain-list">{items.map((item, index) => <li key={index}>{item}</li>)}</ul>;
    }
    return (
      <ul className="plain-list">
        {value.map((item, index) => (
          <li key={index}>
            <LabelledValue value={item} wording={wording} {...props} />
          </li>
        ))}
      </ul>
    );
  }
  if (isRecord(value)) return <LabelledRecord record={value} {...props} />;
  return <>{one(value)}</>;
}

/** A list of records (a plan's projects, a budget's line items) as a table, its columns titled by their wording. */
function LabelledTable({ rows, ...props }: LabelledDataProps & { rows: Record<string, unknown>[] }) {
  const { text } = useI18n();
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))].filter((key) => !isHidden(props.vocabulary[key]));
  return (
    <DataTable data-records="" headings={columns.map((key) => (props.vocabulary[key] ? text(props.vocabulary[key].title) : key))}>
      {rows.map((row, index) => (
        <tr key={index}>
          {columns.map((column) => (
            <td key={column}>
              <LabelledValue value={row[column]} wording={props.vocabulary[column]} {...props} />
            </td>
          ))}
        </tr>
      ))}
    </DataTable>
  );
}
