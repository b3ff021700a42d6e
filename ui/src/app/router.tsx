import { createBrowserRouter, Navigate } from 'react-router';
import { can, canOnAny } from '../../../contracts/permissions';
import { AccessControlPage } from '../features/access-control/components/access-control-page';
import { AccessLogPage } from '../features/access-log/components/access-log-page';
import { LoginPage } from '../features/auth/components/login-page';
import { DeliveriesPage } from '../features/delivery/components/deliveries-page';
import { DeliveryPage } from '../features/delivery/components/delivery-page';
import { SuppliersPage } from '../features/delivery/components/suppliers-page';
import { AlarmPage } from '../features/console/components/alarm-page';
import { ConsolePage } from '../features/console/components/console-page';
import { FaultPage } from '../features/faults/components/fault-page';
import { FilingPage } from '../features/governance/components/filing-page';
import { GovernancePage } from '../features/governance/components/governance-page';
import { OwnerVotesPage } from '../features/owner-portal/components/owner-votes-page';
import { MyFaultsPage } from '../features/faults/components/my-faults-page';
import { RecoveredOutages } from '../features/faults/components/recovered-outages';
import { ReportFaultPage } from '../features/faults/components/report-fault-page';
import { InspectionRecordPage } from '../features/inspections/components/inspection-record-page';
import { InspectionsPage } from '../features/inspections/components/inspections-page';
import { OverdueInspections } from '../features/inspections/components/overdue-inspections';
import { ProcessInstancePage } from '../features/processes/components/process-instance-page';
import { ProcessListPage } from '../features/processes/components/process-list-page';
import { ProcurementListPage } from '../features/procurement/components/procurement-list-page';
import { ProcurementPage } from '../features/procurement/components/procurement-page';
import { SupplierPage } from '../features/suppliers/components/supplier-page';
import { SupplierRegistryPage } from '../features/suppliers/components/supplier-registry-page';
import { TaskPage } from '../features/tasks/components/task-page';
import { WorklistPage } from '../features/worklist/components/worklist-page';
import { useCurrentUser } from '../lib/session';
import { AppLayout } from './app-layout';
import { RouteError } from './route-error';
import { homePathFor, links, myTasksPathFor, routes, taskLinkFor } from './routes';

function Deliveries() {
  return <DeliveriesPage deliveryLink={links.delivery} canStart={can(useCurrentUser(), 'project-delivery.start')} />;
}

function Suppliers() {
  return <SuppliersPage processInstanceLink={links.processInstance} canEvaluate={can(useCurrentUser(), 'supplier-evaluation.start')} />;
}

/** Where this user does a task (an alarm's steps on one screen), for every page that links to tasks. */
const useTaskLink = () => taskLinkFor(useCurrentUser());

/** Repairs are links for those who may open any repair (a guard on the console may not). */
const useFaultLink = () => (canOnAny(useCurrentUser(), 'fault-repair.read') ? links.fault : undefined);

function ControlRoom() {
  const mayReadInspections = can(useCurrentUser(), 'inspection.overdue.read');
  return (
    <ConsolePage
      overdueInspections={mayReadInspections ? <OverdueInspections taskLink={links.task} recordLink={links.inspectionRecord} /> : undefined}
      alarmLink={links.alarm}
      faultLink={useFaultLink()}
    />
  );
}

function Worklist({ mine = false }: { mine?: boolean }) {
  // Technicians see the outage repairs they can close in one click above their tasks.
  const mayCloseRecovered = can(useCurrentUser(), 'fault-repair.close-recovered');
  return <WorklistPage taskLink={useTaskLink()} mine={mine} aside={mayCloseRecovered && !mine ? <RecoveredOutages faultLink={links.fault} /> : undefined} />;
}

function Task() {
  return <TaskPage worklistPath={myTasksPathFor(useCurrentUser())} processInstanceLink={links.processInstance} />;
}

function Fault() {
  return <FaultPage myFaultsPath={routes.myFaults} taskLink={useTaskLink()} />;
}

function ProcessInstance() {
  return <ProcessInstancePage processesPath={routes.processes} processInstanceLink={links.processInstance} taskLink={useTaskLink()} />;
}

function Delivery() {
  return <DeliveryPage deliveriesPath={routes.deliveries} processInstanceLink={links.processInstance} taskLink={useTaskLink()} />;
}

function Procurement() {
  return <ProcurementPage procurementsPath={routes.procurements} processInstanceLink={links.processInstance} taskLink={useTaskLink()} />;
}

function Governance() {
  return <GovernancePage processInstanceLink={links.processInstance} filingLink={links.filing} taskLink={useTaskLink()} />;
}

function Alarm() {
  return <AlarmPage consolePath={routes.console} faultLink={useFaultLink()} />;
}

function HomeRedirect() {
  return <Navigate to={homePathFor(useCurrentUser())} replace />;
}

/** Features never import each other: the links between their pages are handed in here. */
export const router = createBrowserRouter([
  { path: routes.login, element: <LoginPage homeFor={homePathFor} /> },
  {
    element: <AppLayout />,
    errorElement: <RouteError />,
    children: [
      { path: routes.home, element: <HomeRedirect /> },
      { path: routes.worklist, element: <Worklist /> },
      { path: routes.myTasks, element: <Worklist mine /> },
      { path: routes.task, element: <Task /> },
      { path: routes.reportFault, element: <ReportFaultPage faultLink={links.fault} /> },
      { path: routes.myFaults, element: <MyFaultsPage faultLink={links.fault} reportFaultPath={routes.reportFault} /> },
      { path: routes.fault, element: <Fault /> },
      { path: routes.processes, element: <ProcessListPage processInstanceLink={links.processInstance} /> },
      { path: routes.processInstance, element: <ProcessInstance /> },
      { path: routes.deliveries, element: <Deliveries /> },
      { path: routes.delivery, element: <Delivery /> },
      { path: routes.supplierEvaluations, element: <Suppliers /> },
      { path: routes.inspections, element: <InspectionsPage taskLink={links.task} recordLink={links.inspectionRecord} /> },
      {
        path: routes.inspectionRecord,
        element: <InspectionRecordPage inspectionsPath={routes.inspections} taskLink={links.task} processInstanceLink={links.processInstance} />,
      },
      { path: routes.suppliers, element: <SupplierRegistryPage supplierLink={links.supplier} /> },
      { path: routes.supplier, element: <SupplierPage registryPath={routes.suppliers} processInstanceLink={links.processInstance} /> },
      { path: routes.procurements, element: <ProcurementListPage procurementLink={links.procurement} /> },
      { path: routes.procurement, element: <Procurement /> },
      { path: routes.console, element: <ControlRoom /> },
      { path: routes.alarm, element: <Alarm /> },
      { path: routes.accessControl, element: <AccessControlPage processInstanceLink={links.processInstance} /> },
      { path: routes.ownerVotes, element: <OwnerVotesPage /> },
      { path: routes.governance, element: <Governance /> },
      { path: routes.filing, element: <FilingPage governancePath={routes.governance} processInstanceLink={links.processInstance} /> },
      { path: routes.accessLog, element: <AccessLogPage processInstanceLink={links.processInstance} /> },
      { path: '*', element: <HomeRedirect /> },
    ],
  },
]);
