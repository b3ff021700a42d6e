import { useCallback, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { ReferenceLocations } from '../../../../../contracts/reference';
import { SYSTEM_LABELS } from '../../../../../contracts/labels';
import { SYSTEMS, type SystemKind } from '../../../../../contracts/vocabulary';
import { Badge } from '../../../components/badge';
import { DataTable } from '../../../components/data-table';
import { DebouncedTextInput } from '../../../components/debounced-text-input';
import { ErrorBanner } from '../../../components/error-banner';
import { FormField } from '../../../components/form-field';
import { LoadMoreButton } from '../../../components/load-more-button';
import { Loading } from '../../../components/loading';
import { ApiError } from '../../../lib/api-client';
import { useI18n } from '../../../lib/i18n';
import { useAction } from '../../../lib/use-action';
import { useApiResource } from '../../../lib/use-api-resource';
import { useKeysetList } from '../../../lib/use-keyset-list';
import { useSearchParamFilters } from '../../../lib/use-search-param-filters';
import { newUuid } from '../../../lib/uuid';
import { listLocations, listRegisteredDevices, submitDeviceChange } from '../api/admin-api';
import { useAdminText } from '../text';
import { ProposalOutcome } from './proposal-outcome';
import { VocabularySelect } from './vocabulary-select';

/** P5.1b: a device with its zone and how Steward reaches it, entered as a draft for the technology department; its secrets write-only. */
function NewDeviceForm({ zones, changeLink }: { zones: ReferenceLocations['zones']; changeLink: (changeId: string) => string }) {
  const text = useAdminText();
  const [fields, setFields] = useState({ deviceId: '', name: '', zoneId: zones[0]?.id ?? '', baseUrl: '', username: '', password: '', pushSecret: '' });
  const [system, setSystem] = useState<SystemKind>('cctv');
  const [changeId, setChangeId] = useState(newUuid);
  const [submitted, setSubmitted] = useState<string | null>(null);
  const action = useAction();
  const fieldError = (field: string) => (action.error instanceof ApiError ? action.error.errors.filter((problem) => problem.field === field).map((problem) => problem.message).join('; ') : '') || undefined;
  const input = (key: keyof typeof fields, type = 'text') => (
    <input id={`device-${key}`} name={key} type={type} autoComplete={type === 'password' ? 'new-password' : 'off'} value={fields[key]} onChange={(event) => setFields({ ...fields, [key]: event.target.value })} required />
  );

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    void action.run(async () => {
      const result = await submitDeviceChange({
        changeId,
        action: 'create',
        deviceId: fields.deviceId.trim(),
        device: { name: fields.name, zoneId: fields.zoneId, system },
        connection: { baseUrl: fields.baseUrl.trim(), username: fields.username, password: fields.password, pushSecret: fields.pushSecret, cameraChannel: 1 },
      });
      setSubmitted(result.changeId);
      setChangeId(newUuid());
      // Nothing of the secrets stays in the page once they are sent.
      setFields((current) => ({ ...current, password: '', pushSecret: '' }));
    });
  }

  return (
    <details className="card" data-testid="new-device">
      <summary>{text('newDevice')}</summary>
      <p className="help">{text('deviceNote')}</p>
      <ProposalOutcome submitted={submitted} error={action.error} changeLink={changeLink} />
      <form onSubmit={handleSubmit}>
        <FormField id="device-deviceId" label={text('deviceId')} error={fieldError('deviceId')} required>
          {input('deviceId')}
        </FormField>
        <FormField id="device-name" label={text('deviceName')} error={fieldError('device.name')} required>
          {input('name')}
        </FormField>
        <FormField id="device-zoneId" label={text('zone')} error={fieldError('device.zoneId')} required>
          <select id="device-zoneId" name="zoneId" value={fields.zoneId} onChange={(event) => setFields({ ...fields, zoneId: event.target.value })}>
            {zones.map((zone) => (
              <option key={zone.id} value={zone.id}>
                {zone.name}
              </option>
            ))}
          </select>
        </FormField>
        <FormField id="device-system" label={text('system')} required>
          <VocabularySelect id="device-system" name="system" values={SYSTEMS} labels={SYSTEM_LABELS} value={system} onChange={setSystem} />
        </FormField>
        <FormField id="device-baseUrl" label={text('baseUrl')} error={fieldError('connection.baseUrl')} required>
          {input('baseUrl', 'url')}
        </FormField>
        <FormField id="device-username" label={text('deviceUsername')} error={fieldError('connection.username')} required>
          {input('username')}
        </FormField>
        <FormField id="device-password" label={text('devicePassword')} error={fieldError('connection.password')} required>
          {input('password', 'password')}
        </FormField>
        <FormField id="device-pushSecret" label={text('pushSecret')} error={fieldError('connection.pushSecret')} required>
          {input('pushSecret', 'password')}
        </FormField>
        <button type="submit" className="button-primary" disabled={action.busy} data-testid="submit-new-device">
          {text('submit')}
        </button>
      </form>
    </details>
  );
}

/** The device register (issue 12): found by id, name or zone, by zone and system, a page at a time, each to its page; makers add one for review. */
export function DevicesPage({ deviceLink, changeLink, unitsPath, canPropose }: { deviceLink: (deviceId: string) => string; changeLink: (changeId: string) => string; unitsPath: string; canPropose: boolean }) {
  const text = useAdminText();
  const { text: word } = useI18n();
  const locations = useApiResource((signal) => listLocations(signal), []);
  const [params, setFilters] = useSearchParamFilters();
  const filters = { q: params.get('q') ?? '', zone: params.get('zone') ?? '', system: params.get('system') ?? '' };
  const devices = useKeysetList(
    (cursor, signal) => listRegisteredDevices({ q: filters.q || undefined, zoneId: filters.zone || undefined, system: filters.system || undefined, cursor }, signal),
    [filters.q, filters.zone, filters.system],
  );
  const setQuery = useCallback((q: string) => setFilters({ q }), [setFilters]);
  return (
    <section>
      <h1>{text('devices')}</h1>
      <p>
        <Link to={unitsPath}>{text('units')}</Link>
      </p>
      <ErrorBanner error={locations.error ?? devices.error} />
      {canPropose && locations.data && <NewDeviceForm zones={locations.data.zones} changeLink={changeLink} />}
      <div className="filters">
        <label className="form-field">
          {text('findDevice')}
          <DebouncedTextInput type="search" name="q" value={filters.q} onCommit={setQuery} data-testid="device-search" />
        </label>
        <label className="form-field">
          {text('zone')}
          <select name="zone" value={filters.zone} onChange={(event) => setFilters({ zone: event.target.value })}>
            <option value="">{text('allZones')}</option>
            {(locations.data?.zones ?? []).map((zone) => (
              <option key={zone.id} value={zone.id}>
                {zone.name}
              </option>
            ))}
          </select>
        </label>
        <label className="form-field">
          {text('system')}
          <select name="system" value={filters.system} onChange={(event) => setFilters({ system: event.target.value })}>
            <option value="">{text('all')}</option>
            {SYSTEMS.map((system) => (
              <option key={system} value={system}>
                {word(SYSTEM_LABELS[system])}
              </option>
            ))}
          </select>
        </label>
      </div>
      {devices.loading && devices.items.length === 0 && <Loading />}
      {!devices.loading && devices.items.length === 0 && !devices.error && <p>{text('noDevices')}</p>}
      {devices.items.length > 0 && (
        <DataTable headings={[text('deviceName'), text('zone'), text('system'), text('status')]} data-testid="device-rows">
          {devices.items.map((device) => (
            <tr key={device.deviceId} data-device-id={device.deviceId}>
              <td>
                <Link to={deviceLink(device.deviceId)}>{device.name}</Link>
              </td>
              <td>{device.zoneName}</td>
              <td>{word(SYSTEM_LABELS[device.system])}</td>
              <td>{device.active ? <Badge tone="success">{text('inUse')}</Badge> : <Badge>{text('disabled')}</Badge>}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <LoadMoreButton hasMore={devices.hasMore} loading={devices.loading} onLoadMore={devices.loadMore} />
    </section>
  );
}
