import { useState, type FormEvent } from 'react';
import type { BuildingView } from '../../../../../contracts/data-review';
import type { GuardView } from '../../../../../contracts/console';
import type { ShiftView, ZoneView } from '../../../../../contracts/guard-roster';
import { FormField } from '../../../components/form-field';
import { ApiError } from '../../../lib/api-client';
import { useApiResource } from '../../../lib/use-api-resource';
import { listBuildings, listGuards, listZones } from '../api/admin-api';
import { useAdminText } from '../text';
import { ProposalOutcome } from './proposal-outcome';
import { useShiftProposal, useZoneProposal } from './use-proposal';

type ChangeLink = (changeId: string) => string;

/** A server fault against its field (the API names fields by their path in the request). */
const faultOf = (error: unknown) => (field: string) =>
  (error instanceof ApiError ? error.errors.filter((problem) => problem.field === field).map((problem) => problem.message).join('; ') : '') || undefined;

function BuildingSelect({ id, value, onChange, buildings }: { id: string; value: string; onChange: (value: string) => void; buildings: BuildingView[] }) {
  const text = useAdminText();
  return (
    <select id={id} name="buildingId" value={value} onChange={(event) => onChange(event.target.value)}>
      <option value="">{text('commonArea')}</option>
      {buildings.map((building) => (
        <option key={building.buildingId} value={building.buildingId}>
          {building.name}
        </option>
      ))}
    </select>
  );
}

/** P5.1b: a zone to add (its id, name and building, or a common area), for the security supervisor or an administrator to check. */
export function NewZoneForm({ changeLink }: { changeLink: ChangeLink }) {
  const text = useAdminText();
  const [zoneId, setZoneId] = useState('z-');
  const [name, setName] = useState('');
  const [buildingId, setBuildingId] = useState('');
  const buildings = useApiResource((signal) => listBuildings(signal), []);
  const proposal = useZoneProposal();
  const fault = faultOf(proposal.error);

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    void proposal.submit({ action: 'create', zoneId: zoneId.trim(), zone: { name: name.trim(), buildingId: buildingId || null } });
  }

  return (
    <details className="card" data-testid="new-zone">
      <summary>{text('newZone')}</summary>
      <p>{text('zoneDraftNote')}</p>
      <ProposalOutcome submitted={proposal.submitted} error={proposal.error} changeLink={changeLink} />
      <form onSubmit={handleSubmit}>
        <FormField id="zone-id" name="zoneId" label={text('zoneId')} error={fault('zoneId')} required>
          <input id="zone-id" name="zoneId" value={zoneId} onChange={(event) => setZoneId(event.target.value)} required maxLength={63} autoComplete="off" />
        </FormField>
        <FormField id="zone-name" name="zone.name" label={text('zoneName')} error={fault('zone.name')} required>
          <input id="zone-name" name="name" value={name} onChange={(event) => setName(event.target.value)} required minLength={2} maxLength={100} />
        </FormField>
        <FormField id="zone-building" name="zone.buildingId" label={text('building')} error={fault('zone.buildingId')}>
          <BuildingSelect id="zone-building" value={buildingId} onChange={setBuildingId} buildings={buildings.data?.items ?? []} />
        </FormField>
        <button type="submit" className="button-primary" disabled={proposal.busy} data-testid="submit-new-zone">
          {text('submit')}
        </button>
      </form>
    </details>
  );
}

/** P5.1b: a zone's new name or building, or its disabling (refused while devices in use or shifts to come are in it). */
export function ZoneChangeForms({ zone, changeLink }: { zone: ZoneView; changeLink: ChangeLink }) {
  const text = useAdminText();
  const [name, setName] = useState(zone.name);
  const [buildingId, setBuildingId] = useState(zone.buildingId ?? '');
  const [reason, setReason] = useState('');
  const buildings = useApiResource((signal) => listBuildings(signal), []);
  const change = useZoneProposal();
  const disable = useZoneProposal(() => setReason(''));
  const fault = faultOf(change.error);

  function handleChange(event: FormEvent) {
    event.preventDefault();
    const fields = { ...(name.trim() !== zone.name ? { name: name.trim() } : {}), ...((buildingId || null) !== zone.buildingId ? { buildingId: buildingId || null } : {}) };
    void change.submit({ action: 'change', zoneId: zone.zoneId, zone: fields });
  }

  function handleDisable(event: FormEvent) {
    event.preventDefault();
    void disable.submit({ action: 'disable', zoneId: zone.zoneId, reason: reason.trim() });
  }

  return (
    <>
      <details className="card" data-testid="change-zone">
        <summary>{text('changeZone')}</summary>
        <ProposalOutcome submitted={change.submitted} error={change.error} changeLink={changeLink} />
        <form onSubmit={handleChange}>
          <FormField id="zone-change-name" name="zone.name" label={text('zoneName')} error={fault('zone.name') ?? fault('zone')} required>
            <input id="zone-change-name" name="name" value={name} onChange={(event) => setName(event.target.value)} required minLength={2} maxLength={100} />
          </FormField>
          <FormField id="zone-change-building" name="zone.buildingId" label={text('building')} error={fault('zone.buildingId')}>
            <BuildingSelect id="zone-change-building" value={buildingId} onChange={setBuildingId} buildings={buildings.data?.items ?? []} />
          </FormField>
          <button type="submit" className="button-primary" disabled={change.busy}>
            {text('submit')}
          </button>
        </form>
      </details>
      <details className="card" data-testid="disable-zone">
        <summary>{text('disableZone')}</summary>
        <p>{text('disableZoneNote')}</p>
        <ProposalOutcome submitted={disable.submitted} error={disable.error} changeLink={changeLink} />
        <form onSubmit={handleDisable}>
          <FormField id="zone-disable-reason" name="reason" label={text('reason')} error={faultOf(disable.error)('reason') ?? faultOf(disable.error)('zoneId')} required>
            <input id="zone-disable-reason" name="reason" value={reason} onChange={(event) => setReason(event.target.value)} required minLength={3} maxLength={500} />
          </FormField>
          <button type="submit" className="button-primary" disabled={disable.busy}>
            {text('submit')}
          </button>
        </form>
      </details>
    </>
  );
}

type ShiftFieldValues = { zoneId: string; guardUserId: string; date: string; startTime: string; endTime: string };

/** The shift's fields: zone, guard, day and hours (an end earlier than the start ends the next day). */
function ShiftFields({ idPrefix, value, onChange, error }: { idPrefix: string; value: ShiftFieldValues; onChange: (value: ShiftFieldValues) => void; error: unknown }) {
  const text = useAdminText();
  // A community's zones in use fit one page of the largest size.
  const zones = useApiResource((signal) => listZones({ active: 'true', limit: 100 }, signal), []);
  const guards = useApiResource((signal) => listGuards(signal), []);
  const fault = faultOf(error);
  const set = (key: keyof ShiftFieldValues) => (event: { target: { value: string } }) => onChange({ ...value, [key]: event.target.value });
  const zoneList = zones.data?.items ?? [];
  const guardList: GuardView[] = guards.data?.items ?? [];
  return (
    <>
      <FormField id={`${idPrefix}-zone`} name="shift.zoneId" label={text('zone')} error={fault('shift.zoneId')} required>
        <select id={`${idPrefix}-zone`} name="zoneId" value={value.zoneId} onChange={set('zoneId')} required>
          <option value="" />
          {zoneList.map((zone) => (
            <option key={zone.zoneId} value={zone.zoneId}>
              {zone.name}
            </option>
          ))}
        </select>
      </FormField>
      <FormField id={`${idPrefix}-guard`} name="shift.guardUserId" label={text('guard')} error={fault('shift.guardUserId')} required>
        <select id={`${idPrefix}-guard`} name="guardUserId" value={value.guardUserId} onChange={set('guardUserId')} required>
          <option value="" />
          {guardList.map((guard) => (
            <option key={guard.id} value={guard.id}>
              {guard.displayName}
            </option>
          ))}
        </select>
      </FormField>
      <FormField id={`${idPrefix}-date`} name="shift.date" label={text('date')} error={fault('shift.date')} required>
        <input id={`${idPrefix}-date`} name="date" type="date" value={value.date} onChange={set('date')} required />
      </FormField>
      <FormField id={`${idPrefix}-start`} name="shift.startTime" label={text('startTime')} error={fault('shift.startTime')} required>
        <input id={`${idPrefix}-start`} name="startTime" type="time" value={value.startTime} onChange={set('startTime')} required />
      </FormField>
      <FormField id={`${idPrefix}-end`} name="shift.endTime" label={text('endTime')} help={text('overnightHelp')} error={fault('shift.endTime')} required>
        <input id={`${idPrefix}-end`} name="endTime" type="time" value={value.endTime} onChange={set('endTime')} required />
      </FormField>
    </>
  );
}

/** P4.2c, P5.1b: a shift to enter, for the security supervisor or an administrator (not its maker) to check. */
export function NewShiftForm({ changeLink }: { changeLink: ChangeLink }) {
  const text = useAdminText();
  const [fields, setFields] = useState<ShiftFieldValues>({ zoneId: '', guardUserId: '', date: '', startTime: '08:00', endTime: '20:00' });
  const proposal = useShiftProposal();

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    void proposal.submit({ action: 'create', shift: fields });
  }

  return (
    <details className="card" data-testid="new-shift">
      <summary>{text('newShift')}</summary>
      <p>{text('zoneDraftNote')}</p>
      <ProposalOutcome submitted={proposal.submitted} error={proposal.error} changeLink={changeLink} />
      <form onSubmit={handleSubmit}>
        <ShiftFields idPrefix="shift" value={fields} onChange={setFields} error={proposal.error} />
        <button type="submit" className="button-primary" disabled={proposal.busy} data-testid="submit-new-shift">
          {text('submit')}
        </button>
      </form>
    </details>
  );
}

/** P5.1b: the shift as it should be, or its cancellation. */
export function ShiftChangeForms({ shift, changeLink }: { shift: ShiftView; changeLink: ChangeLink }) {
  const text = useAdminText();
  const [fields, setFields] = useState<ShiftFieldValues>({ zoneId: shift.zoneId, guardUserId: shift.guardUserId, date: shift.date, startTime: shift.startTime, endTime: shift.endTime });
  const [reason, setReason] = useState('');
  const change = useShiftProposal();
  const cancel = useShiftProposal(() => setReason(''));

  function handleChange(event: FormEvent) {
    event.preventDefault();
    void change.submit({ action: 'change', shiftId: shift.shiftId, shift: fields });
  }

  function handleCancel(event: FormEvent) {
    event.preventDefault();
    void cancel.submit({ action: 'disable', shiftId: shift.shiftId, reason: reason.trim() });
  }

  return (
    <>
      <details className="card" data-testid="change-shift">
        <summary>{text('changeShift')}</summary>
        <ProposalOutcome submitted={change.submitted} error={change.error} changeLink={changeLink} />
        <form onSubmit={handleChange}>
          <ShiftFields idPrefix="shift-change" value={fields} onChange={setFields} error={change.error} />
          <button type="submit" className="button-primary" disabled={change.busy}>
            {text('submit')}
          </button>
        </form>
      </details>
      <details className="card" data-testid="cancel-shift">
        <summary>{text('cancelShift')}</summary>
        <ProposalOutcome submitted={cancel.submitted} error={cancel.error} changeLink={changeLink} />
        <form onSubmit={handleCancel}>
          <FormField id="shift-cancel-reason" name="reason" label={text('reason')} error={faultOf(cancel.error)('reason') ?? faultOf(cancel.error)('shiftId')} required>
            <input id="shift-cancel-reason" name="reason" value={reason} onChange={(event) => setReason(event.target.value)} required minLength={3} maxLength={500} />
          </FormField>
          <button type="submit" className="button-primary" disabled={cancel.busy}>
            {text('submit')}
          </button>
        </form>
      </details>
    </>
  );
}
