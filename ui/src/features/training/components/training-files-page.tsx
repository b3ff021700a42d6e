import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { DEPARTMENT_LABELS } from '../../../../../contracts/labels';
import { DataTable } from '../../../components/data-table';
import { ErrorBanner } from '../../../components/error-banner';
import { FormField } from '../../../components/form-field';
import { Loading } from '../../../components/loading';
import { fieldErrorsByName } from '../../../lib/api-client';
import { useI18n } from '../../../lib/i18n';
import { useAction } from '../../../lib/use-action';
import { useApiResource } from '../../../lib/use-api-resource';
import { newUuid } from '../../../lib/uuid';
import { listTrainingFiles, startTrainingCycle } from '../api/training-api';
import { useTrainingText } from '../text';
import { SecurityBadge } from './security-badge';

/** P6.3a, P5.3a: every staff member's training file, where their security course stands; HR starts a year's cycle. */
export function TrainingFilesPage({ fileLink, canStart, processInstanceLink }: { fileLink: (userId: string) => string; canStart: boolean; processInstanceLink?: (workflowId: string) => string }) {
  const text = useTrainingText();
  const { text: word } = useI18n();
  const files = useApiResource((signal) => listTrainingFiles(signal), []);
  return (
    <section className="training-files-page">
      <header className="page-header">
        <h1>{text('filesTitle')}</h1>
      </header>
      {canStart && <StartCycle processInstanceLink={processInstanceLink} />}
      <ErrorBanner error={files.error} />
      {!files.data ? (
        !files.error && <Loading />
      ) : (
        <div className="card">
          <DataTable headings={[text('name'), text('department'), text('security'), text('completionsCount'), '']} data-testid="training-files">
            {files.data.map((file) => (
              <tr key={file.userId} data-user-id={file.userId}>
                <td>{file.displayName}</td>
                <td>{file.department && file.department in DEPARTMENT_LABELS ? word(DEPARTMENT_LABELS[file.department as keyof typeof DEPARTMENT_LABELS]) : '—'}</td>
                <td>
                  <SecurityBadge security={file.security} />
                </td>
                <td>{file.completions}</td>
                <td>
                  <Link to={fileLink(file.userId)}>{text('open')}</Link>
                </td>
              </tr>
            ))}
          </DataTable>
        </div>
      )}
    </section>
  );
}

function StartCycle({ processInstanceLink }: { processInstanceLink?: (workflowId: string) => string }) {
  const text = useTrainingText();
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [started, setStarted] = useState<{ year: number; workflowId: string } | null>(null);
  const { error, busy, run } = useAction();
  // One cycle id until the API has answered: a retried click starts the same cycle.
  const pending = useRef<string | null>(null);
  const errors = fieldErrorsByName(error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const cycleId = (pending.current ??= newUuid());
      const { workflowId } = await startTrainingCycle({ cycleId, year: Number(year) });
      pending.current = null;
      setStarted({ year: Number(year), workflowId });
    });
  };

  return (
    <form className="card" onSubmit={submit} data-testid="start-training-cycle">
      <h2>{text('startCycle')}</h2>
      <p className="muted">{text('startCycleNote')}</p>
      <ErrorBanner error={error} />
      <FormField id="training-year" name="year" label={text('year')} error={errors.year} required>
        <input id="training-year" name="year" type="number" min={2000} max={2100} value={year} onChange={(event) => setYear(event.target.value)} />
      </FormField>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {text('start')}
        </button>
      </div>
      {started && (
        <p className="banner banner-info" data-testid="training-cycle-started">
          {text('started', { year: started.year })} {processInstanceLink && <Link to={processInstanceLink(started.workflowId)}>{text('viewProcess')}</Link>}
        </p>
      )}
    </form>
  );
}
