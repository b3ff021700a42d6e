import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ErrorBanner } from '../../../components/error-banner';
import { FormField } from '../../../components/form-field';
import { fieldErrorsByName } from '../../../lib/api-client';
import { useI18n } from '../../../lib/i18n';
import { useAction } from '../../../lib/use-action';
import { newUuid } from '../../../lib/uuid';
import { startPlan } from '../api/governance-api';

/**
 * P2.1a: management starts a year's plan (the year-end Schedule does it otherwise). A button opens the form; once
 * started, a notice links to the process, whose first tasks (the departments' needs) are already out.
 */
export function StartPlan({ processInstanceLink, onStarted }: { processInstanceLink: (workflowId: string) => string; onStarted: () => void }) {
  const { language } = useI18n();
  const text = (zh: string, en: string) => (language === 'en' ? en : zh);
  const dialog = useRef<HTMLDialogElement>(null);
  // One id per plan the form starts, so a retried submission starts it once.
  const [planId, setPlanId] = useState(newUuid);
  const [year, setYear] = useState(String(new Date().getFullYear() + 1));
  const [started, setStarted] = useState<{ workflowId: string; year: string } | null>(null);
  const { error, setError, busy, run } = useAction();
  const fieldErrors = fieldErrorsByName(error);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void run(async () => {
      const { workflowId } = await startPlan({ planId, year: Number(year) });
      setStarted({ workflowId, year });
      setPlanId(newUuid());
      dialog.current?.close();
      onStarted();
    });
  }

  return (
    <>
      <button
        type="button"
        className="button button-primary"
        data-testid="start-plan"
        onClick={() => {
          setError(null);
          dialog.current?.showModal();
        }}
      >
        {text('新建年度计划', 'New annual plan')}
      </button>
      {started && (
        <p className="banner banner-info" role="status" data-testid="plan-started" data-workflow-id={started.workflowId} style={{ flexBasis: '100%' }}>
          {text(`已发起 ${started.year} 年度计划：各部门的需求任务已派发。`, `The ${started.year} plan is started: the departments' needs tasks are out. `)}
          <Link to={processInstanceLink(started.workflowId)}>{text('查看流程', 'Open the process')}</Link>
        </p>
      )}
      <dialog ref={dialog} className="card" aria-labelledby="start-plan-title" data-testid="start-plan-dialog">
        <form onSubmit={submit}>
          <h2 id="start-plan-title">{text('新建年度计划', 'New annual plan')}</h2>
          <p className="muted">
            {text(
              '发起后：各部门提出需求 → 技术部起草计划 → 财务部编制预算 → 管理层审批 → 报业委会备案，重大项目交业主大会表决（P2.1a–c）。',
              "Once started: the departments state their needs → technology drafts the plan → finance the budget → management approves → filed with the owners' committee, major projects put to the owners' vote (P2.1a–c).",
            )}
          </p>
          <ErrorBanner error={error} />
          <FormField id="plan-year" name="year" label={text('计划年度', 'Plan year')} error={fieldErrors.year} required>
            <input id="plan-year" name="year" type="number" inputMode="numeric" min={2000} max={2200} step={1} required value={year} onChange={(event) => setYear(event.target.value)} />
          </FormField>
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={busy} data-testid="start-plan-submit">
              {text('发起', 'Start')}
            </button>{' '}
            <button type="button" className="button button-secondary" onClick={() => dialog.current?.close()}>
              {text('取消', 'Cancel')}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
