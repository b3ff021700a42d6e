import { ACCESS_ANOMALY_STEPS } from './access-anomaly/steps';
import { ACCESS_REVOCATION_STEPS } from './access-revocation/steps';
import { ALARM_LINKAGE_STEPS } from './alarm-linkage/steps';
import { ANNUAL_PLAN_STEPS } from './annual-plan/steps';
import { COMMITTEE_FILING_STEPS } from './committee-filing/steps';
import { CREDENTIAL_ENROLMENT_STEPS } from './credential-enrolment/steps';
import { FACE_DELETION_STEPS } from './face-deletion/steps';
import { FAULT_REPAIR_STEPS } from './fault-repair/steps';
import { INSPECTION_STEPS } from './inspection/steps';
import { OWNERS_VOTE_STEPS } from './owners-vote/steps';
import { PLATE_LIST_STEPS } from './plate-list/steps';
import { PROCUREMENT_STEPS } from './procurement/steps';
import { PROJECT_ACCEPTANCE_STEPS } from './project-acceptance/steps';
import { PROJECT_DELIVERY_STEPS } from './project-delivery/steps';
import { REPLAY_AUDIT_STEPS } from './replay-audit/steps';
import { SUPPLIER_EVALUATION_STEPS } from './supplier-evaluation/steps';
import { SUPPLIER_QUALIFICATION_STEPS } from './supplier-qualification/steps';
import { SUPPLIER_REQUALIFICATION_STEPS } from './supplier-requalification/steps';
import { VISITOR_PASS_STEPS } from './visitor-pass/steps';

interface StepDefinition {
  id: string;
  kind: string;
  clause: string;
  title: string;
}

/** Every process Steward runs: its folder (diagram) and its steps. Read by the API, not by workflows. */
export const PROCESS_CATALOGUE: Record<string, { title: string; folder: string; steps: Record<string, StepDefinition> }> = {
  'fault-repair': { title: 'Fault repair (P3.2)', folder: 'fault-repair', steps: FAULT_REPAIR_STEPS },
  'project-delivery': { title: 'Project delivery (P2.3a–b)', folder: 'project-delivery', steps: PROJECT_DELIVERY_STEPS },
  'project-acceptance': { title: 'Project acceptance (P2.3c)', folder: 'project-acceptance', steps: PROJECT_ACCEPTANCE_STEPS },
  'supplier-evaluation': { title: 'Supplier evaluation (P2.2c)', folder: 'supplier-evaluation', steps: SUPPLIER_EVALUATION_STEPS },
  inspection: { title: 'Inspection (P3.1a, P3.1c)', folder: 'inspection', steps: INSPECTION_STEPS },
  'supplier-qualification': { title: 'Supplier qualification (P2.2a)', folder: 'supplier-qualification', steps: SUPPLIER_QUALIFICATION_STEPS },
  procurement: { title: 'Procurement (P2.2b)', folder: 'procurement', steps: PROCUREMENT_STEPS },
  'supplier-requalification': { title: 'Supplier registry sweep (P2.2a)', folder: 'supplier-requalification', steps: SUPPLIER_REQUALIFICATION_STEPS },
  'alarm-linkage': { title: 'Alarm linkage (P4.2c, P3.1b)', folder: 'alarm-linkage', steps: ALARM_LINKAGE_STEPS },
  'credential-enrolment': { title: 'Credential enrolment (P4.2b)', folder: 'credential-enrolment', steps: CREDENTIAL_ENROLMENT_STEPS },
  'visitor-pass': { title: 'Visitor pass (P4.2b)', folder: 'visitor-pass', steps: VISITOR_PASS_STEPS },
  'access-revocation': { title: 'Access revocation (P4.2b)', folder: 'access-revocation', steps: ACCESS_REVOCATION_STEPS },
  'face-deletion': { title: 'Face deletion (P4.2b, PIPL art. 47)', folder: 'face-deletion', steps: FACE_DELETION_STEPS },
  'plate-list': { title: 'Vehicle plate list (P4.2b)', folder: 'plate-list', steps: PLATE_LIST_STEPS },
  'annual-plan': { title: 'Annual plan and budget (P2.1a–c, P7.2b)', folder: 'annual-plan', steps: ANNUAL_PLAN_STEPS },
  'committee-filing': { title: "Filing with the owners' committee (P2.1c)", folder: 'committee-filing', steps: COMMITTEE_FILING_STEPS },
  'owners-vote': { title: "Owners' vote (P2.1c, Civil Code art. 278)", folder: 'owners-vote', steps: OWNERS_VOTE_STEPS },
  'replay-audit': { title: 'Nightly replay audit (P3.3b)', folder: 'replay-audit', steps: REPLAY_AUDIT_STEPS },
  'access-anomaly': { title: 'Access anomaly review (P5.3c)', folder: 'access-anomaly', steps: ACCESS_ANOMALY_STEPS },
};
