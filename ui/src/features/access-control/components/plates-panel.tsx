import { useState, type FormEvent } from 'react';
import { can } from '../../../../../contracts/permissions';
import { Badge } from '../../../components/badge';
import { DataTable } from '../../../components/data-table';
import { ErrorBanner } from '../../../components/error-banner';
import { FormField } from '../../../components/form-field';
import { Loading } from '../../../components/loading';
import { fieldErrorsByName } from '../../../lib/api-client';
import { useI18n } from '../../../lib/i18n';
import { useCurrentUser } from '../../../lib/session';
import { useAction } from '../../../lib/use-action';
import { useApiResource } from '../../../lib/use-api-resource';
import { listAnpr, listPlates, setPlate } from '../api/access-api';
import { useAccessText } from '../messages';

/** The barrier's allow / refuse list and its recent answers to plate reads (P4.2b vehicles). */
export function PlatesPanel() {
  const text = useAccessText();
  const { formatDateTime } = useI18n();
  const staff = can(useCurrentUser(), 'plate-list.start');
  const plates = useApiResource((signal) => listPlates(signal), []);
  const reads = useApiResource((signal) => listAnpr(signal), []);
  const [plate, setPlateText] = useState('');
  const [list, setList] = useState<'allow' | 'refuse'>('allow');
  const [note, setNote] = useState('');
  const { error, run } = useAction();

  const change = (target: string, next: 'allow' | 'refuse' | null, comment?: string) =>
    run(async () => {
      await setPlate(target, next, comment);
      setPlateText('');
      setNote('');
      plates.reload();
    });

  function submit(event: FormEvent) {
    event.preventDefault();
    void change(plate, list, note);
  }

  const errors = fieldErrorsByName(error);
  return (
    <div>
      <ErrorBanner error={plates.error ?? reads.error} />
      {plates.loading && !plates.data && <Loading />}
      <DataTable data-testid="plates" headings={[text('plate'), text('list'), text('note'), text('sync'), null]}>
        {(plates.data?.items ?? []).map((entry) => (
          <tr key={entry.plate}>
            <td>{entry.plate}</td>
            <td>
              <Badge tone={entry.list === 'allow' ? 'success' : 'danger'}>{text(`list.${entry.list}`)}</Badge>
            </td>
            <td>{entry.note ?? '—'}</td>
            <td>{text(`sync.${entry.syncState}`)}</td>
            <td>
              {staff && (
                <button type="button" className="button-link" onClick={() => void change(entry.plate, null)}>
                  {text('remove')}
                </button>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
      {staff && (
        <form className="card" onSubmit={submit} noValidate data-testid="plate-form">
          <ErrorBanner error={error} />
          <FormField id="plate-number" name="plate" label={text('plate')} error={errors.plate} required>
            <input id="plate-number" value={plate} onChange={(event) => setPlateText(event.target.value)} placeholder="粤B12345" />
          </FormField>
          <FormField id="plate-list" name="list" label={text('list')}>
            <select id="plate-list" value={list} onChange={(event) => setList(event.target.value as 'allow' | 'refuse')}>
              <option value="allow">{text('list.allow')}</option>
              <option value="refuse">{text('list.refuse')}</option>
            </select>
          </FormField>
          <FormField id="plate-note" name="note" label={text('note')} error={errors.note}>
            <input id="plate-note" value={note} onChange={(event) => setNote(event.target.value)} />
          </FormField>
          <div className="form-actions">
            <button type="submit" className="button-primary">
              {text('save')}
            </button>
          </div>
        </form>
      )}
      <h3>{text('recentReads')}</h3>
      <DataTable data-testid="anpr-decisions">
        {(reads.data?.items ?? []).map((read) => (
          <tr key={read.id}>
            <td>{formatDateTime(read.occurredAt)}</td>
            <td>{read.deviceId}</td>
            <td>{read.plate}</td>
            <td>
              <Badge tone={read.decision === 'allowed' ? 'success' : 'danger'}>{text(`decision.${read.decision}`)}</Badge>
            </td>
            <td>{read.reason}</td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
