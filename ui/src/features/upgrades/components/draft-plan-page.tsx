import { useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { SYSTEM_LABELS } from '../../../../../contracts/labels';
import type { DeviceFirmwareView, FirmwareReleaseView, UpgradeProposalView } from '../../../../../contracts/upgrades';
import { UPGRADE_RISKS, type UpgradeRisk } from '../../../../../contracts/vocabulary';
import { DataTable } from '../../../components/data-table';
import { ErrorBanner } from '../../../components/error-banner';
import { FormField } from '../../../components/form-field';
import { Loading } from '../../../components/loading';
import { fieldErrorsByName } from '../../../lib/api-client';
import { fromDateTimeLocal, toDateTimeLocal } from '../../../lib/dates';
import { useI18n } from '../../../lib/i18n';
import { useAction } from '../../../lib/use-action';
import { useApiResource } from '../../../lib/use-api-resource';
import { newUuid } from '../../../lib/uuid';
import { draftPlan, listDeviceFirmware, listProposals, listReleases } from '../api/upgrades-api';
import { useUpgradesText } from '../text';

interface Loaded {
  devices: DeviceFirmwareView[];
  releases: FirmwareReleaseView[];
  proposals: UpgradeProposalView[];
}

async function loadAll(signal: AbortSignal): Promise<Loaded> {
  const [devices, releases, proposals] = await Promise.all([listDeviceFirmware(signal), listReleases(signal), listProposals(signal)]);
  return { devices: devices.items, releases: releases.items, proposals: proposals.items };
}

/** P3.3a: the tech supervisor drafts a plan; its approval follows in the worklist. */
export function DraftPlanPage({ upgradesPath, planLink }: { upgradesPath: string; planLink: (planId: string) => string }) {
  const text = useUpgradesText();
  const loaded = useApiResource((signal) => loadAll(signal), []);
  return (
    <section className="draft-plan-page">
      <p>
        <Link to={upgradesPath}>{text('back')}</Link>
      </p>
      <header className="page-header">
        <h1>{text('draftPlan')}</h1>
      </header>
      <ErrorBanner error={loaded.error} />
      {loaded.data ? <DraftPlanForm {...loaded.data} planLink={planLink} /> : !loaded.error && <Loading />}
    </section>
  );
}

function DraftPlanForm({ devices, releases, proposals, planLink }: Loaded & { planLink: (planId: string) => string }) {
  const text = useUpgradesText();
  const { text: inLanguage } = useI18n();
  const navigate = useNavigate();
  const { error, busy, run } = useAction();
  const errors = fieldErrorsByName(error);
  // One plan id until the API has answered: a retried submit is the same plan.
  const planId = useRef(newUuid());

  // The models the devices reported, each with the releases registered for it.
  const models = useMemo(() => [...new Set(devices.flatMap((device) => (device.model ? [device.model] : [])))].sort(), [devices]);
  const releasesFor = (model: string) => releases.filter((release) => release.models.includes(model));
  const [targets, setTargets] = useState<Record<string, { releaseId: string; rollbackReleaseId: string }>>(() => {
    // The assessment's proposals preset each model's target.
    const preset: Record<string, { releaseId: string; rollbackReleaseId: string }> = {};
    for (const proposal of proposals) preset[proposal.model] ??= { releaseId: proposal.releaseId, rollbackReleaseId: '' };
    return preset;
  });
  const [chosen, setChosen] = useState<string[]>([]);
  const [canary, setCanary] = useState('');
  const now = Date.now();
  const [fields, setFields] = useState({
    title: '',
    windowStartsAt: toDateTimeLocal(new Date(now)),
    windowEndsAt: toDateTimeLocal(new Date(now + 4 * 3_600_000)),
    waveSize: '20',
    maxFailures: '1',
    wavePauseSeconds: '60',
    risk: 'medium' as UpgradeRisk,
    riskAssessment: '',
    rollbackPlan: '',
  });

  const targeted = (device: DeviceFirmwareView) => Boolean(device.model && targets[device.model]?.releaseId);
  const selectable = (device: DeviceFirmwareView) => targeted(device) && !device.openPlanId;
  const choose = (deviceIds: string[]) => setChosen((current) => [...new Set([...current, ...deviceIds])]);
  const chosenDevices = devices.filter((device) => chosen.includes(device.deviceId) && selectable(device));
  const canaryId = chosenDevices.some((device) => device.deviceId === canary) ? canary : (chosenDevices[0]?.deviceId ?? '');

  function setTarget(model: string, key: 'releaseId' | 'rollbackReleaseId', value: string) {
    setTargets((current) => ({ ...current, [model]: { ...(current[model] ?? { releaseId: '', rollbackReleaseId: '' }), [key]: value } }));
  }

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      const usedModels = [...new Set(chosenDevices.map((device) => device.model!))];
      const { planId: created } = await draftPlan({
        planId: planId.current,
        title: fields.title,
        targets: usedModels.map((model) => ({
          model,
          releaseId: targets[model]!.releaseId,
          ...(targets[model]!.rollbackReleaseId ? { rollbackReleaseId: targets[model]!.rollbackReleaseId } : {}),
        })),
        deviceIds: chosenDevices.map((device) => device.deviceId),
        canaryDeviceId: canaryId,
        windowStartsAt: fromDateTimeLocal(fields.windowStartsAt) ?? fields.windowStartsAt,
        windowEndsAt: fromDateTimeLocal(fields.windowEndsAt) ?? fields.windowEndsAt,
        waveSize: Number(fields.waveSize),
        maxFailures: Number(fields.maxFailures),
        wavePauseSeconds: Number(fields.wavePauseSeconds),
        risk: fields.risk,
        riskAssessment: fields.riskAssessment,
        rollbackPlan: fields.rollbackPlan,
      });
      void navigate(planLink(created));
    });
  }

  const field = (key: 'title' | 'waveSize' | 'maxFailures' | 'wavePauseSeconds' | 'windowStartsAt' | 'windowEndsAt', type: string, extra: { min?: number } = {}) => (
    <FormField id={`plan-${key}`} name={key} label={text(key === 'title' ? 'planTitle' : key)} error={errors[key]} required>
      <input id={`plan-${key}`} name={key} type={type} min={extra.min} value={fields[key]} onChange={(event) => setFields({ ...fields, [key]: event.target.value })} required />
    </FormField>
  );

  return (
    <form onSubmit={handleSubmit} data-testid="draft-plan-form">
      <ErrorBanner error={error} />
      <div className="card">
        {field('title', 'text')}
        <h2>{text('targets')}</h2>
        {errors.targets && (
          <p className="field-error" role="alert" data-field-error="targets">
            {errors.targets}
          </p>
        )}
        <DataTable headings={[text('model'), text('targetRelease'), text('rollbackRelease'), null]}>
          {models.map((model) => (
            <tr key={model} data-testid="plan-target" data-model={model}>
              <td>{model}</td>
              <td>
                <select aria-label={`${text('targetRelease')} ${model}`} name="releaseId" value={targets[model]?.releaseId ?? ''} onChange={(event) => setTarget(model, 'releaseId', event.target.value)}>
                  <option value="">{text('noTarget')}</option>
                  {releasesFor(model).map((release) => (
                    <option key={release.id} value={release.id}>
                      {release.version}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <select aria-label={`${text('rollbackRelease')} ${model}`} name="rollbackReleaseId" value={targets[model]?.rollbackReleaseId ?? ''} onChange={(event) => setTarget(model, 'rollbackReleaseId', event.target.value)}>
                  <option value="">{text('noRollbackRelease')}</option>
                  {releasesFor(model).map((release) => (
                    <option key={release.id} value={release.id}>
                      {release.version}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <button
                  type="button"
                  className="button button-secondary"
                  data-testid="choose-model"
                  disabled={!targets[model]?.releaseId}
                  onClick={() => choose(devices.filter((device) => device.model === model && selectable(device)).map((device) => device.deviceId))}
                >
                  {text('byModel')}
                </button>
              </td>
            </tr>
          ))}
        </DataTable>
      </div>

      <div className="card">
        <h2>{text('chooseDevices')}</h2>
        <div className="form-actions">
          <button
            type="button"
            className="button button-secondary"
            data-testid="choose-proposed"
            onClick={() => choose(proposals.filter((proposal) => !proposal.openPlanId).map((proposal) => proposal.deviceId))}
          >
            {text('fromProposals')}
          </button>
          <button type="button" className="button button-secondary" onClick={() => setChosen([])}>
            {text('clearDevices')}
          </button>
        </div>
        {errors.deviceIds && (
          <p className="field-error" role="alert" data-field-error="deviceIds">
            {errors.deviceIds}
          </p>
        )}
        <DataTable headings={[null, text('device'), text('system'), text('model'), text('currentVersion')]}>
          {devices.map((device) => (
            <tr key={device.deviceId} data-testid="plan-device" data-device-id={device.deviceId}>
              <td>
                <input
                  type="checkbox"
                  name="deviceIds"
                  value={device.deviceId}
                  aria-label={device.name}
                  disabled={!selectable(device)}
                  checked={chosen.includes(device.deviceId) && selectable(device)}
                  onChange={(event) => setChosen((current) => (event.target.checked ? [...current, device.deviceId] : current.filter((id) => id !== device.deviceId)))}
                />
              </td>
              <td>{device.name}</td>
              <td>{inLanguage(SYSTEM_LABELS[device.system])}</td>
              <td>{device.model ?? text('notReported')}</td>
              <td>{device.openPlanId ? `${device.firmwareVersion ?? '—'} · ${text('inPlan')}` : (device.firmwareVersion ?? '—')}</td>
            </tr>
          ))}
        </DataTable>
        <FormField id="plan-canary" name="canaryDeviceId" label={text('canary')} help={text('canaryHelp')} error={errors.canaryDeviceId} required>
          <select id="plan-canary" name="canaryDeviceId" value={canaryId} onChange={(event) => setCanary(event.target.value)} required>
            {chosenDevices.map((device) => (
              <option key={device.deviceId} value={device.deviceId}>
                {device.name}
              </option>
            ))}
          </select>
        </FormField>
      </div>

      <div className="card">
        {field('windowStartsAt', 'datetime-local')}
        {field('windowEndsAt', 'datetime-local')}
        {field('waveSize', 'number', { min: 1 })}
        {field('maxFailures', 'number', { min: 0 })}
        {field('wavePauseSeconds', 'number', { min: 0 })}
        <FormField id="plan-risk" name="risk" label={text('risk')} help={text('managementNote')} error={errors.risk} required>
          <select id="plan-risk" name="risk" value={fields.risk} onChange={(event) => setFields({ ...fields, risk: event.target.value as UpgradeRisk })}>
            {UPGRADE_RISKS.map((risk) => (
              <option key={risk} value={risk}>
                {text(`risk.${risk}`)}
              </option>
            ))}
          </select>
        </FormField>
        <FormField id="plan-riskAssessment" name="riskAssessment" label={text('riskAssessment')} error={errors.riskAssessment} required>
          <textarea id="plan-riskAssessment" name="riskAssessment" rows={3} value={fields.riskAssessment} onChange={(event) => setFields({ ...fields, riskAssessment: event.target.value })} required />
        </FormField>
        <FormField id="plan-rollbackPlan" name="rollbackPlan" label={text('rollbackPlan')} error={errors.rollbackPlan} required>
          <textarea id="plan-rollbackPlan" name="rollbackPlan" rows={3} value={fields.rollbackPlan} onChange={(event) => setFields({ ...fields, rollbackPlan: event.target.value })} required />
        </FormField>
        <button type="submit" className="button button-primary" disabled={busy || chosenDevices.length === 0} data-testid="submit-plan">
          {text('submitPlan')}
        </button>
      </div>
    </form>
  );
}
