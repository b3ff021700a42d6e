import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { consoleLabel, consoleText, type ConsoleTextKey } from './console-text';
import { acknowledgeDispatch, assignGuard, listGuards, openConsoleStream, snapshotSrc } from '../api/console-api';
import { Badge, type BadgeTone } from '../../../components/badge';
import { DataTable } from '../../../components/data-table';
import { ErrorBanner } from '../../../components/error-banner';
import { useI18n } from '../../../lib/i18n';
import { useCurrentUser } from '../../../lib/session';
import { useAction } from '../../../lib/use-action';
import { usePhone } from '../../../lib/use-media-query';
import type { DeviceHealthView, GuardView, IncidentView } from '../../../../../contracts/console';
import { can } from '../../../../../contracts/permissions';

const STATUS_TONE: Record<IncidentView['status'], BadgeTone> = { open: 'danger', dispatched: 'danger', acknowledged: 'warning', 'on-site': 'info', closed: 'neutral' };
const HEALTH_TONE: Record<DeviceHealthView['status'], BadgeTone> = { streaming: 'success', stale: 'warning', down: 'danger', unknown: 'neutral' };

function age(fromIso: string, now: number): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(fromIso)) / 1000));
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes}:${String(seconds % 60).padStart(2, '0')}` : `${seconds}s`;
}

/**
 * The control room (P4.2a, P4.2c, P3.1b): live incidents with their cameras, and every device's health. Each
 * incident opens its one-screen handling page (`alarmLink`); a device's outage repair is a link when the user may
 * read repairs (`faultLink`). On a phone the incidents are cards, their buttons in reach.
 */
export function ConsolePage({
  overdueInspections,
  alarmLink,
  faultLink,
}: {
  overdueInspections?: ReactNode;
  alarmLink: (workflowId: string) => string;
  faultLink?: (workflowId: string) => string;
}) {
  const { language, formatDateTime } = useI18n();
  const text = consoleText(language);
  const labelOf = consoleLabel(language);
  const phone = usePhone();
  const user = useCurrentUser();
  const [incidents, setIncidents] = useState(new Map<string, IncidentView>());
  const [devices, setDevices] = useState(new Map<string, DeviceHealthView>());
  const [live, setLive] = useState(false);
  const [now, setNow] = useState(Date.now());
  const [guards, setGuards] = useState<GuardView[]>([]);
  const { error, setError, run: act } = useAction();
  const canAssign = can(user, 'alarm-linkage.assign-guard');
  // The dispatch task accepts its guards and, once escalated, the security supervisor; the server decides.
  const canAcknowledge = can(user, 'alarm-linkage.acknowledge');

  useEffect(
    () =>
      openConsoleStream((event) => {
        if (event.kind === 'snapshot') {
          setIncidents(new Map(event.incidents.map((incident) => [incident.workflowId, incident])));
          setDevices(new Map(event.devices.map((device) => [device.deviceId, device])));
        } else if (event.kind === 'incident') {
          setIncidents((current) => new Map(current).set(event.incident.workflowId, event.incident));
        } else {
          setDevices((current) => new Map(current).set(event.device.deviceId, event.device));
        }
      }, setLive),
    [],
  );
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    if (canAssign) listGuards().then((answer) => setGuards(answer.items), setError);
  }, [canAssign]);

  const sorted = useMemo(
    () => [...incidents.values()].sort((a, b) => Number(a.status === 'closed') - Number(b.status === 'closed') || b.openedAt.localeCompare(a.openedAt)),
    [incidents],
  );

  const cameras = (incident: IncidentView) =>
    incident.cameras.map((camera) => (
      <figure key={camera.deviceId} className="camera-snapshot">
        <img src={snapshotSrc(camera.deviceId, incident.lastEventAt)} alt={camera.name} width={96} height={54} />
        <figcaption>{camera.name}</figcaption>
      </figure>
    ));
  const actions = (incident: IncidentView) => (
    <div className="incident-actions">
      {canAcknowledge && incident.dispatchTaskId ? (
        <button type="button" className="button button-primary" onClick={() => void act(() => acknowledgeDispatch(incident.dispatchTaskId!))}>
          {text('acknowledge')}
        </button>
      ) : null}
      <Link className="button button-secondary" to={alarmLink(incident.workflowId)} data-testid="incident-handle">
        {text('handle')}
      </Link>
      {canAssign && (incident.status === 'open' || incident.status === 'dispatched') ? (
        <select aria-label={text('assign')} value="" onChange={(event) => void act(() => assignGuard(incident.workflowId, event.target.value))}>
          <option value="">{text('chooseGuard')}</option>
          {guards.map((guard) => (
            <option key={guard.id} value={guard.id}>
              {guard.displayName}
            </option>
          ))}
        </select>
      ) : null}
    </div>
  );

  return (
    <section className="console-page">
      <header className="page-header">
        <h1>{text('title')}</h1>
        <span data-testid="console-live">{live ? <Badge tone="success">{text('live')}</Badge> : <Badge tone="warning">{text('offline')}</Badge>}</span>
      </header>
      {error ? <ErrorBanner error={error} /> : null}
      <div className="card">
        <h2>{text('incidents')}</h2>
        {sorted.length === 0 ? (
          <p>{text('noIncidents')}</p>
        ) : (
          phone ? (
            <ul className="card-list incident-cards" data-testid="incident-table">
              {sorted.map((incident) => (
                <li key={incident.workflowId} className="card incident-card" data-incident={incident.workflowId}>
                  <div className="incident-card-head">
                    <strong>{incident.zoneName}</strong>
                    <Badge tone={STATUS_TONE[incident.status]}>{text(`status.${incident.status}` as ConsoleTextKey)}</Badge>
                  </div>
                  <div>
                    {labelOf('alarmType', incident.alarmType)} · {text('repeats')} <span data-testid="repeat-count">{incident.repeatCount}</span> · {text('age')}{' '}
                    {age(incident.openedAt, incident.closedAt ? Date.parse(incident.closedAt) : now)}
                    {incident.detectorState === 'inactive' && incident.status !== 'closed' ? <div className="muted">{text('detectorInactive')}</div> : null}
                  </div>
                  <div className="muted">
                    {text('guard')}: {incident.assignedGuard?.name ?? '—'}
                  </div>
                  <div className="incident-card-cameras">{cameras(incident)}</div>
                  <div className="incident-card-actions">{actions(incident)}</div>
                </li>
              ))}
            </ul>
          ) : (
            <DataTable data-testid="incident-table" headings={[text('zone'), text('type'), text('repeats'), text('age'), text('status'), text('guard'), text('cameras'), text('actions')]}>
              {sorted.map((incident) => (
                <tr key={incident.workflowId} data-incident={incident.workflowId}>
                  <td>{incident.zoneName}</td>
                  <td>
                    {labelOf('alarmType', incident.alarmType)}
                    {incident.detectorState === 'inactive' && incident.status !== 'closed' ? <div className="muted">{text('detectorInactive')}</div> : null}
                  </td>
                  <td data-testid="repeat-count">{incident.repeatCount}</td>
                  <td>{age(incident.openedAt, incident.closedAt ? Date.parse(incident.closedAt) : now)}</td>
                  <td>
                    <Badge tone={STATUS_TONE[incident.status]}>{text(`status.${incident.status}` as ConsoleTextKey)}</Badge>
                  </td>
                  <td>{incident.assignedGuard?.name ?? '—'}</td>
                  <td>{cameras(incident)}</td>
                  <td>{actions(incident)}</td>
                </tr>
              ))}
            </DataTable>
          )
        )}
      </div>
      <div className="card">
        <h2>{text('devices')}</h2>
        <ul className="device-health-grid" data-testid="device-health">
          {[...devices.values()].map((device) => (
            <li key={device.deviceId} data-device={device.deviceId} data-status={device.status}>
              <strong>{device.name}</strong> <Badge tone={HEALTH_TONE[device.status]}>{text(`health.${device.status}` as ConsoleTextKey)}</Badge>
              <div className="muted">
                {device.zoneName} · {text('lastSeen')}: {formatDateTime(device.lastSeenAt)}
                {device.faultWorkflowId ? (
                  <>
                    {` · ${text('repair')}: `}
                    {faultLink ? (
                      <Link to={faultLink(device.faultWorkflowId)} data-testid="device-repair">
                        {device.faultWorkflowId}
                      </Link>
                    ) : (
                      device.faultWorkflowId
                    )}
                  </>
                ) : (
                  ''
                )}
                {device.restartedAt ? ` · ${text('restarted')}: ${formatDateTime(device.restartedAt)} (${device.restarts})` : ''}
              </div>
            </li>
          ))}
        </ul>
      </div>
      {/* Other features' panels (overdue inspections, P3.1a) are placed here by the app, not imported. */}
      {overdueInspections ? <div className="card">{overdueInspections}</div> : null}
    </section>
  );
}
