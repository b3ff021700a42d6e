import { createBrowserRouter, Navigate } from 'react-router';
import { LoginPage } from '../features/auth/components/login-page';
import { FaultPage } from '../features/faults/components/fault-page';
import { MyFaultsPage } from '../features/faults/components/my-faults-page';
import { ReportFaultPage } from '../features/faults/components/report-fault-page';
import { ProcessInstancePage } from '../features/processes/components/process-instance-page';
import { ProcessListPage } from '../features/processes/components/process-list-page';
import { TaskPage } from '../features/tasks/components/task-page';
import { WorklistPage } from '../features/worklist/components/worklist-page';
import { useCurrentUser } from '../lib/session';
import { AppLayout } from './app-layout';
import { homePathFor, links, routes } from './routes';

function HomeRedirect() {
  return <Navigate to={homePathFor(useCurrentUser())} replace />;
}

/** Features never import each other: the links between their pages are handed in here. */
export const router = createBrowserRouter([
  { path: routes.login, element: <LoginPage homeFor={homePathFor} /> },
  {
    element: <AppLayout />,
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
      { path: routes.processInstance, element: <ProcessInstancePage processesPath={routes.processes} /> },
      { path: '*', element: <HomeRedirect /> },
    ],
  },
]);
