import { lazy, Suspense } from 'react';
import { ErrorBanner } from '../../../components/error-banner';
import { Loading } from '../../../components/loading';
import { useApiResource } from '../../../lib/use-api-resource';
import { getProcessDiagram, getProcessInstance } from '../api/processes-api';

/** bpmn-js is large: load it only when a diagram is shown. */
const ProcessDiagram = lazy(() => import('./process-diagram').then((module) => ({ default: module.ProcessDiagram })));

/**
 * One instance's diagram with its steps' states and counts, for a record's own page (an upgrade plan's): read again
 * whenever `refresh` changes, the definition's XML once.
 */
export function InstanceDiagram({ workflowId, refresh }: { workflowId: string; refresh: number }) {
  const detail = useApiResource((signal) => getProcessInstance(workflowId, signal), [workflowId, refresh]);
  const process = detail.data?.instance.process;
  const diagram = useApiResource((signal) => (process ? getProcessDiagram(process, signal) : Promise.resolve(null)), [process]);
  const error = detail.error ?? diagram.error;
  if (error) return <ErrorBanner error={error} />;
  if (!detail.data || !diagram.data) return <Loading />;
  return (
    <Suspense fallback={<Loading />}>
      <ProcessDiagram xml={diagram.data} steps={detail.data.steps} process={detail.data.instance.process} />
    </Suspense>
  );
}
