import type { ReactNode } from 'react';
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { can, canOnAny } from '../../../contracts/permissions';
import { Loading } from '../components/loading';
import { useCurrentUser } from '../lib/session';
import { AppLayout } from './app-layout';
import { RouteError } from './route-error';
import { homePathFor, links, myTasksPathFor, routes, taskLinkFor } from './routes';

/** Where this user does a task (an alarm's steps on one screen), for every page that links to tasks. */
const useTaskLink = () => taskLinkFor(useCurrentUser());

/** Repairs are links for those who may open any repair (a guard on the console may not). */
const useFaultLink = () => (canOnAny(useCurrentUser(), 'fault-repair.read') ? links.fault : undefined);

/**
 * A route whose page is a chunk of its own, fetched when the route is first matched (at start, the page opened):
 * the main script holds only the shell (React, the router, the layout), so a phone evaluates the page it opens and
 * no other. `render` is the page with its links handed in. Until it arrives, the layout shows 加载中… in its place.
 */
const page = (path: string, render: () => Promise<() => ReactNode>): RouteObject => ({
  path,
  HydrateFallback: Loading,
  lazy: async () => ({ Component: await render() }),
});

function HomeRedirect() {
  return <Navigate to={homePathFor(useCurrentUser())} replace />;
}

/** Features never import each other: the links between their pages are handed in here. */
export const router = createBrowserRouter([
  {
    ...page(routes.login, async () => {
      const { LoginPage } = await import('../features/auth/components/login-page');
      return () => <LoginPage homeFor={homePathFor} changePasswordPath={routes.changePassword} />;
    }),
    errorElement: <RouteError />,
  },
  {
    // Outside the signed-in shell: after a reset, changing the password is all a session may do.
    ...page(routes.changePassword, async () => {
      const { ChangePasswordPage } = await import('../features/auth/components/change-password-page');
      return () => <ChangePasswordPage homeFor={homePathFor} loginPath={routes.login} />;
    }),
    errorElement: <RouteError />,
  },
  {
    // Outside the signed-in shell: a new owner has no account until this page makes it.
    ...page(routes.invitation, async () => {
      const { InvitationPage } = await import('../features/auth/components/invitation-page');
      return () => <InvitationPage loginPath={routes.login} />;
    }),
    errorElement: <RouteError />,
  },
  {
    element: <AppLayout />,
    errorElement: <RouteError />,
    children: [
      { path: routes.home, element: <HomeRedirect /> },
      page(routes.worklist, async () => {
        const [{ WorklistPage }, { RecoveredOutages }] = await Promise.all([
          import('../features/worklist/components/worklist-page'),
          import('../features/faults/components/recovered-outages'),
        ]);
        return function Worklist() {
          // Technicians see the outage repairs they can close in one click above their tasks.
          const mayCloseRecovered = can(useCurrentUser(), 'fault-repair.close-recovered');
          return <WorklistPage taskLink={useTaskLink()} aside={mayCloseRecovered ? <RecoveredOutages faultLink={links.fault} /> : undefined} />;
        };
      }),
      page(routes.myTasks, async () => {
        const { WorklistPage } = await import('../features/worklist/components/worklist-page');
        return () => <WorklistPage taskLink={useTaskLink()} mine />;
      }),
      page(routes.task, async () => {
        const { TaskPage } = await import('../features/tasks/components/task-page');
        return () => <TaskPage worklistPath={myTasksPathFor(useCurrentUser())} processInstanceLink={links.processInstance} />;
      }),
      page(routes.reportFault, async () => {
        const { ReportFaultPage } = await import('../features/faults/components/report-fault-page');
        return () => <ReportFaultPage faultLink={links.fault} />;
      }),
      page(routes.myFaults, async () => {
        const { MyFaultsPage } = await import('../features/faults/components/my-faults-page');
        return () => <MyFaultsPage faultLink={links.fault} reportFaultPath={routes.reportFault} />;
      }),
      page(routes.fault, async () => {
        const { FaultPage } = await import('../features/faults/components/fault-page');
        return () => <FaultPage myFaultsPath={routes.myFaults} taskLink={useTaskLink()} />;
      }),
      page(routes.newFeedback, async () => {
        const { SubmitFeedbackPage } = await import('../features/owner-feedback/components/submit-feedback-page');
        return () => <SubmitFeedbackPage feedbackLink={links.feedback} />;
      }),
      page(routes.myFeedback, async () => {
        const { MyFeedbackPage } = await import('../features/owner-feedback/components/my-feedback-page');
        return () => <MyFeedbackPage feedbackLink={links.feedback} newFeedbackPath={routes.newFeedback} />;
      }),
      page(routes.feedback, async () => {
        const { FeedbackPage } = await import('../features/owner-feedback/components/feedback-page');
        return () => <FeedbackPage myFeedbackPath={routes.myFeedback} />;
      }),
      page(routes.processes, async () => {
        const { ProcessListPage } = await import('../features/processes/components/process-list-page');
        return () => <ProcessListPage processInstanceLink={links.processInstance} />;
      }),
      page(routes.processInstance, async () => {
        const { ProcessInstancePage } = await import('../features/processes/components/process-instance-page');
        return () => <ProcessInstancePage processesPath={routes.processes} processInstanceLink={links.processInstance} taskLink={useTaskLink()} />;
      }),
      page(routes.deliveries, async () => {
        const { DeliveriesPage } = await import('../features/delivery/components/deliveries-page');
        return () => <DeliveriesPage deliveryLink={links.delivery} canStart={can(useCurrentUser(), 'project-delivery.start')} />;
      }),
      page(routes.delivery, async () => {
        const { DeliveryPage } = await import('../features/delivery/components/delivery-page');
        return () => <DeliveryPage deliveriesPath={routes.deliveries} processInstanceLink={links.processInstance} taskLink={useTaskLink()} />;
      }),
      page(routes.supplierEvaluations, async () => {
        const { SuppliersPage } = await import('../features/delivery/components/suppliers-page');
        return () => <SuppliersPage processInstanceLink={links.processInstance} canEvaluate={can(useCurrentUser(), 'supplier-evaluation.start')} />;
      }),
      page(routes.inspections, async () => {
        const { InspectionsPage } = await import('../features/inspections/components/inspections-page');
        return () => <InspectionsPage taskLink={links.task} recordLink={links.inspectionRecord} />;
      }),
      page(routes.inspectionRecord, async () => {
        const { InspectionRecordPage } = await import('../features/inspections/components/inspection-record-page');
        return () => <InspectionRecordPage inspectionsPath={routes.inspections} taskLink={links.task} processInstanceLink={links.processInstance} />;
      }),
      page(routes.suppliers, async () => {
        const { SupplierRegistryPage } = await import('../features/suppliers/components/supplier-registry-page');
        return () => <SupplierRegistryPage supplierLink={links.supplier} />;
      }),
      page(routes.supplier, async () => {
        const { SupplierPage } = await import('../features/suppliers/components/supplier-page');
        return () => <SupplierPage registryPath={routes.suppliers} processInstanceLink={links.processInstance} changeLink={links.dataChange} />;
      }),
      page(routes.procurements, async () => {
        const { ProcurementListPage } = await import('../features/procurement/components/procurement-list-page');
        return () => <ProcurementListPage procurementLink={links.procurement} />;
      }),
      page(routes.procurement, async () => {
        const { ProcurementPage } = await import('../features/procurement/components/procurement-page');
        return () => <ProcurementPage procurementsPath={routes.procurements} processInstanceLink={links.processInstance} taskLink={useTaskLink()} />;
      }),
      page(routes.console, async () => {
        const [{ ConsolePage }, { OverdueInspections }] = await Promise.all([
          import('../features/console/components/console-page'),
          import('../features/inspections/components/overdue-inspections'),
        ]);
        return function ControlRoom() {
          const mayReadInspections = can(useCurrentUser(), 'inspection.overdue.read');
          return (
            <ConsolePage
              overdueInspections={mayReadInspections ? <OverdueInspections taskLink={links.task} recordLink={links.inspectionRecord} /> : undefined}
              alarmLink={links.alarm}
              faultLink={useFaultLink()}
            />
          );
        };
      }),
      page(routes.alarm, async () => {
        const { AlarmPage } = await import('../features/console/components/alarm-page');
        return () => <AlarmPage consolePath={routes.console} faultLink={useFaultLink()} />;
      }),
      page(routes.accessControl, async () => {
        const { AccessControlPage } = await import('../features/access-control/components/access-control-page');
        return () => <AccessControlPage processInstanceLink={links.processInstance} />;
      }),
      page(routes.ownerVotes, async () => {
        const { OwnerVotesPage } = await import('../features/owner-portal/components/owner-votes-page');
        return () => <OwnerVotesPage />;
      }),
      page(routes.governance, async () => {
        const { GovernancePage } = await import('../features/governance/components/governance-page');
        return () => <GovernancePage processInstanceLink={links.processInstance} filingLink={links.filing} taskLink={useTaskLink()} />;
      }),
      page(routes.filing, async () => {
        const { FilingPage } = await import('../features/governance/components/filing-page');
        return () => <FilingPage governancePath={routes.governance} processInstanceLink={links.processInstance} />;
      }),
      page(routes.accessLog, async () => {
        const { AccessLogPage } = await import('../features/access-log/components/access-log-page');
        return () => <AccessLogPage processInstanceLink={links.processInstance} />;
      }),
      page(routes.units, async () => {
        const { UnitsPage } = await import('../features/admin/components/units-page');
        return () => <UnitsPage unitLink={links.unit} changeLink={links.dataChange} devicesPath={routes.devices} canPropose={can(useCurrentUser(), 'data-review.start')} />;
      }),
      page(routes.unit, async () => {
        const { UnitPage } = await import('../features/admin/components/unit-page');
        return () => <UnitPage unitsPath={routes.units} changeLink={links.dataChange} canPropose={can(useCurrentUser(), 'data-review.start')} />;
      }),
      page(routes.devices, async () => {
        const { DevicesPage } = await import('../features/admin/components/devices-page');
        return () => <DevicesPage deviceLink={links.device} changeLink={links.dataChange} unitsPath={routes.units} canPropose={can(useCurrentUser(), 'data-review.start')} />;
      }),
      page(routes.dataChange, async () => {
        const { ChangePage } = await import('../features/admin/components/change-page');
        return () => <ChangePage unitLink={links.unit} userLink={links.staffUser} residentLink={links.resident} zoneLink={links.zone} shiftLink={links.shift} changeLink={links.dataChange} processInstanceLink={links.processInstance} currentUserId={useCurrentUser().id} />;
      }),
      page(routes.device, async () => {
        const { DevicePage } = await import('../features/admin/components/device-page');
        return () => <DevicePage devicesPath={routes.devices} changeLink={links.dataChange} canPropose={can(useCurrentUser(), 'data-review.start')} />;
      }),
      page(routes.residents, async () => {
        const { ResidentsPage } = await import('../features/admin/components/residents-page');
        return () => <ResidentsPage residentLink={links.resident} unitLink={links.unit} changeLink={links.dataChange} canPropose={can(useCurrentUser(), 'data-review.start')} />;
      }),
      page(routes.resident, async () => {
        const { ResidentPage } = await import('../features/admin/components/resident-page');
        return () => <ResidentPage residentsPath={routes.residents} unitLink={links.unit} changeLink={links.dataChange} canPropose={can(useCurrentUser(), 'data-review.start')} />;
      }),
      page(routes.zones, async () => {
        const { ZonesPage } = await import('../features/admin/components/zones-page');
        return () => <ZonesPage zoneLink={links.zone} changeLink={links.dataChange} rosterPath={routes.roster} canPropose={can(useCurrentUser(), 'guard-roster.propose')} />;
      }),
      page(routes.zone, async () => {
        const { ZonePage } = await import('../features/admin/components/zone-page');
        return () => <ZonePage zonesPath={routes.zones} changeLink={links.dataChange} canPropose={can(useCurrentUser(), 'guard-roster.propose')} />;
      }),
      page(routes.roster, async () => {
        const { RosterPage } = await import('../features/admin/components/roster-page');
        return () => <RosterPage shiftLink={links.shift} zoneLink={links.zone} changeLink={links.dataChange} zonesPath={routes.zones} canPropose={can(useCurrentUser(), 'guard-roster.propose')} />;
      }),
      page(routes.shift, async () => {
        const { ShiftPage } = await import('../features/admin/components/shift-page');
        return () => <ShiftPage rosterPath={routes.roster} zoneLink={links.zone} changeLink={links.dataChange} canPropose={can(useCurrentUser(), 'guard-roster.propose')} />;
      }),
      page(routes.staffUsers, async () => {
        const { StaffUsersPage } = await import('../features/admin/components/staff-users-page');
        return () => <StaffUsersPage userLink={links.staffUser} changeLink={links.dataChange} canPropose={can(useCurrentUser(), 'data-review.start')} />;
      }),
      page(routes.staffUser, async () => {
        const { StaffUserPage } = await import('../features/admin/components/staff-user-page');
        return () => {
          const user = useCurrentUser();
          return (
            <StaffUserPage
              usersPath={routes.staffUsers}
              changeLink={links.dataChange}
              canPropose={can(user, 'data-review.start')}
              canReset={can(user, 'account.password.reset')}
              currentUserId={user.id}
            />
          );
        };
      }),
      page(routes.backups, async () => {
        const { BackupsPage } = await import('../features/backups/components/backups-page');
        return () => {
          const user = useCurrentUser();
          return <BackupsPage canRun={can(user, 'backup.run')} processInstanceLink={can(user, 'process.read') ? links.processInstance : undefined} />;
        };
      }),
      page(routes.notifications, async () => {
        const { NotificationsPage } = await import('../features/notifications/components/notifications-page');
        return () => <NotificationsPage processInstanceLink={can(useCurrentUser(), 'process.read') ? links.processInstance : undefined} />;
      }),
      page(routes.upgrades, async () => {
        const { UpgradesPage } = await import('../features/upgrades/components/upgrades-page');
        return () => {
          const user = useCurrentUser();
          return <UpgradesPage canDraft={can(user, 'device-upgrade.start')} canRegister={canOnAny(user, 'firmware.register')} planLink={links.upgradePlan} draftPlanPath={routes.draftUpgradePlan} />;
        };
      }),
      page(routes.draftUpgradePlan, async () => {
        const { DraftPlanPage } = await import('../features/upgrades/components/draft-plan-page');
        return () => <DraftPlanPage upgradesPath={routes.upgrades} planLink={links.upgradePlan} />;
      }),
      page(routes.upgradePlan, async () => {
        const [{ UpgradePlanPage }, { InstanceDiagram }] = await Promise.all([
          import('../features/upgrades/components/plan-page'),
          import('../features/processes/components/instance-diagram'),
        ]);
        return () => {
          const mayReadProcesses = can(useCurrentUser(), 'process.read');
          return (
            <UpgradePlanPage
              upgradesPath={routes.upgrades}
              processInstanceLink={mayReadProcesses ? links.processInstance : undefined}
              diagram={mayReadProcesses ? (workflowId, refresh) => <InstanceDiagram workflowId={workflowId} refresh={refresh} /> : undefined}
            />
          );
        };
      }),
      page(routes.kpis, async () => {
        const { KpiDashboardPage } = await import('../features/kpis/components/kpi-dashboard-page');
        return () => <KpiDashboardPage />;
      }),
      page(routes.trainingFiles, async () => {
        const { TrainingFilesPage } = await import('../features/training/components/training-files-page');
        return function TrainingFiles() {
          const user = useCurrentUser();
          // Those who read only their own file go straight to it.
          if (!canOnAny(user, 'training-file.read')) return <Navigate to={links.trainingFile(user.id)} replace />;
          return <TrainingFilesPage fileLink={links.trainingFile} canStart={can(user, 'training-cycle.start')} processInstanceLink={can(user, 'process.read') ? links.processInstance : undefined} />;
        };
      }),
      page(routes.trainingFile, async () => {
        const { TrainingFilePage } = await import('../features/training/components/training-file-page');
        return () => <TrainingFilePage filesPath={canOnAny(useCurrentUser(), 'training-file.read') ? routes.trainingFiles : undefined} />;
      }),
      { path: '*', element: <HomeRedirect /> },
    ],
  },
]);
