import { allHandlersFinished, condition, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { createSupplierActivities } from '../../activities/suppliers';
import { activityOptions } from '../lib/activities';
import { HumanTasks } from '../lib/human-task';
import { ProcessTracker } from '../lib/progress';
import { qualificationReviewForm, qualificationVerdict, type SupplierQualificationInput, type SupplierQualificationOutcome } from './messages';
import { SUPPLIER_QUALIFICATION_STEPS as STEPS } from './steps';

const { checkSupplierDocuments, recordQualification } = proxyActivities<ReturnType<typeof createSupplierActivities>>(activityOptions('UnknownSupplier'));

/** Supplier qualification, P2.2a: documents checked → four criteria scored → qualified or rejected, with the next re-qualification date. */
export async function supplierQualification(input: SupplierQualificationInput): Promise<SupplierQualificationOutcome> {
  const documents = await checkSupplierDocuments({ vendorId: input.vendorId });
  const title = `${input.kind === 'initial' ? 'Qualification' : 'Re-qualification'}: ${documents.vendorName}`;
  const tracker = new ProcessTracker(
    { process: 'supplier-qualification', title, startedBy: input.requestedBy },
    { vendorId: input.vendorId, vendorName: documents.vendorName, kind: input.kind },
  );
  const tasks = new HumanTasks('supplier-qualification', tracker);
  await tracker.pass(STEPS.supplierSubmitted.id, null, { vendorId: input.vendorId, kind: input.kind });
  await tracker.pass(STEPS.checkDocuments.id, null, {
    hasValidLicence: documents.hasValidLicence,
    flagged: documents.documents.filter((document) => document.state !== 'valid').map((document) => document.id),
  });
  tracker.setData({ documents: documents.documents, hasValidLicence: documents.hasValidLicence });

  // P2.2a: the technology department keeps the registry and scores the supplier.
  const review = await tasks.run({
    stepId: STEPS.reviewQualification.id,
    title: `${documents.vendorName}${input.kind === 'requalification' ? '（复审）' : ''}`,
    form: qualificationReviewForm,
    candidateRoles: ['tech-supervisor'],
    dueInMs: input.reviewDueSeconds * 1000,
    priority: 40,
    context: { vendorId: input.vendorId, kind: input.kind, passMark: input.passMark, ...documents },
  });
  const outcome = qualificationVerdict(review.payload, input.passMark, documents.hasValidLicence);

  await tracker.enter(STEPS.recordQualification.id);
  await recordQualification({
    workflowId: workflowInfo().workflowId,
    vendorId: input.vendorId,
    kind: input.kind,
    review: review.payload,
    total: outcome.total,
    decision: outcome.decision,
    reviewedBy: review.actor.userId,
    reviewedAt: review.completedAt,
    requalifyDueAt: new Date(Date.parse(review.completedAt) + input.requalifyAfterSeconds * 1000).toISOString(),
  });
  await tracker.complete(STEPS.recordQualification.id, null, outcome);
  tracker.setData({ outcome, review: { ...review.payload, by: review.actor.displayName } });
  await tracker.finish('completed', outcome.decision === 'qualified' ? STEPS.supplierQualified.id : STEPS.supplierRejected.id, null, outcome);
  await condition(allHandlersFinished);
  return outcome;
}
