import { RouterProvider } from 'react-router';
import { I18nProvider } from '../lib/i18n';
import { router } from './router';
import { SessionProvider } from './session-provider';

export function App() {
  return (
    <I18nProvider>
      <SessionProvider>
        <RouterProvider router={router} />
      </SessionProvider>
    </I18nProvider>
  );
}
