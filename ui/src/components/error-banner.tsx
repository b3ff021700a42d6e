import { ApiError } from '../lib/api-client';
import { useI18n, type I18n } from '../lib/i18n';

const isTimeout = (error: unknown) => (error instanceof ApiError && error.failure === 'timeout') || (error instanceof DOMException && error.name === 'TimeoutError');

/**
 * What went wrong and what to do next, in the UI's language: the API's own problem (already in it, as
 * Accept-Language asked), else what happened on the way (no connection, no answer in time, a bare error).
 */
function describe(error: unknown, t: I18n['t']): { title: string; detail: string | null } {
  if (error instanceof ApiError && error.failure === 'problem') return { title: error.title, detail: error.detail };
  if (isTimeout(error)) return { title: t('error.timeout'), detail: t('error.timeoutNext') };
  if (error instanceof ApiError && error.failure === 'network') return { title: t('error.network'), detail: t('error.networkNext') };
  if (error instanceof ApiError) return { title: t('error.http', { status: error.status }), detail: t('error.unexpectedNext') };
  return { title: t('common.error'), detail: t('error.unexpectedNext') };
}

/** Shows an API (problem+json) or other error; optionally lists field errors no form field claimed. */
export function ErrorBanner({ error, unclaimedFieldErrors }: { error: unknown; unclaimedFieldErrors?: string[] }) {
  const { t } = useI18n();
  if (!error) return null;
  const { title, detail } = describe(error, t);
  return (
    <div className="banner banner-error" role="alert" data-status={error instanceof ApiError ? error.status : undefined}>
      <strong>{title}</strong>
      {detail && <span> — {detail}</span>}
      {unclaimedFieldErrors && unclaimedFieldErrors.length > 0 && (
        <ul>
          {unclaimedFieldErrors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
