import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { DeliveryDetail, DeliveryIssue, DeliveryPhases, IssueRequest } from '../../../../../contracts/delivery';
import { Badge, type BadgeTone } from '../../../components/badge';
import { DataTable } from '../../../components/data-table';
import { ErrorBanner } from '../../../components/error-banner';
import { FormField } from '../../../components/form-field';
import { KeyValueList } from '../../../components/key-value-list';
import { Loading } from '../../../components/loading';
import { RecordTasks, type TaskLink } from '../../../components/record-tasks';
import { fieldErrorsByName } from '../../../lib/api-client';
import { useI18n } from '../../../lib/i18n';
import { useAction } from '../../../lib/use-action';
import { useApiResource } from '../../../lib/use-api-resource';
import { newUuid } from '../../../lib/uuid';
import { acceptanceReportUrl, getAcceptance, getDelivery, logIssue } from '../api/delivery-api';
import { DeliveryStatusBadge } from './deliveries-page';
import { useDeliveryText } from './delivery-text';

const SEVERITY_TONE: Partial<Record<string, BadgeTone>> = { low: 'neutral', medium: 'warning', high: 'danger' };

function IssueForm({ workflowId, onLogged }: { workflowId: string; onLogged: (issue: DeliveryIssue) => void }) {
  const text = useDeliveryText();
  const { error, run } = useAction();
  // One id per entry: a double click or a retry logs it once.
  const [issueId, setIssueId] = useState(newUuid);
  const fieldErrors = fieldErrorsByName(error);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    void run(async () => {
      onLogged(await logIssue(workflowId, { issueId, title: String(form.get('issueTitle')), severity: form.get('severity') as IssueRequest['severity'] }));
      formElement.reset();
      setIssueId(newUuid());
    });
  }

  return (
    <form onSubmit={submit} data-testid="issue-form">
      <ErrorBanner error={error} />
      <FormField id="issueTitle" label={text('issue')} error={fieldErrors.title} required>
        <input id="issueTitle" name="issueTitle" required minLength={3} />
      </FormField>
      <FormField id="severity" label={text('severity')} error={fieldErrors.severity}>
        <select id="severity" name="severity" defaultValue="medium">
          <option value="low">low</option>
          <option value="medium">medium</option>
          <option value="high">high</option>
        </select>
      </FormField>
      <div className="form-actions">
        <button type="submit" className="button button-secondary">
          {text('logIssue')}
        </button>
      </div>
    </form>
  );
}

function AcceptanceCard({ acceptanceWorkflowId }: { acceptanceWorkflowId: string }) {
  const text = useDeliveryText();
  const { formatDateTime } = useI18n();
  const acceptance = useApiResource((signal) => getAcceptance(acceptanceWorkflowId, signal), [acceptanceWorkflowId]);
  if (!acceptance.data) return acceptance.error ? <p className="muted">{text('notAccepted')}</p> : <Loading />;
  const { team, signatures, report } = acceptance.data;
  return (
    <div className="card" data-testid="acceptance">
      <h2>{text('acceptance')}</h2>
      <h3>{text('team')}</h3>
      <ul>
        {team.map((member) => (
          <li key={member.userId}>
            {member.displayName} <Badge tone="info">{member.department}</Badge>
          </li>
        ))}
      </ul>
      <h3>{text('signatures')}</h3>
      <ul>
        {signatures.map((signature) => (
          <li key={`${signature.round}-${signature.userId}`}>
            {text('round')} {signature.round}: {signature.signedAs} · {formatDateTime(signature.signedAt)}
          </li>
        ))}
      </ul>
      {report ? (
        <p>
          <a className="button button-primary" href={acceptanceReportUrl(acceptanceWorkflowId)} data-testid="acceptance-report">
            {text('downloadReport')}
          </a>{' '}
          {text('warranty')}: {formatDateTime(report.warrantyStartsAt)} → {formatDateTime(report.warrantyEndsAt)}
        </p>
      ) : (
        <p className="muted">{text('notAccepted')}</p>
      )}
    </div>
  );
}

/** P2.3: one delivery with its plan, milestones, progress reports, issues log and acceptance. */
export function DeliveryPage({
  deliveriesPath,
  processInstanceLink,
  taskLink,
}: {
  deliveriesPath: string;
  processInstanceLink: (workflowId: string) => string;
  taskLink: TaskLink;
}) {
  const { workflowId = '' } = useParams();
  const text = useDeliveryText();
  const { label, formatDateTime } = useI18n();
  const delivery = useApiResource((signal) => getDelivery(workflowId, signal), [workflowId]);

  if (!delivery.data) return delivery.error ? <ErrorBanner error={delivery.error} /> : <Loading />;
  const detail: DeliveryDetail = delivery.data;
  const phases = detail.phases as DeliveryPhases | null;

  return (
    <section className="delivery-page" data-status={detail.status}>
      <p>
        <Link to={deliveriesPath}>← {text('deliveriesTitle')}</Link>
      </p>
      <header className="page-header">
        <h1>{detail.title}</h1>
        <DeliveryStatusBadge status={detail.status} />
      </header>
      {/* The delivery's own tasks and those of its acceptance, which is a process of its own. */}
      <RecordTasks workflowIds={[detail.workflowId, ...(detail.acceptanceWorkflowId ? [detail.acceptanceWorkflowId] : [])]} taskLink={taskLink} />

      <div className="card">
        <KeyValueList
          entries={[
            [text('contractId'), detail.contractId],
            [text('projectId'), detail.projectId],
            [text('supplier'), detail.vendorName],
            [text('system'), detail.system ? label('system', detail.system) : '—'],
            [text('deliveryDate'), formatDateTime(detail.deliveryDate)],
            [text('projectLead'), detail.projectLead ?? '—'],
            [text('warranty'), detail.warrantyStartsAt ? `${formatDateTime(detail.warrantyStartsAt)} → ${formatDateTime(detail.warrantyEndsAt)}` : '—'],
            [
              text('processes'),
              <span className="badges">
                <Link to={processInstanceLink(detail.workflowId)}>{text('deliveryProcess')}</Link>
                {detail.acceptanceWorkflowId && <Link to={processInstanceLink(detail.acceptanceWorkflowId)}>{text('acceptanceProcess')}</Link>}
                {detail.procurementWorkflowId && <Link to={processInstanceLink(detail.procurementWorkflowId)}>{text('procurementProcess')}</Link>}
              </span>,
            ],
          ]}
        />
      </div>

      {phases && (
        <div className="card">
          <h2>{text('plan')}</h2>
          <KeyValueList
            entries={[
              [text('phases'), phases.map((phase) => phase.name).join(' → ')],
              [text('quality'), <span className="prewrap">{detail.qualityRequirements}</span>],
            ]}
          />
        </div>
      )}

      <div className="card" data-testid="milestones">
        <h2>{text('milestones')}</h2>
        <DataTable scroll={false} headings={[text('milestones'), text('due'), text('status')]}>
          {detail.milestones.map((milestone) => (
            <tr key={milestone.milestoneId}>
              <td>{milestone.name}</td>
              <td className="nowrap">{formatDateTime(milestone.dueAt)}</td>
              <td>
                {milestone.reachedAt ? (
                  <Badge tone="success">{text('reached')}</Badge>
                ) : milestone.overdueAt ? (
                  <Badge tone="danger">{text('overdue')}</Badge>
                ) : (
                  <Badge>{text('pending')}</Badge>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      </div>

      <div className="card" data-testid="reports">
        <h2>{text('reports')}</h2>
        {detail.reports.length === 0 ? (
          <p className="empty">{text('noReports')}</p>
        ) : (
          <ul>
            {detail.reports.map((report) => (
              <li key={report.taskId}>
                {formatDateTime(report.reportedAt)} · {report.percentComplete}% · <span className="prewrap">{report.summary}</span>
              </li>
            ))}
          </ul>
        )}
      </div>

      <div className="card" data-testid="issues">
        <h2>{text('issues')}</h2>
        {detail.issues.length === 0 ? (
          <p className="empty">{text('noIssues')}</p>
        ) : (
          <DataTable scroll={false} headings={[text('issue'), text('severity'), text('source'), text('raisedAt')]}>
            {detail.issues.map((issue) => (
              <tr key={issue.id}>
                <td>{issue.title}</td>
                <td>
                  <Badge tone={SEVERITY_TONE[issue.severity]}>{issue.severity}</Badge>
                </td>
                <td>{issue.source}</td>
                <td className="nowrap">{formatDateTime(issue.raisedAt)}</td>
              </tr>
            ))}
          </DataTable>
        )}
        <IssueForm workflowId={detail.workflowId} onLogged={(issue) => delivery.setData({ ...detail, issues: [...detail.issues.filter((entry) => entry.id !== issue.id), issue] })} />
      </div>

      {detail.acceptanceWorkflowId && <AcceptanceCard acceptanceWorkflowId={detail.acceptanceWorkflowId} />}
    </section>
  );
}
