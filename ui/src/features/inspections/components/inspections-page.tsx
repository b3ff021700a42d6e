import { useState } from 'react';
import { Link } from 'react-router';
import { OverdueInspections } from './overdue-inspections';
import { PlanForm } from './plan-form';
import { listPlans, listRecords, runPlanNow, setPlanActive } from '../api/inspections-api';
import { useInspectionTexts } from '../texts';
import { Badge } from '../../../components/badge';
import { DataTable } from '../../../components/data-table';
import { ErrorBanner } from '../../../components/error-banner';
import { LoadMoreButton } from '../../../components/load-more-button';
import { Loading } from '../../../components/loading';
import { useI18n } from '../../../lib/i18n';
import { useCurrentUser } from '../../../lib/session';
import { useApiResource } from '../../../lib/use-api-resource';
import { useKeysetList } from '../../../lib/use-keyset-list';
import type { InspectionPlan } from '../../../../../contracts/inspections';
import { can } from '../../../../../contracts/permissions';

/** Inspections (P3.1a, P3.1c): the plans and their schedules, overdue runs, and the records. */
export function InspectionsPage({
  taskLink,
  recordLink,
}: {
  taskLink: (taskId: string) => string;
  recordLink: (workflowId: string) => string;
}) {
  const { label, formatDateTime } = useI18n();
  const { text, duration } = useInspectionTexts();
  const user = useCurrentUser();
  const canPlan = can(user, 'inspection.plan.manage');
  const canSeeOverdue = can(user, 'inspection.overdue.read');
  const plans = useApiResource((signal) => listPlans(signal), []);
  const [planId, setPlanId] = useState('');
  const records = useKeysetList((cursor, signal) => listRecords({ planId: planId || undefined }, cursor, signal), [planId]);
  const [actionError, setActionError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busyPlan, setBusyPlan] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);

  async function act(plan: InspectionPlan, action: () => Promise<unknown>, message?: string) {
    setBusyPlan(plan.id);
    setActionError(null);
    setNotice(null);
    try {
      await action();
      if (message) setNotice(message);
      plans.reload();
    } catch (failure) {
      setActionError(failure);
    } finally {
      setBusyPlan(null);
    }
  }

  return (
    <section>
      <h1>{text('title')}</h1>
      {canSeeOverdue && <OverdueInspections taskLink={taskLink} recordLink={recordLink} />}

      <header className="page-header">
        <h2>{text('plans')}</h2>
        {canPlan && !creating && (
          <button type="button" className="button-primary" onClick={() => setCreating(true)} data-testid="new-plan">
            {text('newPlan')}
          </button>
        )}
      </header>
      {creating && (
        <PlanForm
          onCancel={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            setNotice(text('created'));
            plans.reload();
          }}
        />
      )}
      <ErrorBanner error={plans.error ?? actionError} />
      {notice && (
        <div className="banner" role="status">
          {notice}
        </div>
      )}
      {plans.loading && !plans.data && <Loading />}
      {plans.data && (
        <DataTable
          data-testid="inspection-plans"
          headings={[text('plan'), text('responsible'), text('cycle'), text('dueWithin'), text('items'), text('status'), ...(canPlan ? [null] : [])]}
        >
          {plans.data.map((plan) => (
            <tr key={plan.id} data-plan-id={plan.id}>
              <td>
                <strong>{plan.title}</strong>
                <ul className="plain-list muted">
                  {plan.checklist.map((item) => (
                    <li key={item.id}>
                      {item.text} <small>({label('system', item.system)})</small>
                    </li>
                  ))}
                </ul>
              </td>
              <td>{label('role', plan.responsibleRole)}</td>
              <td className="nowrap">{duration(plan.cycleSeconds)}</td>
              <td className="nowrap">{duration(plan.dueWithinSeconds)}</td>
              <td>{plan.checklist.length}</td>
              <td>{plan.active ? <Badge tone="success">{text('active')}</Badge> : <Badge>{text('inactive')}</Badge>}</td>
              {canPlan && (
                <td className="nowrap">
                  {plan.active && (
                    <button type="button" disabled={busyPlan === plan.id} onClick={() => void act(plan, () => runPlanNow(plan.id), text('runStarted'))}>
                      {text('runNow')}
                    </button>
                  )}{' '}
                  <button type="button" className="button-link" disabled={busyPlan === plan.id} onClick={() => void act(plan, () => setPlanActive(plan, !plan.active))}>
                    {plan.active ? text('deactivate') : text('activate')}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </DataTable>
      )}

      <h2>{text('records')}</h2>
      <form className="filters" onSubmit={(event) => event.preventDefault()}>
        <label>
          {text('plan')}
          <select value={planId} onChange={(event) => setPlanId(event.target.value)} name="planId">
            <option value="">{text('allPlans')}</option>
            {plans.data?.map((plan) => (
              <option key={plan.id} value={plan.id}>
                {plan.title}
              </option>
            ))}
          </select>
        </label>
      </form>
      <ErrorBanner error={records.error} />
      <DataTable data-testid="inspection-records" headings={[text('plan'), text('started'), text('due'), text('status'), text('inspector'), text('failedItems')]}>
        {records.items.map((record) => (
          <tr key={record.workflowId} data-workflow-id={record.workflowId}>
            <td>
              <Link to={recordLink(record.workflowId)}>{record.planTitle}</Link>
            </td>
            <td className="nowrap">{formatDateTime(record.startedAt)}</td>
            <td className="nowrap">{formatDateTime(record.dueAt)}</td>
            <td>
              {record.status === 'open' ? <Badge tone="info">{text('open')}</Badge> : <Badge tone="success">{text('done')}</Badge>}{' '}
              {record.overdue && <Badge tone="danger">{text('overdue')}</Badge>}
            </td>
            <td>{record.inspectorName ?? '—'}</td>
            <td>{record.failedItems > 0 ? <Badge tone="warning">{record.failedItems}</Badge> : record.status === 'completed' ? 0 : '—'}</td>
          </tr>
        ))}
      </DataTable>
      {records.loading && records.items.length === 0 && <Loading />}
      {!records.loading && !records.error && records.items.length === 0 && <p className="empty">{text('noRecords')}</p>}
      <LoadMoreButton hasMore={records.hasMore} loading={records.loading} onLoadMore={records.loadMore} />
    </section>
  );
}
