import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import type { User } from '../../../../../contracts/auth';
import { ErrorBanner } from '../../../components/error-banner';
import { FormField } from '../../../components/form-field';
import { LanguageToggle } from '../../../components/language-toggle';
import { ApiError } from '../../../lib/api-client';
import { useSession } from '../../../lib/session';
import { useAction } from '../../../lib/use-action';
import { changePassword, fetchCurrentUser } from '../api/auth-api';
import { useAuthText } from '../text';

/**
 * Changing one's own password, with its rules shown: from the user menu, or straight after signing in with a
 * one-time password (a reset), when it is the only thing the session may do; then on to the user's home page.
 */
export function ChangePasswordPage({ homeFor, loginPath }: { homeFor: (user: User) => string; loginPath: string }) {
  const text = useAuthText();
  const { user, setUser } = useSession();
  const navigate = useNavigate();
  const forced = Boolean((useLocation().state as { mustChange?: boolean } | null)?.mustChange);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const { error, busy, run } = useAction();
  const mismatch = again !== '' && again !== next;
  const fieldErrors = error instanceof ApiError ? error.errors : [];
  const errorOf = (field: string) => fieldErrors.filter((problem) => problem.field === field || problem.field === `body.${field}`).map((problem) => problem.message).join('; ') || undefined;

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (mismatch) return;
    void run(async () => {
      await changePassword(current, next);
      const signedIn = await fetchCurrentUser();
      setUser(signedIn);
      void navigate(signedIn ? homeFor(signedIn) : loginPath, { replace: true });
    });
  }

  return (
    <main className="login-page">
      <div className="login-language">
        <LanguageToggle />
      </div>
      <form className="card login-card" onSubmit={handleSubmit} data-testid="change-password-form">
        <h1>{text('changePassword')}</h1>
        {forced && (
          <p className="banner banner-info" role="status" data-testid="must-change-password">
            {text('mustChange')}
          </p>
        )}
        <ErrorBanner error={error} />
        <FormField id="current-password" label={text('currentPassword')} error={errorOf('currentPassword')} required>
          <input id="current-password" name="current-password" type="password" autoComplete="current-password" value={current} onChange={(event) => setCurrent(event.target.value)} required autoFocus />
        </FormField>
        <FormField id="new-password" label={text('newPassword')} error={errorOf('newPassword')} required>
          <input id="new-password" name="new-password" type="password" autoComplete="new-password" value={next} onChange={(event) => setNext(event.target.value)} required aria-describedby="password-rules" />
        </FormField>
        <FormField id="confirm-password" label={text('confirmPassword')} error={mismatch ? text('mismatch') : undefined} required>
          <input id="confirm-password" name="confirm-password" type="password" autoComplete="new-password" value={again} onChange={(event) => setAgain(event.target.value)} required />
        </FormField>
        <div id="password-rules" data-testid="password-rules">
          <strong>{text('rules')}</strong>
          <ul>
            <li>{text('ruleLength')}</li>
            <li>{text('ruleNotUsername')}</li>
            <li>{text('ruleHint')}</li>
          </ul>
        </div>
        <button type="submit" className="button-primary" disabled={busy || mismatch} data-testid="save-password">
          {text('save')}
        </button>
        <p>{user ? <Link to={homeFor(user)}>{text('back')}</Link> : <Link to={loginPath}>{text('signInAgain')}</Link>}</p>
      </form>
    </main>
  );
}
