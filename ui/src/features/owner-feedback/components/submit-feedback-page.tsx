import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import type { FeedbackRequest } from '../../../../../contracts/owner-feedback';
import { FEEDBACK_CATEGORIES, type FeedbackCategory } from '../../../../../contracts/vocabulary';
import { ErrorBanner } from '../../../components/error-banner';
import { FormField } from '../../../components/form-field';
import { Loading } from '../../../components/loading';
import { fieldErrorsByName } from '../../../lib/api-client';
import { MAX_PHOTO_BYTES, readAsDataUrl } from '../../../lib/files';
import { useI18n } from '../../../lib/i18n';
import { withoutKey } from '../../../lib/records';
import { useApiResource } from '../../../lib/use-api-resource';
import { newUuid } from '../../../lib/uuid';
import { getPlaces, submitFeedback } from '../api/feedback-api';
import { useFeedbackText } from '../messages';

const MAX_PHOTOS = 3;

/** An owner's complaint, inquiry or suggestion (P4.1a–b): category, place, what happened, photos. */
export function SubmitFeedbackPage({ feedbackLink }: { feedbackLink: (workflowId: string) => string }) {
  const { t } = useI18n();
  const text = useFeedbackText();
  const navigate = useNavigate();
  const places = useApiResource((signal) => getPlaces(signal), []);
  /** One id per form, so a retried submission is the same feedback. */
  const [feedbackId] = useState(newUuid);
  const [category, setCategory] = useState<FeedbackCategory | ''>('');
  const [buildingChoice, setBuildingChoice] = useState('');
  const [unitId, setUnitId] = useState('');
  const [body, setBody] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  const reference = places.data;
  const buildingId = buildingChoice || (reference?.buildings.length === 1 ? reference.buildings[0]!.id : '');
  const building = reference?.buildings.find((candidate) => candidate.id === buildingId);
  const clear = (...fields: string[]) => setFieldErrors((current) => withoutKey(current, ...fields));

  async function handlePhotos(event: ChangeEvent<HTMLInputElement>) {
    const files = [...(event.target.files ?? [])];
    clear('photos');
    if (files.length > MAX_PHOTOS) {
      event.target.value = '';
      setPhotos([]);
      setFieldErrors((current) => ({ ...current, photos: text('tooManyPhotos') }));
      return;
    }
    if (files.some((file) => file.size > MAX_PHOTO_BYTES)) {
      event.target.value = '';
      setPhotos([]);
      setFieldErrors((current) => ({ ...current, photos: text('photoTooLarge') }));
      return;
    }
    setPhotos(await Promise.all(files.map(readAsDataUrl)));
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!category) problems.category = t('form.required');
    if (!buildingId) problems.buildingId = t('form.required');
    if (!body.trim()) problems.text = t('form.required');
    if (Object.keys(problems).length > 0) {
      setFieldErrors(problems);
      setError(new Error(t('form.fixErrors')));
      return;
    }
    const request: FeedbackRequest = {
      feedbackId,
      category: category as FeedbackCategory,
      text: body.trim(),
      place: { buildingId, ...(unitId && { unitId }) },
      photos,
    };
    setSubmitting(true);
    setError(null);
    try {
      void navigate(feedbackLink(await submitFeedback(request)));
    } catch (failure) {
      setError(failure);
      setFieldErrors(fieldErrorsByName(failure, ['place']));
    } finally {
      setSubmitting(false);
    }
  }

  if (!reference) return places.error ? <ErrorBanner error={places.error} /> : <Loading />;

  return (
    <section className="narrow-page">
      <h1>{text('newTitle')}</h1>
      <p className="muted">{text('newIntro')}</p>
      <form className="card" onSubmit={handleSubmit} noValidate data-testid="feedback-form">
        <ErrorBanner error={error} />
        <FormField id="category" label={text('category')} error={fieldErrors.category} required>
          <div className="choice-row" role="radiogroup" id="category">
            {FEEDBACK_CATEGORIES.map((option) => (
              <label key={option} className="choice">
                <input
                  type="radio"
                  name="category"
                  value={option}
                  checked={category === option}
                  onChange={() => {
                    setCategory(option);
                    clear('category');
                  }}
                />
                {text(`category.${option}`)}
              </label>
            ))}
          </div>
        </FormField>
        <FormField id="buildingId" label={text('building')} error={fieldErrors.buildingId} required>
          <select
            id="buildingId"
            name="buildingId"
            value={buildingId}
            onChange={(event) => {
              setBuildingChoice(event.target.value);
              setUnitId('');
              clear('buildingId', 'unitId');
            }}
          >
            <option value="">{t('common.select')}</option>
            {reference.buildings.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.name}
              </option>
            ))}
          </select>
        </FormField>
        <FormField id="unitId" label={`${text('unit')} ${t('common.optional')}`} error={fieldErrors.unitId}>
          <select
            id="unitId"
            name="unitId"
            value={unitId}
            disabled={!building}
            onChange={(event) => {
              setUnitId(event.target.value);
              clear('unitId');
            }}
          >
            <option value="">{text('commonArea')}</option>
            {(building?.units ?? []).map((unit) => (
              <option key={unit.id} value={unit.id}>
                {unit.number}
              </option>
            ))}
          </select>
        </FormField>
        <FormField id="text" label={text('text')} error={fieldErrors.text} required>
          <textarea
            id="text"
            name="text"
            rows={5}
            placeholder={text('textHint')}
            value={body}
            onChange={(event) => {
              setBody(event.target.value);
              clear('text');
            }}
          />
        </FormField>
        <FormField id="photos" label={`${text('photos')} ${t('common.optional')}`} error={fieldErrors.photos}>
          <input id="photos" name="photos" type="file" accept="image/png,image/jpeg,image/webp" multiple onChange={handlePhotos} />
        </FormField>
        {photos.length > 0 && (
          <div className="photo-row">
            {photos.map((photo, index) => (
              <img key={index} className="photo-preview" src={photo} alt={text('photo', { n: index + 1 })} />
            ))}
          </div>
        )}
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={submitting} data-testid="submit-feedback">
            {text('submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
