import { useI18n } from '../lib/i18n';
import { DataTable } from './data-table';
import { KeyValueList } from './key-value-list';

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** Renders an arbitrary JSON value from process data or task context readably. */
export function DataValue({ value }: { value: unknown }) {
  const { t, formatDateTime, formatList } = useI18n();
  if (value === null || value === undefined || value === '') return <span className="muted">—</span>;
  if (typeof value === 'boolean') return <>{value ? t('common.yes') : t('common.no')}</>;
  if (typeof value === 'number') return <>{value}</>;
  if (typeof value === 'string') {
    if (value.startsWith('data:image/')) return <img className="data-image" src={value} alt="" />;
    return <>{ISO_DATE_TIME.test(value) ? formatDateTime(value) : value}</>;
  }
  if (Array.isArray(value) && value.every((item) => typeof item !== 'object' || item === null)) {
    return <>{formatList(value.map(String))}</>;
  }
  // A list of records (a plan's projects, a budget's line items) reads best as a table.
  if (Array.isArray(value) && value.length > 0 && value.every(isRecord)) {
    const columns = [...new Set(value.flatMap((row) => Object.keys(row)))];
    return (
      <DataTable data-records="" headings={columns}>
        {value.map((row, index) => (
          <tr key={index}>
            {columns.map((column) => (
              <td key={column}>
                <DataValue value={row[column]} />
              </td>
            ))}
          </tr>
        ))}
      </DataTable>
    );
  }
  if (isRecord(value)) {
    return <KeyValueList entries={Object.entries(value).map(([key, item]) => [key, <DataValue value={item} />, key])} />;
  }
  return <pre className="json">{JSON.stringify(value, null, 2)}</pre>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
