import { useState, type FormEvent } from 'react';
import { ErrorBanner } from '../../../components/error-banner';
import { useI18n } from '../../../lib/i18n';
import { useAction } from '../../../lib/use-action';
import { rateFault } from '../api/faults-api';

const STARS = [1, 2, 3, 4, 5] as const;

export function StarRating({ rating }: { rating: number }) {
  const { t } = useI18n();
  return (
    <span className="stars" role="img" aria-label={t('fault.stars', { n: rating })} data-rating={rating}>
      {STARS.map((star) => (star <= rating ? '★' : '☆')).join('')}
    </span>
  );
}

/** 1–5 stars and an optional comment for a closed fault. */
export function RatingForm({ workflowId, onRated }: { workflowId: string; onRated: (rating: number) => void }) {
  const { t } = useI18n();
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const { error, busy: submitting, run } = useAction();

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (rating < 1) return;
    void run(async () => onRated(await rateFault(workflowId, rating, comment.trim() || undefined)));
  }

  return (
    <form className="rating-form" onSubmit={handleSubmit} data-testid="rating-form">
      <ErrorBanner error={error} />
      <fieldset className="star-picker">
        <legend>{t('fault.rateTitle')}</legend>
        {STARS.map((star) => (
          <label key={star} className={star <= rating ? 'star on' : 'star'} title={t('fault.stars', { n: star })}>
            <input
              type="radio"
              name="rating"
              value={star}
              checked={rating === star}
              onChange={() => setRating(star)}
              aria-label={t('fault.stars', { n: star })}
            />
            <span aria-hidden="true">★</span>
          </label>
        ))}
      </fieldset>
      <label htmlFor="rating-comment">{t('fault.ratingComment')}</label>
      <textarea id="rating-comment" name="comment" rows={3} value={comment} onChange={(event) => setComment(event.target.value)} />
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={submitting || rating < 1} data-testid="submit-rating">
          {t('fault.submitRating')}
        </button>
      </div>
    </form>
  );
}
