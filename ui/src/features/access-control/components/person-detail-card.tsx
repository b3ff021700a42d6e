import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { consentSelf, enrol, getPerson, recordLeaving, requestFaceDeletion, revoke, withdrawConsent } from '../api/access-api';
import { useAccessText } from '../messages';
import { Badge } from '../../../components/badge';
import { DataTable } from '../../../components/data-table';
import { ErrorBanner } from '../../../components/error-banner';
import { FormField } from '../../../components/form-field';
import { Loading } from '../../../components/loading';
import { fieldErrorsByName } from '../../../lib/api-client';
import { readAsDataUrl } from '../../../lib/files';
import { useI18n } from '../../../lib/i18n';
import { useCurrentUser } from '../../../lib/session';
import { useAction } from '../../../lib/use-action';
import { useApiResource } from '../../../lib/use-api-resource';
import type { CredentialMaterial } from '../../../../../contracts/access-control';
import { can, canOnAny } from '../../../../../contracts/permissions';

/** One person: credentials and where each is enrolled, consent, and the actions the user may take. */
export function PersonDetailCard({ personId, onChanged, processInstanceLink }: { personId: string; onChanged: () => void; processInstanceLink: (workflowId: string) => string }) {
  const text = useAccessText();
  const { formatDateTime } = useI18n();
  const user = useCurrentUser();
  const person = useApiResource((signal) => getPerson(personId, signal), [personId]);
  const [kind, setKind] = useState<CredentialMaterial['kind']>('card');
  const [value, setValue] = useState('');
  const [face, setFace] = useState<string | null>(null);
  const { error, run } = useAction();
  const [started, setStarted] = useState<string | null>(null);

  const act = (action: () => Promise<{ workflowId?: string; deletionWorkflowId?: string | null } | unknown>) =>
    run(async () => {
      const result = (await action()) as { workflowId?: string; deletionWorkflowId?: string | null };
      setStarted(result.workflowId ?? result.deletionWorkflowId ?? null);
      person.reload();
      onChanged();
    });

  function submitEnrol(event: FormEvent) {
    event.preventDefault();
    const material: CredentialMaterial = kind === 'card' ? { kind, cardNo: value } : kind === 'pin' ? { kind, pin: value } : { kind: 'face', faceImage: face ?? '' };
    void act(() => enrol(personId, material));
  }

  if (!person.data) return person.error ? <ErrorBanner error={person.error} /> : <Loading />;
  const detail = person.data;
  const own = detail.userId === user.id;
  const errors = fieldErrorsByName(error, ['credential']);

  return (
    <article className="card" data-testid="person-detail">
      <h2>
        {detail.name} <Badge tone={detail.status === 'active' ? 'info' : 'warning'}>{text(detail.status)}</Badge>
      </h2>
      <ErrorBanner error={error} />
      {started && (
        <p className="banner banner-info">
          <Link to={processInstanceLink(started)}>{text('started', { id: started })}</Link>
        </p>
      )}
      <DataTable data-testid="person-credentials" headings={[text('credentials'), text('status'), text('devices'), text('validUntil'), null]}>
        {detail.credentials.map((credential) => (
          <tr key={credential.id} data-credential-kind={credential.kind} data-credential-status={credential.status}>
            <td>
              {text(`credential.${credential.kind}`)} {credential.cardHint ?? ''}
            </td>
            <td>
              <Link to={processInstanceLink(credential.workflowId)}>{text(`credentialStatus.${credential.status}`)}</Link>
            </td>
            <td>
              {credential.devices.length === 0 && '—'}
              {credential.devices.map((device) => (
                <div key={device.deviceId} data-device-id={device.deviceId} data-device-state={device.state}>
                  {device.deviceId}:{' '}
                  <Badge tone={device.state === 'enrolled' || device.state === 'revoked' ? 'success' : device.state === 'pending' || device.state === 'revoke-pending' ? 'warning' : 'danger'}>
                    {text(`deviceState.${device.state}`)}
                  </Badge>
                  {device.state === 'revoke-pending' && device.pendingSince && (
                    <span className="muted"> {text('pendingSince', { since: formatDateTime(device.pendingSince), attempts: String(device.attempts) })}</span>
                  )}
                  {device.lastError && device.state !== 'enrolled' && device.state !== 'revoked' && <div className="muted">{device.lastError}</div>}
                </div>
              ))}
            </td>
            <td>{formatDateTime(credential.validUntil)}</td>
            <td>
              {can(user, 'access-revocation.start') && ['active', 'failed'].includes(credential.status) && (
                <button type="button" className="button-link" onClick={() => void act(() => revoke(credential.id))}>
                  {text('revoke')}
                </button>
              )}
            </td>
          </tr>
        ))}
      </DataTable>

      <h3>{text('consentTitle')}</h3>
      <p data-testid="person-consent">
        <Badge tone={detail.faceConsent ? 'success' : 'neutral'}>{text(detail.faceConsent ? 'consentGiven' : 'consentNone')}</Badge>{' '}
        {detail.consents[0] && formatDateTime(detail.consents[0].withdrawnAt ?? detail.consents[0].consentedAt)}
      </p>
      <p className="muted">{text('nonFaceOffer')}</p>
      <div className="form-actions">
        {own && !detail.faceConsent && (
          <button type="button" className="button button-secondary" data-testid="consent-self" onClick={() => void act(() => consentSelf(personId))}>
            {text('consentSelf')}
          </button>
        )}
        {(own || canOnAny(user, 'face-consent.withdraw')) && detail.faceConsent && (
          <button type="button" className="button button-secondary" onClick={() => void act(() => withdrawConsent(personId))}>
            {text('consentWithdraw')}
          </button>
        )}
        {(own || canOnAny(user, 'face-deletion.start')) && detail.credentialKinds.includes('face') && (
          <button type="button" className="button button-secondary" data-testid="request-face-deletion" onClick={() => void act(() => requestFaceDeletion(personId))}>
            {text('requestDeletion')}
          </button>
        )}
        {can(user, 'access.leave.record') && detail.status === 'active' && detail.kind !== 'visitor' && (
          <button type="button" className="button button-secondary" onClick={() => void act(() => recordLeaving(personId, detail.kind === 'staff' ? 'left' : 'moved-out'))}>
            {text(detail.kind === 'staff' ? 'leave' : 'moveOut')}
          </button>
        )}
      </div>

      {can(user, 'credential-enrolment.start') && detail.status === 'active' && (
        <form onSubmit={submitEnrol} noValidate data-testid="enrol-form">
          <h3>{text('enrolTitle')}</h3>
          <FormField id="enrol-kind" name="kind" label={text('kind')} error={errors.kind}>
            <select id="enrol-kind" value={kind} onChange={(event) => setKind(event.target.value as CredentialMaterial['kind'])}>
              {(['card', 'pin', 'face'] as const).map((option) => (
                <option key={option} value={option}>
                  {text(`credential.${option}`)}
                </option>
              ))}
            </select>
          </FormField>
          {kind === 'face' ? (
            <FormField id="enrol-face" name="faceImage" label={text('faceImage')} error={errors.faceImage}>
              <input id="enrol-face" type="file" accept="image/jpeg" onChange={(event) => event.target.files?.[0] && void readAsDataUrl(event.target.files[0]).then(setFace)} />
            </FormField>
          ) : (
            <FormField id="enrol-value" name={kind === 'card' ? 'cardNo' : 'pin'} label={text(kind === 'card' ? 'cardNo' : 'pin')} error={errors.cardNo ?? errors.pin}>
              <input id="enrol-value" value={value} onChange={(event) => setValue(event.target.value)} inputMode="numeric" />
            </FormField>
          )}
          <div className="form-actions">
            <button type="submit" className="button-primary">
              {text('enrol')}
            </button>
          </div>
        </form>
      )}
    </article>
  );
}
