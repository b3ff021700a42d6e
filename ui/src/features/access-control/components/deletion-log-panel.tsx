import { Link } from 'react-router';
import { Badge } from '../../../components/badge';
import { DataTable } from '../../../components/data-table';
import { ErrorBanner } from '../../../components/error-banner';
import { Loading } from '../../../components/loading';
import { useI18n } from '../../../lib/i18n';
import { useApiResource } from '../../../lib/use-api-resource';
import { listDeletions } from '../api/access-api';
import { useAccessText } from '../messages';

/** The face-deletion log (PIPL art. 47): who asked, when, and each device's result. */
export function DeletionLogPanel({ processInstanceLink }: { processInstanceLink: (workflowId: string) => string }) {
  const text = useAccessText();
  const { formatDateTime } = useI18n();
  const deletions = useApiResource((signal) => listDeletions(signal), []);
  return (
    <div>
      <ErrorBanner error={deletions.error} />
      {deletions.loading && !deletions.data && <Loading />}
      <DataTable data-testid="face-deletions" headings={[text('name'), text('requestedBy'), text('requestedAt'), text('devices'), text('imagesErased'), text('status')]}>
        {(deletions.data?.items ?? []).map((entry) => (
          <tr key={entry.id}>
            <td>{entry.personName}</td>
            <td>{entry.requestedBy}</td>
            <td>{formatDateTime(entry.requestedAt)}</td>
            <td>
              {entry.devices.map((device) => (
                <div key={device.deviceId} data-device-id={device.deviceId} data-device-result={device.result}>
                  {device.deviceId}: <Badge tone={device.result === 'deleted' ? 'success' : 'danger'}>{text(`result.${device.result}`)}</Badge> {formatDateTime(device.at)}
                  {device.attempts > 1 && <span className="muted"> {text('attempts', { attempts: String(device.attempts) })}</span>}
                  {device.result === 'failed' && device.error && <div className="muted">{device.error}</div>}
                </div>
              ))}
            </td>
            <td>{entry.imagesErased ?? '—'}</td>
            <td>
              <Link to={processInstanceLink(entry.workflowId)}>
                <Badge tone={entry.status === 'completed' ? 'success' : entry.status === 'running' ? 'info' : 'danger'}>{text(`deletion.${entry.status}`)}</Badge>
              </Link>
            </td>
          </tr>
        ))}
      </DataTable>
      {deletions.data?.items.length === 0 && <p className="empty">{text('none')}</p>}
    </div>
  );
}
