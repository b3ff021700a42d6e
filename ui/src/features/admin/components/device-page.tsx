import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { ReferenceLocations } from '../../../../../contracts/reference';
import type { RegisteredDeviceView } from '../../../../../contracts/device-register';
import { SYSTEM_LABELS } from '../../../../../contracts/labels';
import { Badge } from '../../../components/badge';
import { ErrorBanner } from '../../../components/error-banner';
import { FormField } from '../../../components/form-field';
import { KeyValueList } from '../../../components/key-value-list';
import { Loading } from '../../../components/loading';
import { useI18n } from '../../../lib/i18n';
import { useAction } from '../../../lib/use-action';
import { useApiResource } from '../../../lib/use-api-resource';
import { newUuid } from '../../../lib/uuid';
import { deviceHistory, getRegisteredDevice, listLocations, submitDeviceChange } from '../api/admin-api';
import { useAdminText } from '../text';
import { ChangeHistory } from './change-history';
import { ProposalOutcome } from './proposal-outcome';

type ChangeLink = (changeId: string) => string;

/** P5.1b: a device's name, zone or connection as the maker proposes them; secrets write-only (blank keeps the stored one). */
function ChangeDeviceForm({ device, zones, changeLink }: { device: RegisteredDeviceView; zones: ReferenceLocations['zones']; changeLink: ChangeLink }) {
  const text = useAdminText();
  const [fields, setFields] = useState({ name: device.name, zoneId: device.zoneId, baseUrl: device.baseUrl, username: device.username, password: '', pushSecret: '' });
  const [changeId, setChangeId] = useState(newUuid);
  const [submitted, setSubmitted] = useState<string | null>(null);
  const action = useAction();
  const set = (key: keyof typeof fields) => (event: { target: { value: string } }) => setFields({ ...fields, [key]: event.target.value });

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    void action.run(async () => {
      const result = await submitDeviceChange({
        changeId,
        action: 'change',
        deviceId: device.deviceId,
        device: { ...(fields.name !== device.name ? { name: fields.name } : {}), ...(fields.zoneId !== device.zoneId ? { zoneId: fields.zoneId } : {}) },
        connection: {
          ...(fields.baseUrl !== device.baseUrl ? { baseUrl: fields.baseUrl.trim() } : {}),
          ...(fields.username !== device.username ? { username: fields.username } : {}),
          ...(fields.password ? { password: fields.password } : {}),
          ...(fields.pushSecret ? { pushSecret: fields.pushSecret } : {}),
        },
      });
      setSubmitted(result.changeId);
      setChangeId(newUuid());
      // Nothing of the secrets stays in the page once they are sent.
      setFields((current) => ({ ...current, password: '', pushSecret: '' }));
    });
  }

  return (
    <details className="card" data-testid="change-device">
      <summary>{text('changeDevice')}</summary>
      <ProposalOutcome submitted={submitted} error={action.error} changeLink={changeLink} />
      <form onSubmit={handleSubmit}>
        <FormField id="change-device-name" label={text('deviceName')} required>
          <input id="change-device-name" name="name" value={fields.name} onChange={set('name')} required minLength={2} maxLength={100} />
        </FormField>
        <FormField id="change-device-zone" label={text('zone')} required>
          <select id="change-device-zone" name="zoneId" value={fields.zoneId} onChange={set('zoneId')}>
            {zones.map((zone) => (
              <option key={zone.id} value={zone.id}>
                {zone.name}
              </option>
            ))}
          </select>
        </FormField>
        <FormField id="change-device-url" label={text('baseUrl')} required>
          <input id="change-device-url" name="baseUrl" type="url" value={fields.baseUrl} onChange={set('baseUrl')} required />
        </FormField>
        <FormField id="change-device-username" label={text('deviceUsername')} required>
          <input id="change-device-username" name="username" value={fields.username} onChange={set('username')} required />
        </FormField>
        <FormField id="change-device-password" label={text('devicePassword')} help={text('keepSecret')}>
          <input id="change-device-password" name="password" type="password" autoComplete="new-password" value={fields.password} onChange={set('password')} />
        </FormField>
        <FormField id="change-device-push" label={text('pushSecret')} help={text('keepSecret')}>
          <input id="change-device-push" name="pushSecret" type="password" autoComplete="new-password" value={fields.pushSecret} onChange={set('pushSecret')} />
        </FormField>
        <button type="submit" className="button-primary" disabled={action.busy}>
          {text('submit')}
        </button>
      </form>
    </details>
  );
}

/** P5.1b: a device taken out of use; once approved its pushes are refused and its health no longer watched. */
function DisableDeviceForm({ deviceId, changeLink }: { deviceId: string; changeLink: ChangeLink }) {
  const text = useAdminText();
  const [reason, setReason] = useState('');
  const [changeId, setChangeId] = useState(newUuid);
  const [submitted, setSubmitted] = useState<string | null>(null);
  const action = useAction();

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    void action.run(async () => {
      setSubmitted((await submitDeviceChange({ changeId, action: 'disable', deviceId, reason })).changeId);
      setChangeId(newUuid());
    });
  }

  return (
    <details className="card" data-testid="disable-device">
      <summary>{text('disableDevice')}</summary>
      <p>{text('disableDeviceNote')}</p>
      <ProposalOutcome submitted={submitted} error={action.error} changeLink={changeLink} />
      <form onSubmit={handleSubmit}>
        <FormField id="disable-device-reason" label={text('reason')} required>
          <input id="disable-device-reason" name="reason" value={reason} onChange={(event) => setReason(event.target.value)} required minLength={3} maxLength={500} />
        </FormField>
        <button type="submit" className="button-primary" disabled={action.busy}>
          {text('submit')}
        </button>
      </form>
    </details>
  );
}

/** A registered device (issue 12): its zone and connection (never its secrets), health and history; makers propose changes. */
export function DevicePage({ devicesPath, changeLink, canPropose }: { devicesPath: string; changeLink: ChangeLink; canPropose: boolean }) {
  const { deviceId = '' } = useParams();
  const text = useAdminText();
  const { text: word } = useI18n();
  const device = useApiResource((signal) => getRegisteredDevice(deviceId, signal), [deviceId]);
  const history = useApiResource((signal) => deviceHistory(deviceId, signal), [deviceId]);
  const locations = useApiResource((signal) => listLocations(signal), []);
  const zoneName = (zoneId: string) => locations.data?.zones.find((zone) => zone.id === zoneId)?.name ?? zoneId;

  return (
    <section>
      <p>
        <Link to={devicesPath}>← {text('backToDevices')}</Link>
      </p>
      <ErrorBanner error={device.error ?? history.error ?? locations.error} />
      {device.loading && !device.data && <Loading />}
      {device.data && (
        <>
          <h1>
            {text('device')} {device.data.name} {!device.data.active && <Badge>{text('disabled')}</Badge>}
          </h1>
          <KeyValueList
            entries={[
              [text('zone'), zoneName(device.data.zoneId), 'zone'],
              [text('system'), word(SYSTEM_LABELS[device.data.system]), 'system'],
              [text('baseUrl'), device.data.baseUrl, 'url'],
              [text('deviceUsername'), device.data.username, 'username'],
              [text('cameraChannel'), device.data.cameraChannel, 'channel'],
            ]}
          />
          {canPropose && device.data.active && locations.data && (
            <>
              <ChangeDeviceForm device={device.data} zones={locations.data.zones} changeLink={changeLink} />
              <DisableDeviceForm deviceId={device.data.deviceId} changeLink={changeLink} />
            </>
          )}
        </>
      )}
      <h2>{text('history')}</h2>
      {history.data && <ChangeHistory entries={history.data.items} changeLink={changeLink} />}
    </section>
  );
}
