import { createBrowserRouter, Navigate } from 'react-router';
import { can } from '../../../contracts/permissions';
import { AccessControlPage } from '../features/access-control/components/access-control-page';
import { AccessLogPage } from '../features/access-log/components/access-log-page';
import { LoginPage } from '../features/auth/components/login-page';
import { DeliveriesPage } from '../features/delivery/components/deliveries-page';
import { DeliveryPage } from '../features/delivery/components/delivery-page';
import { SuppliersPage } from '../features/delivery/components/suppliers-page';
import { ConsolePage } from '../features/console/components/console-page';
import { FaultPage } from '../features/faults/components/fault-page';
import { GovernancePage } from '../features/governance/components/governance-page';
import { OwnerVotesPage } from '../features/owner-portal/components/owner-votes-page';
import { MyFaultsPage } from '../features/faults/components/my-faults-page';
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
import { homePathFor, links, routes } from './routes';

function Deliveries() {
  return <DeliveriesPage deliveryLink={links.delivery} canStart={can(useCurrentUser(), 'project-delivery.start')} />;
}

function Suppliers() {
  return <SuppliersPage processInstanceLink={links.processInstance} canEvaluate={can(useCurrentUser(), 'supplier-evaluation.start')} />;
}

function ControlRoom() {
  const mayReadInspections = can(useCurrentUser(), 'inspection.overdue.read');
  return (
    <ConsolePage
      overdueInspections={mayReadInspections ? <OverdueInspections taskLink={links.task} recordLink={links.inspectionRecord} /> : undefined}
    />
  );
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
      { path: routes.worklist, element: <WorklistPage taskLink={links.task} /> },
      {
        path: routes.task,
        element: <TaskPage worklistPath={routes.worklist} processInstanceLink={links.processInstance} />,
      },
      { path: routes.reportFault, element: <ReportFaultPage faultLink={links.fault} /> },
      { path: routes.myFaults, element: <MyFaultsPage faultLink={links.fault} reportFaultPath={routes.reportFault} /> },
      { path: routes.fault, element: <FaultPage myFaultsPath={routes.myFaults} /> },
      { path: routes.processes, element: <ProcessListPage processInstanceLink={links.processInstance} /> },
      { path: routes.processInstance, element: <ProcessInstancePage processesPath={routes.processes} processInstanceLink={links.processInstance} /> },
      { path: routes.deliveries, element: <Deliveries /> },
      { path: routes.delivery, element: <DeliveryPage deliveriesPath={routes.deliveries} processInstanceLink={links.processInstance} /> },
      { path: routes.supplierEvaluations, element: <Suppliers /> },
      { path: routes.inspections, element: <InspectionsPage taskLink={links.task} recordLink={links.inspectionRecord} /> },
      {
        path: routes.inspectionRecord,
        element: <InspectionRecordPage inspectionsPath={routes.inspections} taskLink={links.task} processInstanceLink={links.processInstance} />,
      },
      { path: routes.suppliers, element: <SupplierRegistryPage supplierLink={links.supplier} /> },
      { path: routes.supplier, element: <SupplierPage registryPath={routes.suppliers} processInstanceLink={links.processInstance} /> },
      { path: routes.procurements, element: <ProcurementListPage procurementLink={links.procurement} /> },
      { path: routes.procurement, element: <ProcurementPage procurementsPath={routes.procurements} processInstanceLink={links.processInstance} /> },
      { path: routes.console, element: <ControlRoom /> },
      { path: routes.accessControl, element: <AccessControlPage processInstanceLink={links.processInstance} /> },
      { path: routes.ownerVotes, element: <OwnerVotesPage /> },
      { path: routes.governance, element: <GovernancePage processInstanceLink={links.processInstance} /> },
      { path: routes.accessLog, element: <AccessLogPage processInstanceLink={links.processInstance} /> },
      { path: '*', element: <HomeRedirect /> },
    ],
  },
]);
