import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { DEPARTMENT_LABELS } from '../../../../../contracts/labels';
import type { FeedbackDetail } from '../../../../../contracts/owner-feedback';
import { ErrorBanner } from '../../../components/error-banner';
import { FormField } from '../../../components/form-field';
import { KeyValueList } from '../../../components/key-value-list';
import { Loading } from '../../../components/loading';
import { fieldErrorsByName } from '../../../lib/api-client';
import { useI18n } from '../../../lib/i18n';
import { useNotifications } from '../../../lib/notification-stream';
import { useTaskEvents } from '../../../lib/task-stream';
import { useAction } from '../../../lib/use-action';
import { useApiResource } from '../../../lib/use-api-resource';
import { answerConfirmation, feedbackPhotoUrl, findConfirmation, getFeedback } from '../api/feedback-api';
import { useFeedbackText } from '../messages';
import { FeedbackState } from './my-feedback-page';

/** The owner confirms and rates the resolution, or reopens it saying what is still wrong (their confirmation task). */
function ConfirmationForm({ taskId, onAnswered }: { taskId: string; onAnswered: () => void }) {
  const text = useFeedbackText();
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const answering = useAction();

  function answer(confirmed: boolean) {
    setFieldErrors({});
    void answering.run(async () => {
      try {
        await answerConfirmation(taskId, { confirmed, ...(rating > 0 && confirmed ? { rating } : {}), ...(comment.trim() ? { comment: comment.trim() } : {}) });
        onAnswered();
      } catch (failure) {
        setFieldErrors(fieldErrorsByName(failure, ['payload']));
        throw failure;
      }
    });
  }

  return (
    <form className="card" data-testid="feedback-confirmation" onSubmit={(event: FormEvent) => event.preventDefault()} noValidate>
      <h2>{text('confirmTitle')}</h2>
      <p className="muted">{text('confirmIntro')}</p>
      <ErrorBanner error={answering.error} />
      <FormField id="rating" label={text('ratingLabel')} error={fieldErrors.rating}>
        <div className="star-picker" role="radiogroup" id="rating">
          {[1, 2, 3, 4, 5].map((stars) => (
            <label key={stars} className={`star${stars <= rating ? ' star-on' : ''}`}>
              <input type="radio" name="rating" value={stars} checked={rating === stars} onChange={() => setRating(stars)} aria-label={text('stars', { n: stars })} />
              ★
            </label>
          ))}
        </div>
      </FormField>
      <FormField id="comment" label={text('comment')} help={text('commentHintReopen')} error={fieldErrors.comment}>
        <textarea id="comment" name="comment" rows={3} value={comment} onChange={(event) => setComment(event.target.value)} />
      </FormField>
      <div className="form-actions stacked-actions">
        <button type="button" className="button button-primary" disabled={answering.busy} onClick={() => answer(true)} data-testid="confirm-feedback">
          {text('confirm')}
        </button>
        <button type="button" className="button" disabled={answering.busy} onClick={() => answer(false)} data-testid="reopen-feedback">
          {text('reopen')}
        </button>
      </div>
    </form>
  );
}

/** A feedback's page: what the owner sent, every reply and follow-up in order, and their confirmation when it is due. */
export function FeedbackPage({ myFeedbackPath }: { myFeedbackPath: string }) {
  const { workflowId = '' } = useParams();
  const { formatDateTime, language } = useI18n();
  const text = useFeedbackText();
  const feedback = useApiResource((signal) => getFeedback(workflowId, signal), [workflowId]);
  const confirmation = useApiResource((signal) => findConfirmation(workflowId, signal), [workflowId]);
  const reload = () => {
    feedback.reload();
    confirmation.reload();
  };
  // A reply reaches the owner as a notification, their confirmation as a task: either brings the page up to date.
  useNotifications((notification) => {
    if (notification.workflowId === workflowId) reload();
  });
  useTaskEvents((task) => {
    if (task.workflowId === workflowId) reload();
  }, reload);

  if (!feedback.data) return feedback.error ? <ErrorBanner error={feedback.error} /> : <Loading />;
  const detail: FeedbackDetail = feedback.data;
  const place = [detail.place.buildingName, detail.place.unitNumber].filter(Boolean).join(' · ');

  return (
    <section className="narrow-page feedback-page" data-status={detail.status}>
      <p>
        <Link to={myFeedbackPath}>{text('back')}</Link>
      </p>
      <header className="page-header">
        <h1>
          {text(`category.${detail.category}`)}：{detail.text.slice(0, 30)}
        </h1>
        <FeedbackState feedback={detail} />
      </header>

      {detail.mine && confirmation.data && <ConfirmationForm key={confirmation.data.id} taskId={confirmation.data.id} onAnswered={reload} />}

      <div className="card">
        <KeyValueList
          entries={[
            [text('category'), text(`category.${detail.category}`)],
            [text('submittedAt'), formatDateTime(detail.submittedAt)],
            [text('place'), place],
            [text('department'), DEPARTMENT_LABELS[detail.department][language]],
            [text('text'), <span className="prewrap">{detail.text}</span>],
            ...(detail.rating !== null ? [[text('rating'), <span data-testid="feedback-rating">{'★'.repeat(detail.rating)}</span>] as [string, ReactNode]] : []),
          ]}
        />
        {detail.photoIds.length > 0 && (
          <div className="photo-row">
            {detail.photoIds.map((photoId, index) => (
              <img key={photoId} className="photo-preview" src={feedbackPhotoUrl(detail.workflowId, photoId)} alt={text('photo', { n: index + 1 })} />
            ))}
          </div>
        )}
      </div>

      <div className="card">
        <h2>{text('thread')}</h2>
        {detail.thread.length === 0 ? (
          <p className="muted">{text('noReplies')}</p>
        ) : (
          <ol className="feedback-thread" data-testid="feedback-thread">
            {detail.thread.map((message) => (
              <li key={message.id} className={`thread-message thread-${message.side}`} data-kind={message.kind}>
                <small className="muted">
                  {text(`kind.${message.kind}`)} · {message.side === 'owner' ? text('you') : `${text('staff')} ${message.authorName}`} · {formatDateTime(message.at)}
                </small>
                {message.text && <p className="prewrap">{message.text}</p>}
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
