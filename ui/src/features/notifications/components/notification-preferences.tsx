import { useEffect, useState, type FormEvent } from 'react';
import { ErrorBanner } from '../../../components/error-banner';
import { FormField } from '../../../components/form-field';
import { Loading } from '../../../components/loading';
import { fieldErrorsByName } from '../../../lib/api-client';
import { useAction } from '../../../lib/use-action';
import { useApiResource } from '../../../lib/use-api-resource';
import { getPreferences, setPreferences, type NotificationChannel } from '../api/notifications-api';
import { useNotificationsText } from '../text';

/** How the user is reached: email, SMS and WeCom each chosen or not (and where), and quiet hours in the community's local time. */
const CHANNELS = [
  ['email', 'byEmail'],
  ['sms', 'bySms'],
  ['wecom', 'byWecom'],
] as const satisfies ReadonlyArray<readonly [NotificationChannel, string]>;

export function NotificationPreferencesForm() {
  const text = useNotificationsText();
  const stored = useApiResource((signal) => getPreferences(signal), []);
  const { error, busy, run } = useAction();
  const [channels, setChannels] = useState<NotificationChannel[]>([]);
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [wecomUserId, setWecomUserId] = useState('');
  const [quietFrom, setQuietFrom] = useState('');
  const [quietTo, setQuietTo] = useState('');
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (!stored.data) return;
    setChannels(stored.data.channels);
    setEmail(stored.data.email ?? '');
    setPhone(stored.data.phone ?? '');
    setWecomUserId(stored.data.wecomUserId ?? '');
    setQuietFrom(stored.data.quietFrom ?? '');
    setQuietTo(stored.data.quietTo ?? '');
  }, [stored.data]);

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    void run(async () => {
      await setPreferences({ channels, email: email.trim() || null, phone: phone.trim() || null, wecomUserId: wecomUserId.trim() || null, quietFrom: quietFrom || null, quietTo: quietTo || null });
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
      <fieldset>
        <legend>{text('channels')}</legend>
        {CHANNELS.map(([channel, label]) => (
          <label key={channel}>
            <input
              type="checkbox"
              name={`by-${channel}`}
              checked={channels.includes(channel)}
              onChange={(event) => setChannels((chosen) => (event.target.checked ? [...chosen, channel] : chosen.filter((each) => each !== channel)))}
            />{' '}
            {text(label)}
          </label>
        ))}
      </fieldset>
      <FormField id="notification-email" name="email" label={text('email')} error={errors.email}>
        <input id="notification-email" type="email" value={email} onChange={(event) => setEmail(event.target.value)} autoComplete="email" />
      </FormField>
      <FormField id="notification-phone" name="phone" label={text('phone')} error={errors.phone}>
        <input id="notification-phone" type="tel" inputMode="numeric" value={phone} onChange={(event) => setPhone(event.target.value)} autoComplete="tel-national" />
      </FormField>
      <FormField id="notification-wecom" name="wecomUserId" label={text('wecomUserId')} error={errors.wecomUserId}>
        <input id="notification-wecom" value={wecomUserId} onChange={(event) => setWecomUserId(event.target.value)} autoComplete="off" />
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
