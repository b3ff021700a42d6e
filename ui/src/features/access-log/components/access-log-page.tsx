import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { listAccessAlerts, listAccessLog, verifyAccessLog } from '../api/access-log-api';
import { useAccessLogText } from '../messages';
import { Badge } from '../../../components/badge';
import { DataTable } from '../../../components/data-table';
import { DebouncedTextInput } from '../../../components/debounced-text-input';
import { ErrorBanner } from '../../../components/error-banner';
import { LoadMoreButton } from '../../../components/load-more-button';
import { Loading } from '../../../components/loading';
import { useI18n } from '../../../lib/i18n';
import { useCurrentUser } from '../../../lib/session';
import { useApiResource } from '../../../lib/use-api-resource';
import { useKeysetList } from '../../../lib/use-keyset-list';
import { fromDateTimeLocal } from '../../../lib/dates';
import { useSearchParamFilters } from '../../../lib/use-search-param-filters';
import type { Verification } from '../../../../../contracts/access-log';
import { can } from '../../../../../contracts/permissions';

/** A datetime-local value (Beijing time) as an instant for the API; empty when unset or unreadable. */
const instant = (local: string) => fromDateTimeLocal(local) ?? '';

/** P5.3c: the auditor's page: reads of personal data with filters, the chain check, the anomaly alerts. */
export function AccessLogPage({ processInstanceLink }: { processInstanceLink: (workflowId: string) => string }) {
  const text = useAccessLogText();
  const { label, formatDateTime } = useI18n();
  const user = useCurrentUser();
  const [params, changeFilters] = useSearchParamFilters();
  const filters = {
    subject: params.get('subject') ?? '',
    actor: params.get('actor') ?? '',
    record: params.get('record') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
  };
  // "Show that row": the list starts just after the broken row, so it comes first.
  const upTo = params.get('upTo');
  const reads = useKeysetList(
    (cursor, signal) => listAccessLog({ ...filters, from: instant(filters.from), to: instant(filters.to) }, cursor ?? upTo, signal),
    [filters.subject, filters.actor, filters.record, filters.from, filters.to, upTo],
  );
  const commit = useCallback((name: string) => (value: string) => changeFilters({ [name]: value, upTo: undefined }), [changeFilters]);
  const [verification, setVerification] = useState<Verification | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [verifyError, setVerifyError] = useState<unknown>(null);
  const mayReadLog = can(user, 'access-log.read');

  async function verify() {
    setVerifying(true);
    setVerifyError(null);
    try {
      setVerification(await verifyAccessLog());
    } catch (failure) {
      setVerifyError(failure);
    } finally {
      setVerifying(false);
    }
  }

  return (
    <section data-testid="access-log-page">
      <header className="page-header">
        <h1>{text('title')}</h1>
      </header>
      <p className="muted">{text('intro')}</p>
      {mayReadLog && (
        <>
          <div className="filters">
            <button type="button" className="button button-primary" onClick={() => void verify()} disabled={verifying} data-testid="access-log-verify">
              {verifying ? text('verifying') : text('verify')}
            </button>
            {verification && (
              <span data-testid="access-log-verification" data-intact={verification.intact}>
                {verification.intact ? (
                  <Badge tone="success">{text('intact', { rows: String(verification.rows), ms: String(verification.durationMs) })}</Badge>
                ) : (
                  <>
                    <Badge tone="danger">
                      {text('broken', { id: String(verification.firstBroken!.id), why: text(`reason.${verification.firstBroken!.reason}`) })}
                    </Badge>{' '}
                    <button
                      type="button"
                      className="button-link"
                      onClick={() => changeFilters({ subject: undefined, actor: undefined, record: undefined, from: undefined, to: undefined, upTo: String(verification.firstBroken!.id + 1) })}
                    >
                      {text('showRow')}
                    </button>
                  </>
                )}
              </span>
            )}
          </div>
          <ErrorBanner error={verifyError} />
          <form className="filters" onSubmit={(event) => event.preventDefault()} aria-label={text('title')}>
            <label>
              {text('subject')}
              <DebouncedTextInput name="subject" value={filters.subject} onCommit={commit('subject')} />
            </label>
            <label>
              {text('actor')}
              <DebouncedTextInput name="actor" value={filters.actor} onCommit={commit('actor')} />
            </label>
            <label>
              {text('record')}
              <DebouncedTextInput name="record" value={filters.record} onCommit={commit('record')} />
            </label>
            <label>
              {text('from')}
              <input type="datetime-local" name="from" value={filters.from} onChange={(event) => commit('from')(event.target.value)} />
            </label>
            <label>
              {text('to')}
              <input type="datetime-local" name="to" value={filters.to} onChange={(event) => commit('to')(event.target.value)} />
            </label>
          </form>
          <ErrorBanner error={reads.error} />
          {reads.items.length > 0 && (
            <DataTable data-testid="access-log" headings={['#', text('at'), text('who'), text('what'), text('records'), text('subjects'), text('route'), text('ip')]}>
              {reads.items.map((entry) => (
                <tr key={entry.id} data-testid="access-log-row" data-id={entry.id}>
                  <td className="nowrap" title={entry.hash}>
                    {entry.id}
                  </td>
                  <td className="nowrap">{formatDateTime(entry.at)}</td>
                  <td>
                    {entry.actorName ?? entry.actorId}
                    <div className="muted">{entry.actorRoles.map((role) => label('role', role)).join(', ')}</div>
                  </td>
                  <td>
                    {text(`kind.${entry.kind}`)} <span className="muted">({text(`scope.${entry.scope}`)})</span>
                  </td>
                  <td>{entry.recordIds.join(', ')}</td>
                  <td>{entry.subjectIds.join(', ') || '—'}</td>
                  <td>
                    <code>{entry.route}</code>
                  </td>
                  <td className="nowrap">{entry.ip ?? '—'}</td>
                </tr>
              ))}
            </DataTable>
          )}
          {reads.loading && reads.items.length === 0 && <Loading />}
          {!reads.loading && !reads.error && reads.items.length === 0 && <p className="empty">{text('empty')}</p>}
          <LoadMoreButton hasMore={reads.hasMore} loading={reads.loading} onLoadMore={reads.loadMore} />
        </>
      )}
      {can(user, 'access-log.alerts.read') && <AlertsPanel processInstanceLink={processInstanceLink} />}
    </section>
  );
}

function AlertsPanel({ processInstanceLink }: { processInstanceLink: (workflowId: string) => string }) {
  const text = useAccessLogText();
  const { formatDateTime } = useI18n();
  const alerts = useApiResource((signal) => listAccessAlerts(signal), []);
  return (
    <div>
      <h2>{text('alerts')}</h2>
      <ErrorBanner error={alerts.error} />
      {alerts.loading && !alerts.data && <Loading />}
      {(alerts.data?.items.length ?? 0) > 0 && (
        <DataTable data-testid="access-alerts" headings={[text('rule'), text('who'), text('window'), text('observed'), text('finding')]}>
          {alerts.data!.items.map((alert) => (
            <tr key={alert.id}>
              <td>{text(`rule.${alert.rule}`)}</td>
              <td>{alert.actorName ?? alert.actorId}</td>
              <td className="nowrap">
                {formatDateTime(alert.windowStart)} – {formatDateTime(alert.windowEnd)}
              </td>
              <td>
                {alert.observed} / {alert.threshold}
              </td>
              <td>
                <Link to={processInstanceLink(alert.workflowId)}>
                  <Badge tone={alert.finding === 'misuse' ? 'danger' : alert.finding === 'legitimate' ? 'success' : 'warning'}>
                    {alert.finding ? text(`finding.${alert.finding}`) : text('pending')}
                  </Badge>
                </Link>
                {alert.note && <div className="muted">{alert.note}</div>}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {alerts.data?.items.length === 0 && <p className="empty">{text('noAlerts')}</p>}
    </div>
  );
}
