import { Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { LanguageToggle } from '../components/language-toggle';
import { Loading } from '../components/loading';
import { useI18n, type MessageKey } from '../lib/i18n';
import { PROCESS_VIEWER_ROLES, WORKLIST_ROLES, hasAnyRole } from '../lib/roles';
import { useSession } from '../lib/session';
import type { User } from '../types/api';
import { routes } from './routes';

const NAV_ITEMS: { to: string; label: MessageKey; visible: (user: User) => boolean }[] = [
  { to: routes.worklist, label: 'nav.worklist', visible: (user) => hasAnyRole(user, WORKLIST_ROLES) },
  { to: routes.reportFault, label: 'nav.reportFault', visible: () => true },
  { to: routes.myFaults, label: 'nav.myFaults', visible: () => true },
  { to: routes.processes, label: 'nav.processes', visible: (user) => hasAnyRole(user, PROCESS_VIEWER_ROLES) },
];

/** The signed-in shell: header with role-based nav, language toggle and sign-out. */
export function AppLayout() {
  const { t } = useI18n();
  const { user, signOut } = useSession();
  const location = useLocation();
  const navigate = useNavigate();

  if (user === undefined) return <Loading />;
  if (user === null) {
    return <Navigate to={routes.login} replace state={{ from: location.pathname + location.search }} />;
  }

  async function handleSignOut() {
    await signOut();
    void navigate(routes.login, { replace: true });
  }

  return (
    <div className="app-shell">
      <header className="app-header">
        <NavLink to={routes.home} className="brand">
          {t('app.name')}
        </NavLink>
        <nav aria-label={t('nav.main')} className="main-nav">
          {NAV_ITEMS.filter((item) => item.visible(user)).map((item) => (
            <NavLink key={item.to} to={item.to} end={item.to === routes.reportFault}>
              {t(item.label)}
            </NavLink>
          ))}
        </nav>
        <div className="header-tools">
          <span className="current-user" data-testid="current-user">
            {user.displayName}
          </span>
          <LanguageToggle />
          <button type="button" className="button-link" onClick={handleSignOut} data-testid="sign-out">
            {t('nav.signOut')}
          </button>
        </div>
      </header>
      <main className="app-main">
        <Outlet />
      </main>
    </div>
  );
}
