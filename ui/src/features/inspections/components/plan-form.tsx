import { useState, type FormEvent } from 'react';
import type { InspectionPlan, PlanFields } from '../../../../../contracts/inspections';
import { INSPECTOR_ROLES, type SystemKind } from '../../../../../contracts/vocabulary';
import { ErrorBanner } from '../../../components/error-banner';
import { FormField } from '../../../components/form-field';
import { ApiError } from '../../../lib/api-client';
import { useI18n } from '../../../lib/i18n';
import { useAction } from '../../../lib/use-action';
import { useApiResource } from '../../../lib/use-api-resource';
import { newUuid } from '../../../lib/uuid';
import { createPlan, getLocations } from '../api/inspections-api';
import { useInspectionTexts } from '../texts';

const UNIT_SECONDS = { hours: 3600, days: 86_400 } as const;
type Unit = keyof typeof UNIT_SECONDS;

interface ItemDraft {
  key: string;
  text: string;
  system: string;
  deviceId: string;
}

const emptyItem = (): ItemDraft => ({ key: newUuid(), text: '', system: 'cctv', deviceId: '' });

/** P3.1a: a new plan (checklist, cycle, responsible role, area); the API creates its schedule. */
export function PlanForm({ onCreated, onCancel }: { onCreated: (plan: InspectionPlan) => void; onCancel: () => void }) {
  const { label } = useI18n();
  const { text } = useInspectionTexts();
  const locations = useApiResource((signal) => getLocations(signal), []);
  // One id per form: a retried submit creates one plan and one schedule.
  const [planId] = useState(newUuid);
  const [title, setTitle] = useState('');
  const [role, setRole] = useState<string>('technician');
  const [cycle, setCycle] = useState({ every: '7', unit: 'days' as Unit });
  const [due, setDue] = useState({ every: '2', unit: 'days' as Unit });
  const [zoneId, setZoneId] = useState('');
  const [items, setItems] = useState<ItemDraft[]>([emptyItem()]);
  const { error, busy: submitting, run } = useAction();

  const fieldErrors = error instanceof ApiError ? Object.fromEntries(error.errors.map((problem) => [problem.field, problem.message])) : {};
  const errorAt = (field: string) => fieldErrors[field] as string | undefined;
  const updateItem = (key: string, change: Partial<ItemDraft>) =>
    setItems((current) => current.map((item) => (item.key === key ? { ...item, ...change } : item)));

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void run(async () => {
      const plan = await createPlan(planId, {
        title,
        responsibleRole: role as PlanFields['responsibleRole'],
        cycleSeconds: Math.round(Number(cycle.every) * UNIT_SECONDS[cycle.unit]),
        dueWithinSeconds: Math.round(Number(due.every) * UNIT_SECONDS[due.unit]),
        ...(zoneId ? { zoneId } : {}),
        checklist: items.map((item, index) => ({
          id: `item-${index + 1}`,
          text: item.text,
          system: item.system as SystemKind,
          ...(item.deviceId ? { deviceId: item.deviceId } : {}),
        })),
      });
      onCreated(plan);
    });
  }

  const durationField = (id: string, caption: string, value: { every: string; unit: Unit }, set: (next: { every: string; unit: Unit }) => void, field: string) => (
    <FormField id={id} name={field} label={caption} error={errorAt(field)} required>
      <span className="inline-controls">
        <input id={id} name={field} type="number" min={1} step={1} value={value.every} onChange={(event) => set({ ...value, every: event.target.value })} />
        <select aria-label={caption} value={value.unit} onChange={(event) => set({ ...value, unit: event.target.value as Unit })}>
          <option value="hours">{text('hoursUnit')}</option>
          <option value="days">{text('daysUnit')}</option>
        </select>
      </span>
    </FormField>
  );

  return (
    <form className="card plan-form" onSubmit={handleSubmit} noValidate data-testid="plan-form">
      <h2>{text('newPlan')}</h2>
      <ErrorBanner error={error} />
      <fieldset disabled={submitting}>
        <FormField id="plan-title" name="title" label={text('planTitle')} error={errorAt('title')} required>
          <input id="plan-title" name="title" value={title} onChange={(event) => setTitle(event.target.value)} />
        </FormField>
        <FormField id="plan-role" name="responsibleRole" label={text('responsible')} error={errorAt('responsibleRole')} required>
          <select id="plan-role" name="responsibleRole" value={role} onChange={(event) => setRole(event.target.value)}>
            {INSPECTOR_ROLES.map((candidate) => (
              <option key={candidate} value={candidate}>
                {label('role', candidate)}
              </option>
            ))}
          </select>
        </FormField>
        {durationField('plan-cycle', `${text('cycle')} (${text('every')})`, cycle, setCycle, 'cycleSeconds')}
        {durationField('plan-due', text('dueWithin'), due, setDue, 'dueWithinSeconds')}
        <FormField id="plan-zone" name="zoneId" label={text('area')} error={errorAt('zoneId')}>
          <select id="plan-zone" name="zoneId" value={zoneId} onChange={(event) => setZoneId(event.target.value)}>
            <option value="">—</option>
            {locations.data?.zones.map((zone) => (
              <option key={zone.id} value={zone.id}>
                {zone.name}
              </option>
            ))}
          </select>
        </FormField>
        <fieldset className="form-field">
          <legend>{text('items')}</legend>
          <ErrorBanner error={errorAt('checklist') ? new Error(errorAt('checklist')) : null} />
          {items.map((item, index) => (
            <div key={item.key} className="checklist-item-draft" data-testid="plan-item">
              <FormField id={`item-${index}-text`} name={`checklist.${index}.text`} label={`${index + 1}. ${text('itemText')}`} error={errorAt(`checklist.${index}.text`)} required>
                <input id={`item-${index}-text`} value={item.text} onChange={(event) => updateItem(item.key, { text: event.target.value })} />
              </FormField>
              <FormField id={`item-${index}-system`} name={`checklist.${index}.system`} label={text('system')} error={errorAt(`checklist.${index}.system`)} required>
                <select id={`item-${index}-system`} value={item.system} onChange={(event) => updateItem(item.key, { system: event.target.value, deviceId: '' })}>
                  {locations.data?.systems.map((system) => (
                    <option key={system} value={system}>
                      {label('system', system)}
                    </option>
                  ))}
                </select>
              </FormField>
              <FormField id={`item-${index}-device`} name={`checklist.${index}.deviceId`} label={text('device')} error={errorAt(`checklist.${index}.deviceId`)}>
                <select id={`item-${index}-device`} value={item.deviceId} onChange={(event) => updateItem(item.key, { deviceId: event.target.value })}>
                  <option value="">—</option>
                  {locations.data?.devices
                    .filter((device) => device.system === item.system)
                    .map((device) => (
                      <option key={device.id} value={device.id}>
                        {device.name}
                      </option>
                    ))}
                </select>
              </FormField>
              {items.length > 1 && (
                <button type="button" className="button-link" onClick={() => setItems((current) => current.filter((candidate) => candidate.key !== item.key))}>
                  {text('removeItem')}
                </button>
              )}
            </div>
          ))}
          <button type="button" onClick={() => setItems((current) => [...current, emptyItem()])}>
            {text('addItem')}
          </button>
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="button-primary" data-testid="create-plan">
            {text('create')}
          </button>{' '}
          <button type="button" className="button-link" onClick={onCancel}>
            {text('cancel')}
          </button>
        </div>
      </fieldset>
    </form>
  );
}
