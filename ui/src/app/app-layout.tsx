import { useEffect } from 'react';
import { Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { routes } from './routes';
import { LanguageToggle } from '../components/language-toggle';
import { NotificationBell } from '../components/notification-bell';
import { Loading } from '../components/loading';
import { apiRequest } from '../lib/api-client';
import { type MessageKey, type ProcessTitle, useI18n } from '../lib/i18n';
import { useSession } from '../lib/session';
import type { User } from '../../../contracts/auth';
import { can, canOnAny, STAFF_ROLES } from '../../../contracts/permissions';

/** Each page is in the navigation of those who may do the action it is for (contracts/permissions.ts). */
const NAV_ITEMS: { to: string; label: MessageKey; visible: (user: User) => boolean }[] = [
  { to: routes.worklist, label: 'nav.worklist', visible: (user) => can(user, 'worklist.open') },
  // Everyone else who may be given a task (an owner verifying a repair) has the short list of their own.
  { to: routes.myTasks, label: 'nav.myTasks', visible: (user) => !can(user, 'worklist.open') && !canOnAny(user, 'task.read') },
  { to: routes.reportFault, label: 'nav.reportFault', visible: (user) => can(user, 'fault-repair.start') },
  { to: routes.myFaults, label: 'nav.myFaults', visible: (user) => can(user, 'fault-repair.read') },
  // The owner portal's complaints, inquiries and suggestions (P4.1b).
  { to: routes.newFeedback, label: 'nav.newFeedback', visible: (user) => can(user, 'owner-feedback.start') },
  { to: routes.myFeedback, label: 'nav.myFeedback', visible: (user) => can(user, 'owner-feedback.start') },
  { to: routes.processes, label: 'nav.processes', visible: (user) => can(user, 'process.read') },
  { to: routes.deliveries, label: 'nav.deliveries', visible: (user) => can(user, 'project-delivery.read') },
  { to: routes.supplierEvaluations, label: 'nav.supplierEvaluations', visible: (user) => can(user, 'supplier-evaluation.read') },
  { to: routes.inspections, label: 'nav.inspections', visible: (user) => can(user, 'inspection.read') },
  { to: routes.suppliers, label: 'nav.suppliers', visible: (user) => can(user, 'supplier.read') },
  { to: routes.procurements, label: 'nav.procurements', visible: (user) => can(user, 'procurement.read') },
  { to: routes.console, label: 'nav.console', visible: (user) => can(user, 'console.read') },
  // Access readers see everyone's records; an owner comes for their own passes and consent.
  { to: routes.accessControl, label: 'nav.accessControl', visible: (user) => canOnAny(user, 'access.people.read') || can(user, 'visitor-pass.start') },
  // The owner portal: where owners name proxies (and cast and object); a committee member votes there as an owner.
  { to: routes.ownerVotes, label: 'nav.ownerVotes', visible: (user) => can(user, 'owners-vote.proxy') },
  { to: routes.governance, label: 'nav.governance', visible: (user) => can(user, 'governance.read') },
  { to: routes.accessLog, label: 'nav.accessLog', visible: (user) => can(user, 'access-log.alerts.read') },
  // The register's pages are for those who enter its changes (makers); checkers decide in the worklist.
  { to: routes.units, label: 'nav.admin', visible: (user) => can(user, 'data-review.start') },
  { to: routes.residents, label: 'nav.residents', visible: (user) => can(user, 'data-review.start') },
  { to: routes.roster, label: 'nav.roster', visible: (user) => can(user, 'guard-roster.read') },
  { to: routes.staffUsers, label: 'nav.staffUsers', visible: (user) => can(user, 'staff-user.read') },
  { to: routes.backups, label: 'nav.backups', visible: (user) => can(user, 'backup.read') },
  { to: routes.upgrades, label: 'nav.upgrades', visible: (user) => can(user, 'device-upgrade.read') },
  { to: routes.kpis, label: 'nav.kpis', visible: (user) => can(user, 'kpi.read') },
  // Every staff member has a training file (P6.3a); owners and suppliers have none.
  { to: routes.trainingFiles, label: 'nav.training', visible: (user) => user.roles.some((role) => (STAFF_ROLES as readonly string[]).includes(role)) },
];

/** The signed-in shell: header with role-based nav, language toggle and sign-out. */
export function AppLayout() {
  const { t, setProcessTitles } = useI18n();
  const { user, signOut, ended } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const signedIn = Boolean(user);

  useEffect(() => {
    // Without the catalogue a process shows under its name; the screens work on.
    if (signedIn) apiRequest<ProcessTitle[]>('/process-definitions').then(setProcessTitles, () => undefined);
  }, [signedIn, setProcessTitles]);

  if (user === undefined) return <Loading />;
  if (user === null) {
    return <Navigate to={routes.login} replace state={{ from: location.pathname + location.search, ended }} />;
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
            <NavLink key={item.to} to={item.to} end={item.to === routes.reportFault || item.to === routes.newFeedback}>
              {t(item.label)}
            </NavLink>
          ))}
        </nav>
        <div className="header-tools">
          <NotificationBell to={routes.notifications} />
          <span className="current-user" data-testid="current-user">
            {user.displayName}
          </span>
          <NavLink to={routes.changePassword} className="button-link" data-testid="change-password">
            {t('nav.changePassword')}
          </NavLink>
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
