import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { importFaultPlace, IMPORT_LIMITS, IMPORT_TEMPLATES } from '../../../../../contracts/import-templates';
import { IMPORT_SHEETS, type ImportSheet } from '../../../../../contracts/vocabulary';
import { DataTable } from '../../../components/data-table';
import { ErrorBanner } from '../../../components/error-banner';
import { FormField } from '../../../components/form-field';
import { ApiError } from '../../../lib/api-client';
import { readAsDataUrl } from '../../../lib/files';
import { useI18n } from '../../../lib/i18n';
import { useAction } from '../../../lib/use-action';
import { newUuid } from '../../../lib/uuid';
import { importTemplateUrl, submitImport } from '../api/admin-api';
import { useAdminText } from '../text';

/** The file's content in base64, as the API takes it (a data: URL without its prefix). */
const base64Of = async (file: File) => (await readAsDataUrl(file)).replace(/^data:[^,]*,/, '');

/** Each cell the API named, by its row, its column's letter and heading, and why. */
function FaultsTable({ sheet, error }: { sheet: ImportSheet; error: ApiError }) {
  const text = useAdminText();
  const { text: word } = useI18n();
  return (
    <>
      <h3>{text('importFaults')}</h3>
      {error.errors.length >= IMPORT_LIMITS.maxErrors && <p className="help">{text('importFaultsMore', { shown: error.errors.length })}</p>}
      <DataTable headings={[text('row'), text('column'), text('problem')]} data-testid="import-faults">
        {error.errors.map((fault, index) => {
          const place = importFaultPlace(sheet, fault.field);
          return (
            <tr key={index} data-field={fault.field}>
              <td>{place ? place.row : text('wholeSheet')}</td>
              <td>{place?.column ? `${place.letter} ${word(place.column.header)}` : '—'}</td>
              <td>{fault.message}</td>
            </tr>
          );
        })}
      </DataTable>
    </>
  );
}

/**
 * P5.1a–b: a sheet of units, owners or staff users uploaded for review as one change. Every fault comes back by its
 * row and column, and nothing is written until a sheet passes; a change id for the life of the form makes a retried
 * upload the same change.
 */
export function ImportPanel({ changeLink }: { changeLink: (changeId: string) => string }) {
  const text = useAdminText();
  const { text: word } = useI18n();
  const [sheet, setSheet] = useState<ImportSheet>('units');
  const [file, setFile] = useState<File | null>(null);
  const [changeId, setChangeId] = useState(newUuid);
  const [submitted, setSubmitted] = useState<{ changeId: string; rows: number } | null>(null);
  const action = useAction();
  const faults = action.error instanceof ApiError && action.error.status === 422 && action.error.errors.some((fault) => fault.field.startsWith('rows')) ? action.error : null;

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    setSubmitted(null);
    void action.run(async () => {
      const format = file.name.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx';
      const result = await submitImport({ changeId, sheet, fileName: file.name, format, content: await base64Of(file) });
      setSubmitted({ changeId: result.changeId, rows: result.rows });
      setChangeId(newUuid());
    });
  }

  return (
    <details className="card" data-testid="import-panel">
      <summary>{text('importSheet')}</summary>
      <p className="help">{text('importNote')}</p>
      <form onSubmit={handleSubmit}>
        <FormField id="import-sheet" label={text('sheetKind')} required>
          <select id="import-sheet" name="sheet" value={sheet} onChange={(event) => setSheet(event.target.value as ImportSheet)}>
            {IMPORT_SHEETS.map((value) => (
              <option key={value} value={value}>
                {word(IMPORT_TEMPLATES[value].title)}
              </option>
            ))}
          </select>
        </FormField>
        <p>
          <a href={importTemplateUrl(sheet)} download data-testid="import-template">
            {text('downloadTemplate')}
          </a>
        </p>
        <FormField id="import-file" label={text('file')} required>
          <input id="import-file" name="file" type="file" accept=".xlsx,.csv" required onChange={(event) => setFile(event.target.files?.[0] ?? null)} />
        </FormField>
        <button type="submit" className="button-primary" disabled={action.busy || !file} data-testid="submit-import">
          {text('upload')}
        </button>
      </form>
      <ErrorBanner error={action.error} unclaimedFieldErrors={faults ? [] : action.error instanceof ApiError ? action.error.errors.map((fault) => fault.message) : []} />
      {faults && <FaultsTable sheet={sheet} error={faults} />}
      {submitted && !action.error && (
        <p className="banner banner-info" role="status" data-testid="import-submitted">
          {text('importSubmitted', { rows: submitted.rows })} · <Link to={changeLink(submitted.changeId)}>{text('viewChange')}</Link>
        </p>
      )}
    </details>
  );
}
