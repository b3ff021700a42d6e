import { Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import type { User } from '../../../contracts/auth';
import { LanguageToggle } from '../components/language-toggle';
import { Loading } from '../components/loading';
import { useI18n, type MessageKey } from '../lib/i18n';
import { CONSOLE_ROLES, DELIVERY_VIEWER_ROLES, PROCESS_VIEWER_ROLES, WORKLIST_ROLES, hasAnyRole, type Role } from '../lib/roles';
import { useSession } from '../lib/session';
import { routes } from './routes';

/** Who reads inspection plans and records (GET /inspections/plans). */
const INSPECTION_VIEWER_ROLES: readonly Role[] = ['technician', 'tech-supervisor', 'monitoring-operator', 'guard', 'management', 'admin', 'auditor'];
/** Who reaches the supplier registry and procurements (suppliers see their own entry and invitations). */
const PROCUREMENT_VIEWER_ROLES = ['procurement', 'tech-supervisor', 'technician', 'management', 'finance', 'auditor', 'admin', 'vendor'] as const;
/** Who reads annual plans and committee filings (P2.1a–c). */
const GOVERNANCE_ROLES = ['committee-member', 'management', 'tech-supervisor', 'finance', 'auditor', 'admin'] as const;

const NAV_ITEMS: { to: string; label: MessageKey; visible: (user: User) => boolean }[] = [
  { to: routes.worklist, label: 'nav.worklist', visible: (user) => hasAnyRole(user, WORKLIST_ROLES) },
  { to: routes.reportFault, label: 'nav.reportFault', visible: () => true },
  { to: routes.myFaults, label: 'nav.myFaults', visible: () => true },
  { to: routes.processes, label: 'nav.processes', visible: (user) => hasAnyRole(user, PROCESS_VIEWER_ROLES) },
  { to: routes.deliveries, label: 'nav.deliveries', visible: (user) => hasAnyRole(user, DELIVERY_VIEWER_ROLES) },
  { to: routes.supplierEvaluations, label: 'nav.supplierEvaluations', visible: (user) => hasAnyRole(user, DELIVERY_VIEWER_ROLES) },
  { to: routes.inspections, label: 'nav.inspections', visible: (user) => hasAnyRole(user, INSPECTION_VIEWER_ROLES) },
  { to: routes.suppliers, label: 'nav.suppliers', visible: (user) => hasAnyRole(user, PROCUREMENT_VIEWER_ROLES) },
  { to: routes.procurements, label: 'nav.procurements', visible: (user) => hasAnyRole(user, PROCUREMENT_VIEWER_ROLES) },
  { to: routes.console, label: 'nav.console', visible: (user) => hasAnyRole(user, CONSOLE_ROLES) },
  { to: routes.accessControl, label: 'nav.accessControl', visible: (user) => hasAnyRole(user, ['admin', 'guard', 'security-supervisor', 'management', 'hr', 'auditor', 'owner']) },
  { to: routes.ownerVotes, label: 'nav.ownerVotes', visible: (user) => hasAnyRole(user, ['owner']) },
  { to: routes.governance, label: 'nav.governance', visible: (user) => hasAnyRole(user, GOVERNANCE_ROLES) },
  { to: routes.accessLog, label: 'nav.accessLog', visible: (user) => hasAnyRole(user, ['auditor', 'admin', 'security-supervisor']) },
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
