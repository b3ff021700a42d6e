import { ApiError } from '../lib/api-client';
import { useI18n } from '../lib/i18n';

/** Shows an API (problem+json) or other error; optionally lists field errors no form field claimed. */
export function ErrorBanner({ error, unclaimedFieldErrors }: { error: unknown; unclaimedFieldErrors?: string[] }) {
  const { t } = useI18n();
  if (!error) return null;
  const title = error instanceof ApiError ? error.title : t('common.error');
  const detail = error instanceof ApiError ? error.detail : error instanceof Error ? error.message : String(error);
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
