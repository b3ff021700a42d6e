import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import type { FaultDetail, FaultLocation, FaultReport } from '../../../../../contracts/faults';
import type { ReferenceLocations } from '../../../../../contracts/reference';
import { ErrorBanner } from '../../../components/error-banner';
import { KeyValueList } from '../../../components/key-value-list';
import { Loading } from '../../../components/loading';
import { RecordTasks, type TaskLink } from '../../../components/record-tasks';
import { useI18n } from '../../../lib/i18n';
import { useCurrentUser } from '../../../lib/session';
import { useAction } from '../../../lib/use-action';
import { useApiResource } from '../../../lib/use-api-resource';
import { can } from '../../../../../contracts/permissions';
import { closeRecoveredOutage, getFault, getReferenceLocations } from '../api/faults-api';
import { FaultProgress } from './fault-progress';
import { RatingForm, StarRating } from './rating-form';

/** "Building 3 · 1201 · Lobby · Lift 2", falling back to ids when the reference data does not know them. */
function describeLocation(location: Partial<FaultLocation> | undefined, reference: ReferenceLocations | undefined): string {
  if (!location) return '—';
  const building = reference?.buildings.find((candidate) => candidate.id === location.buildingId);
  const parts = [
    building?.name ?? location.buildingId,
    location.unitId && (building?.units.find((unit) => unit.id === location.unitId)?.number ?? location.unitId),
    location.zoneId && (reference?.zones.find((zone) => zone.id === location.zoneId)?.name ?? location.zoneId),
    location.deviceId && (reference?.devices.find((device) => device.id === location.deviceId)?.name ?? location.deviceId),
  ];
  return parts.filter(Boolean).join(' · ') || '—';
}

export function FaultPage({ myFaultsPath, taskLink }: { myFaultsPath: string; taskLink: TaskLink }) {
  const { workflowId = '' } = useParams();
  const { t, label, formatDateTime, formatList } = useI18n();
  const fault = useApiResource((signal) => getFault(workflowId, signal), [workflowId]);
  const reference = useApiResource((signal) => getReferenceLocations(signal), []);
  const mayCloseRecovered = can(useCurrentUser(), 'fault-repair.close-recovered');
  const closing = useAction();

  if (!fault.data) return fault.error ? <ErrorBanner error={fault.error} /> : <Loading />;
  const detail: FaultDetail = fault.data;
  const { record } = detail;
  const report = detail.report as Partial<FaultReport> | null;
  const closed = detail.status === 'completed';
  const reportEntries: [string, ReactNode][] = [
    [t('fault.startedAt'), formatDateTime(detail.startedAt)],
    [t('fault.occurredAt'), formatDateTime(report?.occurredAt)],
    [t('fault.location'), describeLocation(report?.location, reference.data)],
    [t('fault.system'), report?.system ? label('system', report.system) : '—'],
    [t('fault.symptoms'), <span className="prewrap">{report?.symptoms ?? '—'}</span>],
  ];
  if (report?.photoId) {
    reportEntries.push([
      t('fault.photo'),
      <img className="photo-preview" src={`/api/v1/faults/${encodeURIComponent(detail.workflowId)}/photo`} alt={t('fault.photo')} />,
    ]);
  }
  if (detail.endedAt) reportEntries.push([t('fault.endedAt'), formatDateTime(detail.endedAt)]);

  return (
    <section className="narrow-page fault-page" data-status={detail.status}>
      <p>
        <Link to={myFaultsPath}>← {t('fault.myFaultsTitle')}</Link>
      </p>
      <header className="page-header">
        <h1>{detail.title}</h1>
        <FaultProgress fault={detail} />
      </header>
      {detail.outage && detail.status === 'running' && (
        <div className="banner banner-info" data-testid="fault-outage" data-back-online={detail.outage.backOnlineAt ?? undefined}>
          <strong>{t('fault.outage')}</strong>{' '}
          {detail.outage.backOnlineAt
            ? t('fault.outageBackOnline', { device: detail.outage.deviceName, when: formatDateTime(detail.outage.backOnlineAt) })
            : t('fault.outageStillDown', { device: detail.outage.deviceName })}
          {detail.outage.backOnlineAt && mayCloseRecovered && detail.currentSteps.includes('diagnoseFault') && (
            <div className="form-actions">
              <button
                type="button"
                className="button button-primary"
                disabled={closing.busy}
                data-testid="close-recovered"
                onClick={() =>
                  void closing.run(async () => {
                    await closeRecoveredOutage(detail.workflowId);
                    fault.reload();
                  })
                }
              >
                {t('fault.closeRecovered')}
              </button>
            </div>
          )}
          <ErrorBanner error={closing.error} />
        </div>
      )}
      {!closed && <RecordTasks workflowIds={[detail.workflowId]} taskLink={taskLink} />}

      <div className="card">
        <h2>{t('fault.report')}</h2>
        <KeyValueList entries={reportEntries} />
      </div>

      {record && (
        <div className="card" data-testid="repair-record">
          <h2>{t('fault.record')}</h2>
          <KeyValueList
            entries={[
              [t('fault.cause'), record.cause],
              [t('fault.repairProcess'), <span className="prewrap">{record.repairProcess}</span>],
              [t('fault.partsReplaced'), record.partsReplaced.length > 0 ? formatList(record.partsReplaced) : t('common.none')],
              [t('fault.timeSpent'), t('fault.minutes', { n: record.timeSpentMinutes })],
              [t('fault.repairedBy'), record.repairedBy],
              [t('fault.reworkCount'), record.reworkCount],
              [t('fault.closedAt'), formatDateTime(record.closedAt)],
            ]}
          />
        </div>
      )}

      {closed && (
        <div className="card">
          <h2>{t('fault.rating')}</h2>
          {detail.rating !== null ? (
            <p data-testid="fault-rating">
              {t('fault.yourRating')}: <StarRating rating={detail.rating} />
            </p>
          ) : (
            <RatingForm workflowId={detail.workflowId} onRated={(rating) => fault.setData({ ...detail, rating })} />
          )}
        </div>
      )}
    </section>
  );
}
