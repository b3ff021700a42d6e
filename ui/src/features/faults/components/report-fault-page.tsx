import { useMemo, useState, type ChangeEvent, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import type { FaultReportRequest } from '../../../../../contracts/faults';
import { ErrorBanner } from '../../../components/error-banner';
import { FormField } from '../../../components/form-field';
import { Loading } from '../../../components/loading';
import { fieldErrorsByName } from '../../../lib/api-client';
import { fromDateTimeLocal, toDateTimeLocal } from '../../../lib/dates';
import { MAX_PHOTO_BYTES, readAsDataUrl } from '../../../lib/files';
import { useI18n } from '../../../lib/i18n';
import { withoutKey } from '../../../lib/records';
import { useApiResource } from '../../../lib/use-api-resource';
import { newUuid } from '../../../lib/uuid';
import { getReferenceLocations, reportFault } from '../api/faults-api';

interface ReportForm {
  occurredAt: string;
  buildingId: string;
  unitId: string;
  zoneId: string;
  deviceId: string;
  system: string;
  symptoms: string;
}

/** Report a fault (policy P3.2a). */
export function ReportFaultPage({ faultLink }: { faultLink: (workflowId: string) => string }) {
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const locations = useApiResource((signal) => getReferenceLocations(signal), []);
  /** One id per form, so a retried submission does not open a second fault. */
  const [reportId] = useState(newUuid);
  const [form, setForm] = useState<ReportForm>(() => ({
    occurredAt: toDateTimeLocal(new Date()),
    buildingId: '',
    unitId: '',
    zoneId: '',
    deviceId: '',
    system: '',
    symptoms: '',
  }));
  const [photo, setPhoto] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  const reference = locations.data;
  const buildingId = form.buildingId || (reference?.buildings.length === 1 ? reference.buildings[0]!.id : '');
  const building = reference?.buildings.find((candidate) => candidate.id === buildingId);
  const zones = useMemo(
    () => (reference?.zones ?? []).filter((zone) => zone.buildingId === null || zone.buildingId === buildingId),
    [reference, buildingId],
  );
  const devices = useMemo(() => {
    const zoneIds = new Set(form.zoneId ? [form.zoneId] : zones.map((zone) => zone.id));
    return (reference?.devices ?? []).filter((device) => zoneIds.has(device.zoneId));
  }, [reference, zones, form.zoneId]);

  function update(change: Partial<ReportForm>) {
    setForm((current) => ({ ...current, ...change }));
    setFieldErrors((current) => withoutKey(current, ...Object.keys(change)));
  }

  function handleDeviceChange(deviceId: string) {
    const device = reference?.devices.find((candidate) => candidate.id === deviceId);
    update(device ? { deviceId, system: device.system, zoneId: form.zoneId || device.zoneId } : { deviceId });
  }

  async function handlePhotoChange(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    setFieldErrors((current) => withoutKey(current, 'photo'));
    if (!file) {
      setPhoto(null);
      return;
    }
    if (file.size > MAX_PHOTO_BYTES) {
      event.target.value = '';
      setPhoto(null);
      setFieldErrors((current) => ({ ...current, photo: t('fault.photoTooLarge') }));
      return;
    }
    setPhoto(await readAsDataUrl(file));
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!buildingId) problems.buildingId = t('form.required');
    if (!form.system) problems.system = t('form.required');
    if (!form.symptoms.trim()) problems.symptoms = t('form.required');
    if (!form.occurredAt) problems.occurredAt = t('form.required');
    if (Object.keys(problems).length > 0) {
      setFieldErrors(problems);
      setError(new Error(t('form.fixErrors')));
      return;
    }
    const report: FaultReportRequest = {
      reportId,
      occurredAt: fromDateTimeLocal(form.occurredAt) ?? form.occurredAt,
      location: {
        buildingId,
        ...(form.unitId && { unitId: form.unitId }),
        ...(form.zoneId && { zoneId: form.zoneId }),
        ...(form.deviceId && { deviceId: form.deviceId }),
      },
      system: form.system as FaultReportRequest['system'],
      symptoms: form.symptoms.trim(),
      ...(photo && { photo }),
    };
    setSubmitting(true);
    setError(null);
    try {
      void navigate(faultLink(await reportFault(report)));
    } catch (failure) {
      setError(failure);
      setFieldErrors(fieldErrorsByName(failure, ['location']));
    } finally {
      setSubmitting(false);
    }
  }

  if (!reference) return locations.error ? <ErrorBanner error={locations.error} /> : <Loading />;

  return (
    <section className="narrow-page">
      <h1>{t('fault.reportTitle')}</h1>
      <p className="muted">{t('fault.reportIntro')}</p>
      <form className="card" onSubmit={handleSubmit} noValidate data-testid="report-fault-form">
        <ErrorBanner error={error} />
        <FormField id="occurredAt" label={t('fault.occurredAt')} error={fieldErrors.occurredAt} required>
          <input
            id="occurredAt"
            name="occurredAt"
            type="datetime-local"
            value={form.occurredAt}
            onChange={(event) => update({ occurredAt: event.target.value })}
          />
        </FormField>
        <FormField id="buildingId" label={t('fault.building')} error={fieldErrors.buildingId} required>
          <select
            id="buildingId"
            name="buildingId"
            value={buildingId}
            onChange={(event) => update({ buildingId: event.target.value, unitId: '', zoneId: '', deviceId: '' })}
          >
            <option value="">{t('common.select')}</option>
            {reference.buildings.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.name}
              </option>
            ))}
          </select>
        </FormField>
        <FormField id="unitId" label={`${t('fault.unit')} ${t('common.optional')}`} error={fieldErrors.unitId}>
          <select
            id="unitId"
            name="unitId"
            value={form.unitId}
            disabled={!building}
            onChange={(event) => update({ unitId: event.target.value })}
          >
            <option value="">{t('common.none')}</option>
            {(building?.units ?? []).map((unit) => (
              <option key={unit.id} value={unit.id}>
                {unit.number}
              </option>
            ))}
          </select>
        </FormField>
        <FormField id="zoneId" label={`${t('fault.zone')} ${t('common.optional')}`} error={fieldErrors.zoneId}>
          <select
            id="zoneId"
            name="zoneId"
            value={form.zoneId}
            onChange={(event) => update({ zoneId: event.target.value, deviceId: '' })}
          >
            <option value="">{t('common.none')}</option>
            {zones.map((zone) => (
              <option key={zone.id} value={zone.id}>
                {zone.name}
              </option>
            ))}
          </select>
        </FormField>
        <FormField id="deviceId" label={`${t('fault.device')} ${t('common.optional')}`} error={fieldErrors.deviceId}>
          <select id="deviceId" name="deviceId" value={form.deviceId} onChange={(event) => handleDeviceChange(event.target.value)}>
            <option value="">{t('common.none')}</option>
            {devices.map((device) => (
              <option key={device.id} value={device.id}>
                {device.name}
              </option>
            ))}
          </select>
        </FormField>
        <FormField id="system" label={t('fault.system')} error={fieldErrors.system} required>
          <select id="system" name="system" value={form.system} onChange={(event) => update({ system: event.target.value })}>
            <option value="">{t('common.select')}</option>
            {reference.systems.map((system) => (
              <option key={system} value={system}>
                {label('system', system)}
              </option>
            ))}
          </select>
        </FormField>
        <FormField id="symptoms" label={t('fault.symptoms')} error={fieldErrors.symptoms} required>
          <textarea
            id="symptoms"
            name="symptoms"
            rows={4}
            placeholder={t('fault.symptomsHint')}
            value={form.symptoms}
            onChange={(event) => update({ symptoms: event.target.value })}
          />
        </FormField>
        <FormField id="photo" label={`${t('fault.photo')} ${t('common.optional')}`} error={fieldErrors.photo}>
          <input id="photo" name="photo" type="file" accept="image/*" onChange={handlePhotoChange} />
        </FormField>
        {photo && <img className="photo-preview" src={photo} alt={t('fault.photo')} />}
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={submitting} data-testid="submit-fault">
            {t('fault.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
