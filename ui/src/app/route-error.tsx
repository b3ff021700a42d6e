import { useRouteError } from 'react-router';
import { ErrorBanner } from '../components/error-banner';
import { useI18n } from '../lib/i18n';

/** A page that failed to render or to load (a script of a new release, say): said in the UI's language, with a way on. */
export function RouteError() {
  const error = useRouteError();
  const { t } = useI18n();
  return (
    <main className="route-error">
      <ErrorBanner error={error} />
      <button type="button" className="button-primary" onClick={() => window.location.reload()}>
        {t('common.reload')}
      </button>
    </main>
  );
}
