import { Link, useParams } from 'react-router';
import { can } from '../../../../../contracts/permissions';
import { Badge } from '../../../components/badge';
import { ErrorBanner } from '../../../components/error-banner';
import { KeyValueList } from '../../../components/key-value-list';
import { LabelledRecord } from '../../../components/labelled-data';
import { Loading } from '../../../components/loading';
import { useI18n } from '../../../lib/i18n';
import { useCurrentUser } from '../../../lib/session';
import { useApiResource } from '../../../lib/use-api-resource';
import { getFiling } from '../api/governance-api';

/** One filing with the owners' committee (P2.1c): the dated package its digest is of, worded as the committee's task words it. */
export function FilingPage({ governancePath, processInstanceLink }: { governancePath: string; processInstanceLink: (workflowId: string) => string }) {
  const { workflowId = '' } = useParams();
  const { language, vocabulary, formatInstant } = useI18n();
  const text = (zh: string, en: string) => (language === 'en' ? en : zh);
  const user = useCurrentUser();
  const filing = useApiResource((signal) => getFiling(workflowId, signal), [workflowId]);
  if (!filing.data) return filing.error ? <ErrorBanner error={filing.error} /> : <Loading />;
  const current = filing.data;
  const statusText: Record<string, string> = {
    'awaiting-receipt': text('待回执', 'Awaiting receipt'),
    acknowledged: text('已备案', 'Filed'),
    returned: text('已退回', 'Returned'),
  };
  return (
    <section className="filing-page" data-testid="filing-page" data-workflow-id={current.workflowId}>
      <p>
        <Link to={governancePath}>← {text('年度计划与备案', 'Annual plans and filings')}</Link>
      </p>
      <header className="page-header">
        <h1>{current.title}</h1>
        <Badge tone={current.status === 'acknowledged' ? 'success' : current.status === 'returned' ? 'warning' : 'info'}>{statusText[current.status] ?? current.status}</Badge>
      </header>
      <div className="card">
        <KeyValueList
          entries={[
            [text('报送时间', 'Filed at'), formatInstant(current.filedAt)],
            [text('回执编号', 'Receipt number'), current.receiptNumber ?? '—'],
            [text('材料摘要（SHA-256）', 'Package digest (SHA-256)'), <code className="digest">{current.packageDigest}</code>],
            ...(current.comment ? ([[text('意见', 'Comment'), current.comment]] as [string, string][]) : []),
          ]}
        />
      </div>
      <div className="card" data-testid="filing-package">
        <h2>{text('备案材料', 'Package')}</h2>
        <LabelledRecord
          record={current.package}
          vocabulary={vocabulary('committee-filing')}
          processLink={can(user, 'process.read') ? processInstanceLink : undefined}
        />
      </div>
    </section>
  );
}
