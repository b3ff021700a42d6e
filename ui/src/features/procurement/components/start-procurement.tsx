import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { SYSTEMS } from '../../../../../contracts/vocabulary';
import { ErrorBanner } from '../../../components/error-banner';
import { FormField } from '../../../components/form-field';
import { fieldErrorsByName } from '../../../lib/api-client';
import { useAction } from '../../../lib/use-action';
import { newUuid } from '../../../lib/uuid';
import { startProcurement } from '../api/procurement-api';
import { useProcurementText } from '../text';

const DAY_SECONDS = 24 * 3600;
const EMPTY = { title: '', estimate: '', system: '', requirements: '', bidWindowDays: '' };

/**
 * P2.2b: procurement staff start the procurement of a project outside the annual plan (the plan's projects start
 * theirs themselves). The form asks what the API validates; a new project id per form makes a retry start one.
 */
export function StartProcurement({ procurementLink, onStarted }: { procurementLink: (workflowId: string) => string; onStarted: (workflowId: string) => void }) {
  const text = useProcurementText();
  const dialog = useRef<HTMLDialogElement>(null);
  const [projectId, setProjectId] = useState(() => `proc-${newUuid()}`);
  const [values, setValues] = useState(EMPTY);
  const [started, setStarted] = useState<{ workflowId: string; title: string } | null>(null);
  const { error, setError, busy, run } = useAction();
  const fieldErrors = fieldErrorsByName(error);
  const change = (name: keyof typeof EMPTY) => (event: { target: { value: string } }) => setValues({ ...values, [name]: event.target.value });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void run(async () => {
      const { workflowId } = await startProcurement({
        projectId,
        title: values.title,
        estimate: Number(values.estimate),
        ...(values.system ? { system: values.system as (typeof SYSTEMS)[number] } : {}),
        ...(values.requirements.trim() ? { requirements: values.requirements } : {}),
        ...(values.bidWindowDays ? { bidWindowSeconds: Math.round(Number(values.bidWindowDays) * DAY_SECONDS) } : {}),
      });
      setStarted({ workflowId, title: values.title });
      setProjectId(`proc-${newUuid()}`);
      setValues(EMPTY);
      dialog.current?.close();
      onStarted(workflowId);
    });
  }

  return (
    <>
      <button
        type="button"
        className="button button-primary"
        data-testid="start-procurement"
        onClick={() => {
          setError(null);
          dialog.current?.showModal();
        }}
      >
        {text('startProcurement')}
      </button>
      {started && (
        <p className="banner banner-info" role="status" data-testid="procurement-started" data-workflow-id={started.workflowId} style={{ flexBasis: '100%' }}>
          {text('started')}
          {started.title} · <Link to={procurementLink(started.workflowId)}>{text('openProcurement')}</Link>
        </p>
      )}
      <dialog ref={dialog} className="card" aria-labelledby="start-procurement-title" data-testid="start-procurement-dialog">
        <form onSubmit={submit}>
          <h2 id="start-procurement-title">{text('startProcurement')}</h2>
          <p className="muted">{text('startExplain')}</p>
          <ErrorBanner error={error} />
          <FormField id="procurement-title" name="title" label={text('title')} error={fieldErrors.title} required>
            <input id="procurement-title" name="title" required minLength={3} maxLength={200} value={values.title} onChange={change('title')} />
          </FormField>
          <FormField id="procurement-estimate" name="estimate" label={text('estimate')} error={fieldErrors.estimate} required>
            <input id="procurement-estimate" name="estimate" type="number" inputMode="numeric" min={1} step={1} required value={values.estimate} onChange={change('estimate')} />
          </FormField>
          <FormField id="procurement-system" name="system" label={text('system')} error={fieldErrors.system}>
            <select id="procurement-system" name="system" value={values.system} onChange={change('system')}>
              <option value="">{text('noSystem')}</option>
              {SYSTEMS.map((system) => (
                <option key={system} value={system}>
                  {text.value('system', system)}
                </option>
              ))}
            </select>
          </FormField>
          <FormField id="procurement-requirements" name="requirements" label={text('requirements')} help={text('requirementsHelp')} error={fieldErrors.requirements}>
            <textarea id="procurement-requirements" name="requirements" rows={4} maxLength={20_000} value={values.requirements} onChange={change('requirements')} />
          </FormField>
          <FormField id="procurement-bid-window" name="bidWindowDays" label={text('bidWindowDays')} help={text('bidWindowHelp')} error={fieldErrors.bidWindowSeconds}>
            <input id="procurement-bid-window" name="bidWindowDays" type="number" inputMode="decimal" min={0.5} max={90} step={0.5} value={values.bidWindowDays} onChange={change('bidWindowDays')} />
          </FormField>
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={busy} data-testid="start-procurement-submit">
              {text('start')}
            </button>{' '}
            <button type="button" className="button button-secondary" onClick={() => dialog.current?.close()}>
              {text('cancel')}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
