import { Link } from 'react-router';
import { can } from '../../../../../contracts/permissions';
import { Badge } from '../../../components/badge';
import { DataTable } from '../../../components/data-table';
import { ErrorBanner } from '../../../components/error-banner';
import { Loading } from '../../../components/loading';
import { RecordTasks, type TaskLink } from '../../../components/record-tasks';
import { useI18n } from '../../../lib/i18n';
import { useCurrentUser } from '../../../lib/session';
import { useApiResource } from '../../../lib/use-api-resource';
import { MAX_WORKFLOW_IDS } from '../../../../../contracts/vocabulary';
import { evidenceUrl, listFilings, listPlans, listRunningPlans, listVotes } from '../api/governance-api';
import { StartPlan } from './start-plan';

/** Annual plans and their filings with the owners' committee (P2.1a–c): receipts, projects, votes, procurement. */
export function GovernancePage({
  processInstanceLink,
  filingLink,
  taskLink,
}: {
  processInstanceLink: (workflowId: string) => string;
  filingLink: (workflowId: string) => string;
  taskLink: TaskLink;
}) {
  const { language, text: inLanguage, formatDateTime } = useI18n();
  const text = (zh: string, en: string) => (language === 'en' ? en : zh);
  const filings = useApiResource((signal) => listFilings(signal), []);
  const plans = useApiResource((signal) => listPlans(signal), []);
  const votes = useApiResource((signal) => listVotes(signal), []);
  const user = useCurrentUser();
  const canExport = can(user, 'owners-vote.evidence');
  const canOpenProcesses = can(user, 'process.read');
  const canFollow = can(user, 'process.read');
  const running = useApiResource((signal) => (canFollow ? listRunningPlans(signal) : Promise.resolve([])), [canFollow]);
  const statusText: Record<string, string> = {
    'awaiting-receipt': text('待回执', 'Awaiting receipt'),
    acknowledged: text('已备案', 'Filed'),
    returned: text('已退回', 'Returned'),
  };
  return (
    <section className="governance-page">
      <header className="page-header">
        <h1>{text('年度计划与备案', 'Annual plans and filings')}</h1>
        {can(user, 'annual-plan.start') && <StartPlan processInstanceLink={processInstanceLink} onStarted={running.reload} />}
      </header>
      {/* What waits for this person on the filings and plans listed (a filing to acknowledge), newest first. */}
      <RecordTasks
        workflowIds={[...(filings.data ?? []).map((filing) => filing.workflowId), ...(plans.data ?? []).map((plan) => plan.workflowId)].slice(0, MAX_WORKFLOW_IDS)}
        taskLink={taskLink}
      />
      <h2>{text('业委会备案', "Filings with the owners' committee")}</h2>
      <ErrorBanner error={filings.error} />
      {filings.loading && !filings.data && <Loading />}
      <DataTable data-testid="filings-table" headings={[text('年度', 'Year'), text('备案材料', 'Package'), text('报送时间', 'Filed'), text('状态', 'Status'), text('回执编号', 'Receipt number')]}>
        {filings.data?.map((filing) => (
          <tr key={filing.workflowId} data-testid="filing-row" data-workflow-id={filing.workflowId} data-status={filing.status}>
            <td>{filing.year}</td>
            <td>
              {/* The package itself, readable by everyone who reads filings; the process page only by those who read processes. */}
              <Link to={filingLink(filing.workflowId)} data-testid="filing-link">
                {filing.title}
              </Link>
              {canOpenProcesses && (
                <>
                  {' · '}
                  <Link to={processInstanceLink(filing.workflowId)}>{text('流程', 'Process')}</Link>
                </>
              )}
              <br />
              <small className="muted" title="SHA-256">
                {filing.packageDigest.slice(0, 16)}…
              </small>
            </td>
            <td>{formatDateTime(filing.filedAt)}</td>
            <td>
              <Badge tone={filing.status === 'acknowledged' ? 'success' : filing.status === 'returned' ? 'warning' : 'info'}>{statusText[filing.status]}</Badge>
              {filing.comment && <div className="muted">{filing.comment}</div>}
            </td>
            <td data-testid="receipt-number">{filing.receiptNumber ?? '—'}</td>
          </tr>
        ))}
      </DataTable>
      {filings.data?.length === 0 && <p className="empty">{text('暂无备案', 'No filings yet')}</p>}
      {canFollow && (running.data?.length ?? 0) > 0 && (
        <>
          <h2>{text('进行中的年度计划', 'Plans in progress')}</h2>
          <ul data-testid="running-plans">
            {running.data?.map((plan) => (
              <li key={plan.workflowId} data-workflow-id={plan.workflowId}>
                <Link to={processInstanceLink(plan.workflowId)}>{inLanguage(plan.shownTitle)}</Link> · {formatDateTime(plan.startedAt)}
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>{text('年度计划', 'Annual plans')}</h2>
      <ErrorBanner error={plans.error} />
      {plans.data?.length === 0 && <p className="empty">{text('暂无已批准的年度计划', 'No approved plans yet')}</p>}
      {plans.data?.map((plan) => (
        <div key={plan.workflowId} className="card" data-testid="plan-card">
          <strong>
            <Link to={processInstanceLink(plan.workflowId)}>{text(`${plan.year} 年度计划`, `Plan ${plan.year}`)}</Link>
          </strong>{' '}
          <Badge tone={plan.status === 'effective' ? 'success' : 'info'}>{plan.status === 'effective' ? text('已生效', 'In effect') : text('已批准', 'Approved')}</Badge>
          <ul>
            {plan.projects.map((project) => (
              <li key={project.projectId}>
                {project.title} · ¥{project.estimateYuan.toFixed(2)} · {project.status}
                {project.voteWorkflowId && (
                  <>
                    {' · '}
                    <Link to={processInstanceLink(project.voteWorkflowId)}>{text('业主表决', "owners' vote")}</Link>
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      ))}
      <h2>{text('业主大会表决与证据', "Owners' votes and evidence")}</h2>
      <ErrorBanner error={votes.error} />
      <DataTable
        data-testid="votes-table"
        headings={[text('事项', 'Matter'), text('状态', 'Status'), text('参与（面积 / 人数）', 'Participation (area / owners)'), text('结果', 'Result'), text('证据', 'Evidence')]}
      >
        {votes.data?.map((vote) => (
          <tr key={vote.voteId} data-testid="vote-row" data-vote-id={vote.voteId}>
            <td>
              <Link to={processInstanceLink(vote.workflowId)}>{vote.title}</Link>
              <div className="muted">{text(`第278条第${vote.item}项`, `art. 278 item ${vote.item}`)}</div>
            </td>
            <td>{vote.status}</td>
            <td>
              {vote.participation.areaPercent ?? 0}% / {vote.participation.headsPercent ?? 0}%
            </td>
            <td>{vote.result?.outcome ?? '—'}</td>
            <td>
              {canExport && vote.rollDigest && (
                <a href={evidenceUrl(vote.voteId, 'evidence/roll.csv')} title={`SHA-256 ${vote.rollDigest}`}>
                  {text('名册', 'Roll')}
                </a>
              )}
              {canExport && vote.ballotsDigest && (
                <>
                  {' · '}
                  <a href={evidenceUrl(vote.voteId, 'evidence/ballots.csv')} title={`SHA-256 ${vote.ballotsDigest}`}>
                    {text('选票', 'Ballots')}
                  </a>
                  {' · '}
                  <a href={evidenceUrl(vote.voteId, 'evidence.pdf')}>PDF</a>
                </>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
      {votes.data?.length === 0 && <p className="empty">{text('暂无表决', 'No votes yet')}</p>}
    </section>
  );
}
