import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ParentClosePolicy, proxyActivities, startChild, WorkflowIdReusePolicy } from '@temporalio/workflow';
import type { createSupplierActivities } from '../../activities/suppliers';
import { activityOptions } from '../lib/activities';
import { ProcessTracker } from '../lib/progress';
import type { SupplierQualificationInput } from '../supplier-qualification/messages';
import type { SupplierRequalificationInput, SupplierRequalificationOutcome } from './messages';
import { SUPPLIER_REQUALIFICATION_STEPS as STEPS } from './steps';

const { flagExpiringDocuments, suppliersDueForRequalification } = proxyActivities<ReturnType<typeof createSupplierActivities>>(activityOptions());

/**
 * P2.2a: the registry is updated regularly. A Temporal Schedule runs this sweep: it flags documents
 * that expired or soon will, and starts a re-qualification for every supplier whose date has come
 * (one per supplier and due date, so a repeated sweep starts none twice).
 */
export async function supplierRequalification(input: SupplierRequalificationInput): Promise<SupplierRequalificationOutcome> {
  const tracker = new ProcessTracker({ process: 'supplier-requalification', title: 'Supplier registry sweep', startedBy: null }, {});
  await tracker.pass(STEPS.sweepStarted.id);

  await tracker.enter(STEPS.flagExpiringDocuments.id);
  const flagged = await flagExpiringDocuments({ at: new Date().toISOString() });
  await tracker.complete(STEPS.flagExpiringDocuments.id, null, { flagged });

  await tracker.enter(STEPS.startRequalifications.id);
  const due = await suppliersDueForRequalification({ at: new Date().toISOString() });
  const started: string[] = [];
  for (const supplier of due) {
    const workflowId = `supplier-qualification-${supplier.vendorId}-due-${supplier.dueAt.slice(0, 10)}`;
    const child: SupplierQualificationInput = { vendorId: supplier.vendorId, kind: 'requalification', requestedBy: null, ...input };
    try {
      await startChild('supplierQualification', {
        workflowId,
        args: [child],
        parentClosePolicy: ParentClosePolicy.ABANDON,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
      started.push(workflowId);
    } catch (error) {
      // An earlier sweep already started this supplier's re-qualification for this due date.
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }
  await tracker.complete(STEPS.startRequalifications.id, null, { started });
  const outcome = { flaggedDocuments: flagged, started };
  tracker.setData({ outcome });
  await tracker.finish('completed', STEPS.sweepDone.id, null, outcome);
  return outcome;
}
