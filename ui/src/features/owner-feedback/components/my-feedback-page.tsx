import { Link } from 'react-router';
import type { FeedbackSummary } from '../../../../../contracts/owner-feedback';
import { ErrorBanner } from '../../../components/error-banner';
import { LoadMoreButton } from '../../../components/load-more-button';
import { Loading } from '../../../components/loading';
import { useI18n } from '../../../lib/i18n';
import { useKeysetList } from '../../../lib/use-keyset-list';
import { listMyFeedback } from '../api/feedback-api';
import { useFeedbackText } from '../messages';

/** Where a feedback stands, in the owner's words. */
export function FeedbackState({ feedback }: { feedback: Pick<FeedbackSummary, 'resolution' | 'currentSteps' | 'status'> }) {
  const text = useFeedbackText();
  if (feedback.resolution) return <span className="badge badge-success">{text(`resolution.${feedback.resolution}`)}</span>;
  if (feedback.currentSteps.includes('confirmResolution')) return <span className="badge badge-warning">{text('status.waiting')}</span>;
  return <span className="badge">{text('status.open')}</span>;
}

/** The feedback the signed-in owner submitted, newest first, as phone-friendly cards. */
export function MyFeedbackPage({ feedbackLink, newFeedbackPath }: { feedbackLink: (workflowId: string) => string; newFeedbackPath: string }) {
  const { formatDateTime } = useI18n();
  const text = useFeedbackText();
  const feedback = useKeysetList((cursor, signal) => listMyFeedback(cursor, signal), []);

  return (
    <section className="narrow-page">
      <header className="page-header">
        <h1>{text('myTitle')}</h1>
        <Link to={newFeedbackPath} className="button button-primary">
          {text('newFeedback')}
        </Link>
      </header>
      <ErrorBanner error={feedback.error} />
      <ul className="card-list">
        {feedback.items.map((item) => (
          <li key={item.workflowId}>
            <Link to={feedbackLink(item.workflowId)} className="card fault-card" data-testid="feedback-card" data-workflow-id={item.workflowId}>
              <strong className="fault-title">
                {text(`category.${item.category}`)}：{item.text.slice(0, 60)}
              </strong>
              <FeedbackState feedback={item} />
              <small className="muted">
                {text('submittedAt')}: {formatDateTime(item.submittedAt)} · {text('replies', { n: item.replies })}
              </small>
            </Link>
          </li>
        ))}
      </ul>
      {feedback.loading && feedback.items.length === 0 && <Loading />}
      {!feedback.loading && !feedback.error && feedback.items.length === 0 && <p className="empty">{text('none')}</p>}
      <LoadMoreButton hasMore={feedback.hasMore} loading={feedback.loading} onLoadMore={feedback.loadMore} />
    </section>
  );
}
