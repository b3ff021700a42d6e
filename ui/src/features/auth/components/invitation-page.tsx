import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorBanner } from '../../../components/error-banner';
import { FormField } from '../../../components/form-field';
import { LanguageToggle } from '../../../components/language-toggle';
import { Loading } from '../../../components/loading';
import { ApiError } from '../../../lib/api-client';
import { useI18n } from '../../../lib/i18n';
import { useAction } from '../../../lib/use-action';
import { useApiResource } from '../../../lib/use-api-resource';
import { acceptInvitation, getInvitation } from '../api/auth-api';
import { useAuthText } from '../text';

/** A new owner opens their invitation's one-time link and chooses the username and password of their portal account. */
export function InvitationPage({ loginPath }: { loginPath: string }) {
  const { token = '' } = useParams();
  const text = useAuthText();
  const { formatDateTime } = useI18n();
  const invitation = useApiResource((signal) => getInvitation(token, signal), [token]);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [made, setMade] = useState(false);
  const { error, busy, run } = useAction();
  const mismatch = again !== '' && again !== password;
  const errorOf = (field: string) => (error instanceof ApiError ? error.errors.filter((problem) => problem.field === field).map((problem) => problem.message).join('; ') : '') || undefined;

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (mismatch) return;
    void run(async () => {
      await acceptInvitation(token, username.trim().toLowerCase(), password);
      setMade(true);
    });
  }

  return (
    <main className="login-page">
      <div className="login-language">
        <LanguageToggle />
      </div>
      <form className="card login-card" onSubmit={handleSubmit} data-testid="invitation-form">
        <h1>{text('invitation')}</h1>
        <ErrorBanner error={invitation.error ?? error} />
        {invitation.loading && <Loading />}
        {made && (
          <p className="banner banner-info" role="status" data-testid="invitation-accepted">
            {text('accountMade')} <Link to={loginPath}>{text('signIn')}</Link>
          </p>
        )}
        {invitation.data && !made && (
          <>
            <p>{text('invitationFor', { name: invitation.data.ownerName, until: formatDateTime(invitation.data.expiresAt) })}</p>
            <FormField id="invitation-username" label={text('username')} error={errorOf('username')} help={text('usernameHint')} required>
              <input id="invitation-username" name="username" autoComplete="username" value={username} onChange={(event) => setUsername(event.target.value)} required />
            </FormField>
            <FormField id="invitation-password" label={text('newPassword')} error={errorOf('newPassword')} help={text('ruleLength')} required>
              <input id="invitation-password" name="new-password" type="password" autoComplete="new-password" value={password} onChange={(event) => setPassword(event.target.value)} required />
            </FormField>
            <FormField id="invitation-confirm" label={text('confirmPassword')} error={mismatch ? text('mismatch') : undefined} required>
              <input id="invitation-confirm" name="confirm-password" type="password" autoComplete="new-password" value={again} onChange={(event) => setAgain(event.target.value)} required />
            </FormField>
            <button type="submit" className="button-primary" disabled={busy || mismatch} data-testid="accept-invitation">
              {text('createAccount')}
            </button>
          </>
        )}
      </form>
    </main>
  );
}
