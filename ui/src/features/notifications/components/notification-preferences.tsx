import { useEffect, useState, type FormEvent } from 'react';
import { ErrorBanner } from '../../../components/error-banner';
import { FormField } from '../../../components/form-field';
import { Loading } from '../../../components/loading';
import { fieldErrorsByName } from '../../../lib/api-client';
import { useAction } from '../../../lib/use-action';
import { useApiResource } from '../../../lib/use-api-resource';
import { getPreferences, setPreferences } from '../api/notifications-api';
import { useNotificationsText } from '../text';

/** How the user is reached: email or not (and where), and quiet hours in the community's local time. */
export function NotificationPreferencesForm() {
  const text = useNotificationsText();
  const stored = useApiResource((signal) => getPreferences(signal), []);
  const { error, busy, run } = useAction();
  const [byEmail, setByEmail] = useState(false);
  const [email, setEmail] = useState('');
  const [quietFrom, setQuietFrom] = useState('');
  const [quietTo, setQuietTo] = useState('');
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (!stored.data) return;
    setByEmail(stored.data.channels.includes('email'));
    setEmail(stored.data.email ?? '');
    setQuietFrom(stored.data.quietFrom ?? '');
    setQuietTo(stored.data.quietTo ?? '');
  }, [stored.data]);

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    void run(async () => {
      await setPreferences({ channels: byEmail ? ['email'] : [], email: email.trim() || null, quietFrom: quietFrom || null, quietTo: quietTo || null });
      setSaved(true);
    });
  }

  // The form shows once the stored choices are in: a field typed in before would be overwritten by them.
  if (!stored.data) return stored.error ? <ErrorBanner error={stored.error} /> : <Loading />;
  const errors = fieldErrorsByName(error);
  return (
    <form className="card" onSubmit={submit} noValidate data-testid="notification-preferences">
      <h2>{text('preferences')}</h2>
      <p className="muted">{text('preferencesNote')}</p>
      <ErrorBanner error={error} />
      <label>
        <input type="checkbox" name="by-email" checked={byEmail} onChange={(event) => setByEmail(event.target.checked)} /> {text('byEmail')}
      </label>
      <FormField id="notification-email" name="email" label={text('email')} error={errors.email}>
        <input id="notification-email" type="email" value={email} onChange={(event) => setEmail(event.target.value)} autoComplete="email" />
      </FormField>
      <fieldset>
        <legend>{text('quietHours')}</legend>
        <FormField id="quiet-from" name="quietFrom" label={text('quietFrom')} error={errors.quietFrom}>
          <input id="quiet-from" type="time" value={quietFrom} onChange={(event) => setQuietFrom(event.target.value)} />
        </FormField>
        <FormField id="quiet-to" name="quietTo" label={text('quietTo')} error={errors.quietTo}>
          <input id="quiet-to" type="time" value={quietTo} onChange={(event) => setQuietTo(event.target.value)} />
        </FormField>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={busy} data-testid="save-preferences">
          {text('save')}
        </button>
        {saved && (
          <span role="status" data-testid="preferences-saved">
            {text('saved')}
          </span>
        )}
      </div>
    </form>
  );
}
