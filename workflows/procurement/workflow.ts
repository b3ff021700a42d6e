import { allHandlersFinished, condition, ParentClosePolicy, proxyActivities, sleep, startChild, workflowInfo } from '@temporalio/workflow';
import { yuanText } from '../../contracts/labels';
import type { createProcurementActivities } from '../../activities/procurement';
import { activityOptions, linkProcesses } from '../lib/activities';
import { HumanTasks, type TaskCompletion } from '../lib/human-task';
import { ProcessTracker } from '../lib/progress';
import {
  approvalForm,
  contractForm,
  declarationForm,
  methodForm,
  panelForm,
  rankBids,
  scoresOf,
  scoringForm,
  type BidScore,
  type ContractTerms,
  type ProcurementInput,
  type ProcurementOutcome,
  type ProjectDeliveryStart,
} from './messages';
import { PROCUREMENT_STEPS as STEPS } from './steps';

const activities = proxyActivities<ReturnType<typeof createProcurementActivities>>(activityOptions('InvalidProcurement'));

/**
 * Procurement, P2.2b: method by thresholds → invitations to qualified suppliers → sealed bids until a
 * durable deadline → opening → a panel of at least three, each declaring no conflict, scores by
 * weights → award → contract (approved by management above a threshold) → the vendor's repair SLA.
 * Bid contents never enter this history before the opening: only bid ids, vendors and prices after it.
 */
export async function procurement(input: ProcurementInput): Promise<ProcurementOutcome> {
  const workflowId = workflowInfo().workflowId;
  const settings = await activities.procurementSettings();
  const bidWindowSeconds = input.bidWindowSeconds ?? settings.bidWindowSeconds;
  const dueInMs = (input.taskDueSeconds ?? settings.taskDueSeconds) * 1000;
  const tracker = new ProcessTracker(
    { process: 'procurement', title: input.title, startedBy: input.requestedBy ?? null },
    { projectId: input.projectId, planWorkflowId: input.planWorkflowId ?? null, estimate: input.estimate, system: input.system ?? null },
  );
  const tasks = new HumanTasks('procurement', tracker);
  const context = { projectId: input.projectId, title: input.title, estimate: input.estimate, system: input.system ?? null, requirements: input.requirements ?? '' };

  await activities.registerProcurement({ workflowId, ...input });
  // P2.1–P2.3 are one chain: the plan that asked for this procurement is one click away.
  if (input.planWorkflowId) await linkProcesses({ fromWorkflowId: input.planWorkflowId, toWorkflowId: workflowId, relation: 'procurement' });
  await tracker.pass(STEPS.procurementRequested.id, null, { projectId: input.projectId, estimate: input.estimate });

  const finish = async (endStep: string, outcome: ProcurementOutcome): Promise<ProcurementOutcome> => {
    if (outcome.status === 'cancelled') await activities.setProcurementStatus({ workflowId, status: 'cancelled' });
    tracker.setData({ outcome });
    await tracker.finish('completed', endStep, null, outcome);
    await condition(allHandlersFinished);
    return outcome;
  };

  // P2.2b: method by thresholds; P2.2a: only registry suppliers that are qualified may be invited.
  const qualified = await activities.qualifiedSuppliers({ system: input.system ?? null });
  const choice = await tasks.run({
    stepId: STEPS.chooseMethod.id,
    title: input.title,
    form: methodForm(input.estimate, settings, qualified),
    candidateRoles: ['procurement'],
    dueInMs,
    priority: 50,
    context: {
      ...context,
      suggestedMethod: input.estimate > settings.inquiryMaxYuan ? 'tender' : 'inquiry',
      inquiryMaxYuan: settings.inquiryMaxYuan,
      minimumBids: settings.minimumBids,
      qualifiedSuppliers: qualified,
    },
  });
  const method = choice.payload.method;
  tracker.setData({ method, methodReason: choice.payload.reason ?? null });

  await tracker.enter(STEPS.inviteSuppliers.id);
  const invitation = await activities.inviteSuppliers({
    workflowId,
    method,
    methodReason: choice.payload.reason ?? null,
    vendorIds: [...new Set(choice.payload.invitedVendorIds)],
    bidDeadline: new Date(Date.now() + bidWindowSeconds * 1000).toISOString(),
  });
  tracker.setData({ invited: invitation.invited, bidDeadline: invitation.bidDeadline });
  await tracker.complete(STEPS.inviteSuppliers.id, null, { invited: invitation.invited.map((supplier) => supplier.vendorId) });

  // P2.2b: the bids stay sealed until this durable timer fires.
  await tracker.enter(STEPS.bidDeadline.id);
  await sleep(Math.max(0, Date.parse(invitation.bidDeadline) - Date.now()));
  await tracker.complete(STEPS.bidDeadline.id);

  await tracker.enter(STEPS.openBids.id);
  const opened = await activities.openBids({ workflowId });
  tracker.setData({ bids: opened });
  await tracker.complete(STEPS.openBids.id, null, { bids: opened.length });

  const neededBids = method === 'negotiation' ? 1 : settings.minimumBids;
  if (opened.length < neededBids) {
    return finish(STEPS.tooFewBids.id, { status: 'cancelled', method, reason: `${opened.length} bid(s), ${method} needs ${neededBids}` });
  }

  // P2.2b: a panel of at least `minimumPanel`; a member with a conflict of interest is excused and replaced.
  const eligible = await activities.panelCandidates();
  const appointed = new Set<string>();
  const panelScores: Array<{ member: string; scores: BidScore[] }> = [];
  const scoring = scoringForm(opened);
  const bidsContext = { ...context, method, bids: opened };
  const serveOnPanel = async (member: string): Promise<void> => {
    const declaration = await tasks.run({
      stepId: STEPS.declareInterests.id,
      title: input.title,
      form: declarationForm,
      candidateRoles: [],
      candidateUsers: [member],
      dueInMs,
      priority: 50,
      context: bidsContext,
    });
    await activities.recordDeclaration({ workflowId, userId: member, conflict: declaration.payload.conflict, statement: declaration.payload.statement ?? null, at: declaration.completedAt });
    if (declaration.payload.conflict) return;
    const scores = await tasks.run({
      stepId: STEPS.scoreBids.id,
      title: input.title,
      form: scoring,
      candidateRoles: [],
      candidateUsers: [member],
      dueInMs,
      priority: 50,
      context: { ...bidsContext, weights: settings.weights },
    });
    const perBid = scoresOf(opened, scores.payload);
    await activities.recordScores({ workflowId, userId: member, scores: perBid, weights: settings.weights, at: scores.completedAt });
    panelScores.push({ member, scores: perBid });
  };
  while (panelScores.length < settings.minimumPanel) {
    const needed = settings.minimumPanel - panelScores.length;
    const available = eligible.filter((user) => !appointed.has(user.userId));
    const panel = await tasks.run({
      stepId: STEPS.appointPanel.id,
      title: input.title,
      form: panelForm(available, needed),
      candidateRoles: ['procurement', 'management'],
      dueInMs,
      priority: 50,
      context: { ...context, needed, candidates: available, excused: [...appointed].filter((id) => !panelScores.some((entry) => entry.member === id)) },
    });
    await activities.appointPanel({ workflowId, userIds: panel.payload.memberUserIds });
    for (const member of panel.payload.memberUserIds) appointed.add(member);
    await Promise.all(panel.payload.memberUserIds.map(serveOnPanel));
  }

  await tracker.enter(STEPS.awardBid.id);
  const ranking = rankBids(opened, panelScores.map((entry) => entry.scores), settings.weights);
  const winner = ranking[0];
  const { qualificationWorkflowId } = await activities.recordAward({ workflowId, bidId: winner.bidId, vendorId: winner.vendorId });
  if (qualificationWorkflowId) await linkProcesses({ fromWorkflowId: workflowId, toWorkflowId: qualificationWorkflowId, relation: 'supplier-qualification' });
  tracker.setData({ ranking, award: { bidId: winner.bidId, vendorId: winner.vendorId, vendorName: winner.vendorName } });
  await tracker.complete(STEPS.awardBid.id, null, { bidId: winner.bidId, vendorId: winner.vendorId, score: winner.score });

  // P2.2b: the contract; above the threshold management approves, may send it back or cancel.
  let rejection: string | undefined;
  let approval: TaskCompletion<{ decision: string; comment?: string }> | undefined;
  let contract: TaskCompletion<ContractTerms>;
  for (;;) {
    contract = await tasks.run({
      stepId: STEPS.draftContract.id,
      title: `${input.title} · ${winner.vendorName}`,
      form: contractForm,
      candidateRoles: ['procurement'],
      dueInMs,
      priority: 50,
      context: { ...context, winner, approvalThresholdYuan: settings.approvalThresholdYuan, rejection },
    });
    tracker.setData({ contract: contract.payload });
    if (contract.payload.priceYuan <= settings.approvalThresholdYuan) break;
    approval = await tasks.run({
      stepId: STEPS.approveContract.id,
      title: `${input.title} · ${winner.vendorName} · ${yuanText(contract.payload.priceYuan)}`,
      form: approvalForm,
      candidateRoles: ['management'],
      dueInMs,
      priority: 60,
      context: { ...context, winner, ranking, contract: contract.payload, draftedBy: contract.actor.displayName },
    });
    if (approval.payload.decision === 'approve') break;
    if (approval.payload.decision === 'cancel') {
      return finish(STEPS.procurementCancelled.id, { status: 'cancelled', method, reason: approval.payload.comment });
    }
    rejection = approval.payload.comment;
  }

  await tracker.enter(STEPS.recordContract.id);
  const contractId = `contract-${workflowId}`;
  await activities.recordContract({
    contractId,
    workflowId,
    vendorId: winner.vendorId,
    bidId: winner.bidId,
    system: input.system ?? null,
    terms: contract.payload,
    approvedBy: approval?.actor.userId ?? null,
    signedAt: approval?.completedAt ?? contract.completedAt,
  });
  await tracker.complete(STEPS.recordContract.id, null, { contractId, vendorId: winner.vendorId });

  const outcome: ProcurementOutcome = {
    status: 'contracted',
    method,
    contractId,
    vendorId: winner.vendorId,
    vendorName: winner.vendorName,
    priceYuan: contract.payload.priceYuan,
    deliveryDate: contract.payload.deliveryDate,
  };
  if (input.startDelivery ?? settings.startDelivery) {
    await tracker.enter(STEPS.startDelivery.id);
    const delivery: ProjectDeliveryStart = {
      contractId,
      procurementWorkflowId: workflowId,
      projectId: input.projectId,
      vendorId: winner.vendorId,
      title: input.title,
      deliveryDate: contract.payload.deliveryDate,
    };
    const deliveryWorkflowId = `project-delivery-${contractId}`;
    await startChild(settings.deliveryWorkflowType, { workflowId: deliveryWorkflowId, args: [delivery], parentClosePolicy: ParentClosePolicy.ABANDON });
    await linkProcesses({ fromWorkflowId: workflowId, toWorkflowId: deliveryWorkflowId, relation: 'delivery' });
    outcome.deliveryWorkflowId = deliveryWorkflowId;
    await tracker.complete(STEPS.startDelivery.id, null, { deliveryWorkflowId });
  }
  return finish(STEPS.procurementContracted.id, outcome);
}
