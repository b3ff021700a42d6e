/**
 * Every workflow the worker runs; the bundler starts here.
 *
 * The SDK evaluates this module graph afresh for every workflow it starts (each workflow has its own module
 * scope), so each process's module is loaded only when a workflow of that process runs: an alarm incident
 * does not build the forms of every other process first. `webpackMode: "eager"` keeps everything in the one
 * bundle; the import only defers the evaluation, and it is the same on replay.
 */
import type * as AccessAnomaly from './access-anomaly/workflow';
import type * as AccessRevocation from './access-revocation/workflow';
import type * as AlarmLinkage from './alarm-linkage/workflow';
import type * as AnnualPlan from './annual-plan/workflow';
import type * as CommitteeFiling from './committee-filing/workflow';
import type * as CredentialEnrolment from './credential-enrolment/workflow';
import type * as FaceDeletion from './face-deletion/workflow';
import type * as FaultRepair from './fault-repair/workflow';
import type * as Inspection from './inspection/workflow';
import type * as OwnersVote from './owners-vote/workflow';
import type * as PlateList from './plate-list/workflow';
import type * as Procurement from './procurement/workflow';
import type * as ProjectAcceptance from './project-acceptance/workflow';
import type * as ProjectDelivery from './project-delivery/workflow';
import type * as ReplayAudit from './replay-audit/workflow';
import type * as SupplierEvaluation from './supplier-evaluation/workflow';
import type * as SupplierQualification from './supplier-qualification/workflow';
import type * as SupplierRequalification from './supplier-requalification/workflow';
import type * as VisitorPass from './visitor-pass/workflow';

export async function accessAnomaly(...args: Parameters<typeof AccessAnomaly.accessAnomaly>): ReturnType<typeof AccessAnomaly.accessAnomaly> {
  return (await import(/* webpackMode: "eager" */ './access-anomaly/workflow')).accessAnomaly(...args);
}

export async function accessRevocation(...args: Parameters<typeof AccessRevocation.accessRevocation>): ReturnType<typeof AccessRevocation.accessRevocation> {
  return (await import(/* webpackMode: "eager" */ './access-revocation/workflow')).accessRevocation(...args);
}

export async function alarmLinkage(...args: Parameters<typeof AlarmLinkage.alarmLinkage>): ReturnType<typeof AlarmLinkage.alarmLinkage> {
  return (await import(/* webpackMode: "eager" */ './alarm-linkage/workflow')).alarmLinkage(...args);
}

export async function annualPlan(...args: Parameters<typeof AnnualPlan.annualPlan>): ReturnType<typeof AnnualPlan.annualPlan> {
  return (await import(/* webpackMode: "eager" */ './annual-plan/workflow')).annualPlan(...args);
}

export async function committeeFiling(...args: Parameters<typeof CommitteeFiling.committeeFiling>): ReturnType<typeof CommitteeFiling.committeeFiling> {
  return (await import(/* webpackMode: "eager" */ './committee-filing/workflow')).committeeFiling(...args);
}

export async function credentialEnrolment(...args: Parameters<typeof CredentialEnrolment.credentialEnrolment>): ReturnType<typeof CredentialEnrolment.credentialEnrolment> {
  return (await import(/* webpackMode: "eager" */ './credential-enrolment/workflow')).credentialEnrolment(...args);
}

export async function faceDeletion(...args: Parameters<typeof FaceDeletion.faceDeletion>): ReturnType<typeof FaceDeletion.faceDeletion> {
  return (await import(/* webpackMode: "eager" */ './face-deletion/workflow')).faceDeletion(...args);
}

export async function faultRepair(...args: Parameters<typeof FaultRepair.faultRepair>): ReturnType<typeof FaultRepair.faultRepair> {
  return (await import(/* webpackMode: "eager" */ './fault-repair/workflow')).faultRepair(...args);
}

export async function inspection(...args: Parameters<typeof Inspection.inspection>): ReturnType<typeof Inspection.inspection> {
  return (await import(/* webpackMode: "eager" */ './inspection/workflow')).inspection(...args);
}

export async function ownersVote(...args: Parameters<typeof OwnersVote.ownersVote>): ReturnType<typeof OwnersVote.ownersVote> {
  return (await import(/* webpackMode: "eager" */ './owners-vote/workflow')).ownersVote(...args);
}

export async function plateList(...args: Parameters<typeof PlateList.plateList>): ReturnType<typeof PlateList.plateList> {
  return (await import(/* webpackMode: "eager" */ './plate-list/workflow')).plateList(...args);
}

export async function procurement(...args: Parameters<typeof Procurement.procurement>): ReturnType<typeof Procurement.procurement> {
  return (await import(/* webpackMode: "eager" */ './procurement/workflow')).procurement(...args);
}

export async function projectAcceptance(...args: Parameters<typeof ProjectAcceptance.projectAcceptance>): ReturnType<typeof ProjectAcceptance.projectAcceptance> {
  return (await import(/* webpackMode: "eager" */ './project-acceptance/workflow')).projectAcceptance(...args);
}

export async function projectDelivery(...args: Parameters<typeof ProjectDelivery.projectDelivery>): ReturnType<typeof ProjectDelivery.projectDelivery> {
  return (await import(/* webpackMode: "eager" */ './project-delivery/workflow')).projectDelivery(...args);
}

export async function quarterlySupplierEvaluation(...args: Parameters<typeof SupplierEvaluation.quarterlySupplierEvaluation>): ReturnType<typeof SupplierEvaluation.quarterlySupplierEvaluation> {
  return (await import(/* webpackMode: "eager" */ './supplier-evaluation/workflow')).quarterlySupplierEvaluation(...args);
}

export async function replayAudit(...args: Parameters<typeof ReplayAudit.replayAudit>): ReturnType<typeof ReplayAudit.replayAudit> {
  return (await import(/* webpackMode: "eager" */ './replay-audit/workflow')).replayAudit(...args);
}

export async function supplierEvaluation(...args: Parameters<typeof SupplierEvaluation.supplierEvaluation>): ReturnType<typeof SupplierEvaluation.supplierEvaluation> {
  return (await import(/* webpackMode: "eager" */ './supplier-evaluation/workflow')).supplierEvaluation(...args);
}

export async function supplierQualification(...args: Parameters<typeof SupplierQualification.supplierQualification>): ReturnType<typeof SupplierQualification.supplierQualification> {
  return (await import(/* webpackMode: "eager" */ './supplier-qualification/workflow')).supplierQualification(...args);
}

export async function supplierRequalification(...args: Parameters<typeof SupplierRequalification.supplierRequalification>): ReturnType<typeof SupplierRequalification.supplierRequalification> {
  return (await import(/* webpackMode: "eager" */ './supplier-requalification/workflow')).supplierRequalification(...args);
}

export async function visitorPass(...args: Parameters<typeof VisitorPass.visitorPass>): ReturnType<typeof VisitorPass.visitorPass> {
  return (await import(/* webpackMode: "eager" */ './visitor-pass/workflow')).visitorPass(...args);
}
