import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Badge } from '../../../components/badge';
import { DataTable } from '../../../components/data-table';
import { ErrorBanner } from '../../../components/error-banner';
import { FormField } from '../../../components/form-field';
import { Loading } from '../../../components/loading';
import { fieldErrorsByName } from '../../../lib/api-client';
import { useI18n } from '../../../lib/i18n';
import { useAction } from '../../../lib/use-action';
import { useApiResource } from '../../../lib/use-api-resource';
import { cancelPass, issuePass, listPasses } from '../api/access-api';
import { useAccessText } from '../messages';

const TONE = { active: 'success', expired: 'neutral', revoked: 'warning' } as const;

/** Visitor passes: issue one for a unit (owners: their own), see them expire, end one early. */
export function VisitorPassesPanel({ processInstanceLink }: { processInstanceLink: (workflowId: string) => string }) {
  const text = useAccessText();
  const { formatDateTime } = useI18n();
  const passes = useApiResource((signal) => listPasses(signal), []);
  const [visitorName, setVisitorName] = useState('');
  const [hostUnitId, setHostUnitId] = useState('');
  const [hours, setHours] = useState('4');
  const [pin, setPin] = useState('');
  const { error, setError, run } = useAction();

  function submit(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      const validUntil = new Date(Date.now() + Number(hours) * 3600_000).toISOString();
      await issuePass({ visitorName, hostUnitId, validUntil, credential: { kind: 'pin', pin } });
      setVisitorName('');
      setPin('');
      passes.reload();
    });
  }

  const errors = fieldErrorsByName(error, ['credential']);
  return (
    <div>
      <ErrorBanner error={passes.error} />
      {passes.loading && !passes.data && <Loading />}
      <DataTable data-testid="visitor-passes" headings={[text('visitorName'), text('hostUnit'), text('validUntil'), text('status'), null]}>
        {(passes.data?.items ?? []).map((pass) => (
          <tr key={pass.id} data-pass-status={pass.status}>
            <td>{pass.visitorName}</td>
            <td>{pass.hostUnitId}</td>
            <td>{formatDateTime(pass.validUntil)}</td>
            <td>
              <Link to={processInstanceLink(pass.workflowId)}>
                <Badge tone={TONE[pass.status]}>{text(`pass.${pass.status}`)}</Badge>
              </Link>
            </td>
            <td>
              {pass.status === 'active' && (
                <button type="button" className="button-link" onClick={() => void cancelPass(pass.id).then(passes.reload, setError)}>
                  {text('cancel')}
                </button>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
      {passes.data?.items.length === 0 && <p className="empty">{text('none')}</p>}
      <form className="card" onSubmit={submit} noValidate data-testid="issue-pass-form">
        <h3>{text('issueTitle')}</h3>
        <ErrorBanner error={error} />
        <FormField id="pass-visitor" name="visitorName" label={text('visitorName')} error={errors.visitorName} required>
          <input id="pass-visitor" value={visitorName} onChange={(event) => setVisitorName(event.target.value)} />
        </FormField>
        <FormField id="pass-unit" name="hostUnitId" label={text('hostUnit')} error={errors.hostUnitId} required>
          <input id="pass-unit" value={hostUnitId} onChange={(event) => setHostUnitId(event.target.value)} placeholder="b1-201" />
        </FormField>
        <FormField id="pass-hours" name="validUntil" label={text('hours')} error={errors.validUntil} required>
          <input id="pass-hours" type="number" min="1" max="72" value={hours} onChange={(event) => setHours(event.target.value)} />
        </FormField>
        <FormField id="pass-pin" name="pin" label={text('pin')} error={errors.pin} required>
          <input id="pass-pin" value={pin} onChange={(event) => setPin(event.target.value)} inputMode="numeric" />
        </FormField>
        <div className="form-actions">
          <button type="submit" className="button-primary">
            {text('issue')}
          </button>
        </div>
      </form>
    </div>
  );
}
