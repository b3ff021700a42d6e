import { useState, type FormEvent, type InputHTMLAttributes } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import type { User } from '../../../../../contracts/auth';
import { ErrorBanner } from '../../../components/error-banner';
import { FormField } from '../../../components/form-field';
import { LanguageToggle } from '../../../components/language-toggle';
import { ApiError } from '../../../lib/api-client';
import { useI18n } from '../../../lib/i18n';
import { useSession } from '../../../lib/session';
import { useAction } from '../../../lib/use-action';
import { forgotPassword, signIn } from '../api/auth-api';
import { useAuthText } from '../text';

/** Sign-in; afterwards go back where the user came from, else to their home page (homeFor). */
export function LoginPage({ homeFor, changePasswordPath }: { homeFor: (user: User) => string; changePasswordPath: string }) {
  const { t } = useI18n();
  const { user, setUser } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const { from, ended } = (location.state as { from?: string; ended?: boolean } | null) ?? {};
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { error, busy: submitting, run } = useAction();

  if (user && !submitting) return <Navigate to={from ?? homeFor(user)} replace />;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void run(async () => {
      try {
        const signedIn = await signIn({ username: username.trim(), password });
        setUser(signedIn);
        void navigate(from ?? homeFor(signedIn), { replace: true });
      } catch (failure) {
        // A one-time password from a reset: signed in to change it, and to nothing else until then.
        if (failure instanceof ApiError && failure.code === 'auth.must-change-password') void navigate(changePasswordPath, { state: { mustChange: true } });
        else throw failure;
      }
    });
  }

  return (
    <main className="login-page">
      <div className="login-language">
        <LanguageToggle />
      </div>
      <form className="card login-card" onSubmit={handleSubmit}>
        <h1>{t('app.name')}</h1>
        <h2>{t('login.title')}</h2>
        {error instanceof ApiError && error.failure === 'problem' && (error.status === 401 || error.status === 429) ? (
          // Wrong credentials or a lockout: the API's detail (in the UI's language) says it all.
          <div className="banner banner-error" role="alert" data-status={error.status}>
            {error.detail}
          </div>
        ) : (
          <ErrorBanner error={error} />
        )}
        {ended && !error && (
          <p className="banner banner-info" role="status" data-testid="session-ended">
            {t('login.sessionEnded')}
          </p>
        )}
        <SignInField id="username" label={t('login.username')} autoComplete="username" value={username} onChange={(event) => setUsername(event.target.value)} autoFocus />
        <SignInField id="password" label={t('login.password')} type="password" autoComplete="current-password" value={password} onChange={(event) => setPassword(event.target.value)} />
        <button type="submit" className="button-primary" disabled={submitting} data-testid="sign-in">
          {t('login.submit')}
        </button>
      </form>
      <ForgotPassword />
    </main>
  );
}

/** A required sign-in field, named as its id so the browser's password manager recognises it. */
function SignInField({ id, label, ...input }: { id: string; label: string } & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name' | 'required'>) {
  return (
    <FormField id={id} label={label} required>
      <input id={id} name={id} required {...input} />
    </FormField>
  );
}

/** "Forgot password": asks the administrators to reset it (they check who is asking); the answer is the same for anyone. */
function ForgotPassword() {
  const text = useAuthText();
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [sent, setSent] = useState(false);
  const { error, busy, run } = useAction();

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void run(async () => {
      await forgotPassword(username.trim());
      setSent(true);
    });
  }

  return (
    <details className="card login-card" data-testid="forgot-password">
      <summary>{text('forgot')}</summary>
      {sent ? (
        <p className="banner banner-info" role="status" data-testid="forgot-password-sent">
          {text('forgotSent')}
        </p>
      ) : (
        <form onSubmit={handleSubmit}>
          <p>{text('forgotIntro')}</p>
          <ErrorBanner error={error} />
          <SignInField id="forgot-username" label={t('login.username')} autoComplete="username" value={username} onChange={(event) => setUsername(event.target.value)} />
          <button type="submit" className="button-secondary" disabled={busy} data-testid="forgot-password-submit">
            {text('forgotSubmit')}
          </button>
        </form>
      )}
    </details>
  );
}
