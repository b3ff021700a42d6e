import { useRef, useState, type FormEvent } from 'react';
import type { FirmwareReleaseView } from '../../../../../contracts/upgrades';
import { DataTable } from '../../../components/data-table';
import { ErrorBanner } from '../../../components/error-banner';
import { FormField } from '../../../components/form-field';
import { fieldErrorsByName } from '../../../lib/api-client';
import { useI18n } from '../../../lib/i18n';
import { useAction } from '../../../lib/use-action';
import { newUuid } from '../../../lib/uuid';
import { useApiResource } from '../../../lib/use-api-resource';
import { listSuppliers, registerRelease } from '../api/upgrades-api';
import { useUpgradesText } from '../text';
import { useAmounts } from './amounts';

/** A picked file as base64, the way the API takes a release's file. */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let index = 0; index < bytes.length; index += 0x8000) binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  return btoa(binary);
}

/** P3.3a: the registered releases, newest first, and (for those who may) the form a release is registered with. */
export function FirmwareReleases({ releases, canRegister, onRegistered }: { releases: FirmwareReleaseView[]; canRegister: boolean; onRegistered: () => void }) {
  const text = useUpgradesText();
  const { formatDate, formatDateTime } = useI18n();
  const { bytes } = useAmounts();
  return (
    <>
      {releases.length === 0 ? (
        <p className="muted">{text('noReleases')}</p>
      ) : (
        <DataTable headings={[text('version'), text('models'), text('supplier'), text('releasedOn'), text('file'), text('notes'), text('registeredAt')]}>
          {releases.map((release) => (
            <tr key={release.id} data-testid="firmware-release" data-version={release.version}>
              <td className="nowrap">{release.version}</td>
              <td>{release.models.join('、')}</td>
              <td>{release.vendorName}</td>
              <td className="nowrap">{formatDate(release.releasedOn)}</td>
              <td>
                {release.fileName} · {bytes(release.sizeBytes)}
                <br />
                <code className="digest" title="SHA-256">{release.sha256}</code>
              </td>
              <td>{release.notes}</td>
              <td className="nowrap">{formatDateTime(release.registeredAt)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {canRegister && <RegisterReleaseForm onRegistered={onRegistered} />}
    </>
  );
}

function RegisterReleaseForm({ onRegistered }: { onRegistered: () => void }) {
  const text = useUpgradesText();
  const { error, busy, run } = useAction();
  const [fields, setFields] = useState({ version: '', models: '', releasedOn: '', notes: '', sha256: '', vendorId: '' });
  const [file, setFile] = useState<File | null>(null);
  const [registered, setRegistered] = useState<string | null>(null);
  // One release id until the API has answered: a retried submit registers the same release.
  const releaseId = useRef(newUuid());
  const errors = fieldErrorsByName(error);
  // Staff name the supplier; a supplier's own staff see only their company and register as it.
  const suppliers = useApiResource((signal) => listSuppliers(signal), []);
  const pickSupplier = (suppliers.data?.items.length ?? 0) > 1;

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    void run(async () => {
      const release = await registerRelease({
        releaseId: releaseId.current,
        version: fields.version.trim(),
        models: fields.models.split('\n').map((model) => model.trim()).filter(Boolean),
        releasedOn: fields.releasedOn,
        notes: fields.notes,
        fileName: file.name,
        file: await base64Of(file),
        sha256: fields.sha256.trim(),
        ...(fields.vendorId.trim() ? { vendorId: fields.vendorId.trim() } : {}),
      });
      releaseId.current = newUuid();
      setRegistered(release.version);
      setFields({ version: '', models: '', releasedOn: '', notes: '', sha256: '', vendorId: '' });
      onRegistered();
    });
  }

  const input = (key: keyof typeof fields, label: string, extra: { type?: string; help?: string; required?: boolean } = {}) => (
    <FormField id={`release-${key}`} name={key} label={label} help={extra.help} error={errors[key]} required={extra.required ?? true}>
      <input id={`release-${key}`} name={key} type={extra.type ?? 'text'} value={fields[key]} onChange={(event) => setFields({ ...fields, [key]: event.target.value })} required={extra.required ?? true} />
    </FormField>
  );

  return (
    <details className="card" data-testid="register-release">
      <summary>{text('registerRelease')}</summary>
      <p className="help">{text('registerNote')}</p>
      {registered && (
        <p className="banner banner-info" data-testid="release-registered">
          {text('registered', { version: registered })}
        </p>
      )}
      <ErrorBanner error={error} />
      <form onSubmit={handleSubmit}>
        {input('version', text('version'))}
        <FormField id="release-models" name="models" label={text('models')} help={text('modelsHelp')} error={errors.models} required>
          <textarea id="release-models" name="models" rows={2} value={fields.models} onChange={(event) => setFields({ ...fields, models: event.target.value })} required />
        </FormField>
        {input('releasedOn', text('releasedOn'), { type: 'date' })}
        <FormField id="release-notes" name="notes" label={text('notes')} error={errors.notes} required>
          <textarea id="release-notes" name="notes" rows={3} value={fields.notes} onChange={(event) => setFields({ ...fields, notes: event.target.value })} required />
        </FormField>
        <FormField id="release-file" name="file" label={text('file')} error={errors.file ?? errors.fileName} required>
          <input id="release-file" name="file" type="file" onChange={(event) => setFile(event.target.files?.[0] ?? null)} required />
        </FormField>
        {input('sha256', text('sha256'))}
        {pickSupplier && (
          <FormField id="release-vendorId" name="vendorId" label={text('supplier')} error={errors.vendorId} required>
            <select id="release-vendorId" name="vendorId" value={fields.vendorId} onChange={(event) => setFields({ ...fields, vendorId: event.target.value })} required>
              <option value="" />
              {suppliers.data!.items.map((supplier) => (
                <option key={supplier.id} value={supplier.id}>
                  {supplier.name}
                </option>
              ))}
            </select>
          </FormField>
        )}
        <button type="submit" className="button button-primary" disabled={busy || !file} data-testid="submit-release">
          {text('register')}
        </button>
      </form>
    </details>
  );
}
