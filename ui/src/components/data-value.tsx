import { useI18n } from '../lib/i18n';

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
  return <pre className="json">{JSON.stringify(value, null, 2)}</pre>;
}
