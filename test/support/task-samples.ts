/**
 * One task of every human step of every process, as its workflow opens it: the step's form and a context of the
 * shape the workflow writes (workflows/<process>/workflow.ts), with the names the API gives its ids. The label check
 * (test/task-labels.test.ts) renders each; a process's new human step fails it until its sample is here.
 */
import type { z } from 'zod';
import type { TaskReferences } from '../../contracts/tasks';
import { correctionForm, decisionForm } from '../../workflows/data-review/messages';
import { failureDecisionForm, planDecisionForm } from '../../workflows/device-upgrade/messages';
import { diagnosisForm, repairForm, verificationForm } from '../../workflows/fault-repair/messages';
import { assessmentForm, confirmationForm, replyForm } from '../../workflows/owner-feedback/messages';
import { approvalForm as announcementApprovalForm, correctionForm as announcementCorrectionForm } from '../../workflows/announcement/messages';
import { acknowledgeForm, arrivalForm, findingsForm } from '../../workflows/alarm-linkage/messages';
import { approvalForm as planApprovalForm, budgetForm, contributionForm, planForm } from '../../workflows/annual-plan/messages';
import { acknowledgementForm } from '../../workflows/committee-filing/messages';
import { reviewForm } from '../../workflows/access-anomaly/messages';
import { doorCheckForm } from '../../workflows/lib/door-outage';
import { checklistForm, type InspectionItem } from '../../workflows/inspection/messages';
import {
  approvalForm as contractApprovalForm,
  contractForm,
  declarationForm,
  methodForm,
  panelForm,
  scoringForm,
  type ProcurementSettings,
} from '../../workflows/procurement/messages';
import { acceptanceChecklistForm, acceptanceTeamForm, rectificationForm, settlementForm, signatureForm } from '../../workflows/project-acceptance/messages';
import { implementationPlanForm, overdueReviewForm, progressReportForm, type DirectoryUser } from '../../workflows/project-delivery/messages';
import { divergenceReviewForm } from '../../workflows/replay-audit/messages';
import { evaluationForm, penaltyForm, rectificationNoticeForm, terminationDecisionForm } from '../../workflows/supplier-evaluation/messages';
import { qualificationReviewForm } from '../../workflows/supplier-qualification/messages';
import { approvalForm as trainingApprovalForm, examForm, needsForm, practicalForm, sessionForm, trainingPlanForm, type StaffMember } from '../../workflows/training-cycle/messages';

export interface TaskSample {
  form: z.ZodType;
  context: Record<string, unknown>;
  /** The names the API gives the ids in the context (GET /tasks/:id `references`). */
  references: TaskReferences;
}

const AT = '2026-12-02T08:38:27.061Z';
const LATER = '2026-12-09T08:38:27.061Z';

const people = {
  'u-tech1': '技术员 张伟',
  'u-techsup': '技术主管 王磊',
  'u-guard1': '保安 孙强',
  'u-committee': '业委会委员 钱进',
  'u-owner-zhang': '业主 张明',
  'u-procure': '采购 吴刚',
  'u-manager': '总经理 郑华',
};
const directory: DirectoryUser[] = [
  { id: 'u-tech1', displayName: people['u-tech1'], roles: ['technician'], vendorId: null },
  { id: 'u-techsup', displayName: people['u-techsup'], roles: ['tech-supervisor'], vendorId: null },
  { id: 'u-guard1', displayName: people['u-guard1'], roles: ['guard'], vendorId: null },
  { id: 'u-committee', displayName: people['u-committee'], roles: ['committee-member', 'owner'], vendorId: null },
];

// ---- the training cycle ----
const trainingStaff: StaffMember[] = [
  { userId: 'u-tech1', displayName: people['u-tech1'], roles: ['technician'], department: 'engineering' },
  { userId: 'u-guard1', displayName: people['u-guard1'], roles: ['guard'], department: 'security' },
];
const trainingCourse = { title: '信息安全与个人信息保护', topic: 'security', method: 'external-course', startsAt: AT, trainers: '安保主管 林峰', content: '公司信息安全制度' };

// ---- data review ----
const reviewContext = {
  changeId: '5b0c1f9e-8a61-4c4e-9d3f-2f7d0e6a4b11',
  unitId: 'b1-302',
  kind: 'unit-owner',
  action: 'add-owner',
  revision: 1,
  diff: [
    { field: 'owner.name', before: null, after: '孙月' },
    { field: 'owner.idDocument', before: null, after: '****002X' },
    { field: 'owners', before: '赵丽', after: '赵丽 / 孙月 (****002X)' },
  ],
  checks: [
    { field: 'owner.idDocument.number', rule: 'id-document-invalid', passed: true },
    { field: 'owner', rule: 'already-owner', passed: true },
  ],
};
const areaDiff = {
  ...reviewContext,
  kind: 'unit',
  action: 'change',
  diff: [{ field: 'unit.exclusiveArea', before: 138.5, after: 120.5 }],
  choices: [{ field: 'unit.use', from: 'residential', to: 'commercial' }],
  checks: [{ field: 'unit.exclusiveArea', rule: 'area-bounds', passed: true }] };
/** An imported sheet under review: its summary, the link to its rows, the checks of the whole sheet. */
const importContext = {
  changeId: reviewContext.changeId,
  importRows: `/admin/changes/${reviewContext.changeId}`,
  kind: 'unit',
  action: 'import',
  revision: 1,
  diff: [
    { field: 'import.file', before: null, after: 'units.xlsx' },
    { field: 'import.rows', before: null, after: 10000 },
    { field: 'import.units', before: null, after: 10000 },
    { field: 'import.owners', before: null, after: 9800 },
  ],
  choices: [],
  checks: [
    { field: 'unit.number', rule: 'repeated-in-sheet', passed: true },
    { field: 'owner.name', rule: 'same-person-two-names', passed: true },
  ],
};
const reviewReferences: TaskReferences = { unit: { 'b1-302': '1号楼 302' }, user: { 'u-admin': '系统管理员', 'u-checker': '数据审核员 陶然' } };

// ---- fault repair ----
const faultContext = { system: 'smart-home', location: { buildingId: 'b1', unitId: 'b1-101' }, symptoms: '客厅天花板漏水，已持续两小时', occurredAt: AT };
const faultReferences: TaskReferences = { building: { b1: '1号楼' }, unit: { 'b1-101': '1号楼 101' } };
const repairContext = { ...faultContext, cause: '楼上水管接头松动', repairPlan: '更换接头并重新密封' };
const repairDone = { repairProcess: '更换了水管接头并做了闭水试验', partsReplaced: ['水管接头'], timeSpentMinutes: 45 };

// ---- alarm linkage ----
const alarmContext = { zoneId: 'z-car-park', alarmType: 'intrusion', openedAt: AT };
const cameras = [
  { deviceId: 'cam-car-park', name: '车库摄像机', streamUrl: 'rtsp://127.0.0.1:554/Streaming/Channels/101', snapshotUrl: '/api/v1/devices/cam-car-park/snapshot', calledUpAt: AT },
  { deviceId: 'cam-gate', name: '大门摄像机', streamUrl: '', snapshotUrl: '/api/v1/devices/cam-gate/snapshot', calledUpAt: null, error: '摄像机无响应' },
];
const alarmReferences: TaskReferences = { zone: { 'z-car-park': '车库B区' } };

// ---- annual plan and filing ----
const plan = {
  goals: ['每个出入口清晰覆盖', '培训值班员'],
  projects: [
    { title: '更换大堂摄像机', priority: 1, estimateYuan: 86000.5, schedule: '第二季度', system: 'cctv', major: false },
    { title: '自行车棚改建商铺', priority: 3, estimateYuan: 120000, schedule: '第三季度', major: true, art278Item: 8 },
  ],
  schedule: '一季度培训，二季度摄像机',
};
const budget = {
  lineItems: [
    { category: 'hardware', description: '12 台网络摄像机', amountYuan: 60000.5, marketPriceReference: '三家供应商报价' },
    { category: 'training', description: '值班员培训', amountYuan: 12000, marketPriceReference: '供应商目录' },
  ],
};
const contributions = [{ department: 'security', by: people['u-guard1'], needs: '夜间照明不足', proposedProjects: ['车库补光'] }];
const planReferences: TaskReferences = { process: { 'annual-plan-2027': '2027 年度计划' } };

// ---- inspection ----
const inspectionItems: InspectionItem[] = [
  { id: 'lobby-camera', text: '大堂摄像机画面清晰', system: 'cctv', deviceId: 'cam-lobby', zoneId: 'z-lobby' },
  { id: 'core-switch', text: '核心交换机端口正常', system: 'network', buildingId: 'b1' },
];

// ---- procurement ----
const settings: ProcurementSettings = {
  inquiryMaxYuan: 100_000,
  approvalThresholdYuan: 50_000,
  weights: { price: 0.4, technical: 0.4, afterSales: 0.2 },
  minimumBids: 3,
  minimumPanel: 3,
  bidWindowSeconds: 600,
  taskDueSeconds: 86_400,
  startDelivery: true,
  deliveryWorkflowType: 'projectDelivery',
};
const procurementContext = { projectId: 'annual-plan-2027.p1', title: '车库摄像机', estimate: 60_000, system: 'cctv', requirements: '8 路 4K 摄像机' };
const qualified = [
  { vendorId: 'v-cctv', name: '海视安防维保' },
  { vendorId: 'v-network', name: '联网通信' },
  { vendorId: 'v-anxin', name: '安信科技' },
];
const bids = [
  { bidId: 'bid-1', vendorId: 'v-cctv', vendorName: '海视安防维保', priceYuan: 58_000 },
  { bidId: 'bid-2', vendorId: 'v-anxin', vendorName: '安信科技', priceYuan: 61_500 },
];
const ranking = bids.map((bid, index) => ({ ...bid, score: 90 - index * 5.5 }));
const contract = { rightsAndObligations: '乙方负责安装与调试', specs: '8 路 4K', priceYuan: 58_000, deliveryDate: '2027-03-01', afterSalesTerms: '三年质保', repairSlaSeconds: 86_400 };
const panelCandidates = [
  { userId: 'u-tech1', displayName: people['u-tech1'] },
  { userId: 'u-techsup', displayName: people['u-techsup'] },
];

// ---- project delivery and acceptance ----
const acceptanceContext = { contractId: 'contract-procurement-p1', projectId: 'p1', vendorId: 'v-access-control', system: 'access-control', biometric: true };
const checklist = {
  function: { passed: true },
  performance: { passed: false, note: '识别率 97%' },
  dataSecurity: { passed: true },
  afterSales: { passed: true },
  biometric: { signage: { passed: true }, separateConsent: { passed: false, note: '未单独签署' }, nonFaceAlternative: { passed: true } },
};
const supplierReferences: TaskReferences = { supplier: { 'v-access-control': '门禁科技' } };

// ---- device upgrade ----
const upgradePlanContext = {
  planId: '0c7f3c1e-5a8b-4c61-9a5e-0f2b7d4e9a10',
  title: '大堂摄像机固件升级',
  draftedBy: 'u-techsup',
  risk: 'medium',
  riskAssessment: '厂商已测试的维护版本；夜间窗口，先升级一台试点设备',
  rollbackPlan: '逐台恢复旧固件和升级前保存的配置',
  windowStartsAt: AT,
  windowEndsAt: LATER,
  waveSize: 20,
  maxFailures: 2,
  wavePauseSeconds: 600,
  needsManagement: true,
  canaryDeviceId: 'cam-b1-lobby',
  targets: [{ model: 'DS-2CD2143G2-I', version: 'V5.8.0', rollbackVersion: 'V5.7.3' }],
  deviceCount: 2,
  devices: [
    { deviceId: 'cam-b1-lobby', model: 'DS-2CD2143G2-I', system: 'cctv' },
    { deviceId: 'door-b1', model: 'DS-K2604T', system: 'access-control' },
  ],
};
const upgradeReferences: TaskReferences = { user: { 'u-techsup': people['u-techsup'] }, device: { 'cam-b1-lobby': '1号楼大堂摄像机', 'door-b1': '1号楼门禁控制器' } };

// ---- owner feedback ----
const feedbackContext = {
  category: 'complaint',
  text: '电梯间夜里灯一直不亮',
  place: { buildingId: 'b1', unitId: 'b1-201' },
  photos: ['/api/v1/owner-feedback/owner-feedback-f1/photos/f1.photo-1'],
  owner: people['u-owner-zhang'],
  submittedAt: AT,
};
const feedbackReferences: TaskReferences = { building: { b1: '1号楼' }, unit: { 'b1-201': '1号楼 201' } };

// ---- announcements ----
const announcementDraft = { title: '1号楼停水通知', body: '因管道维修，1号楼明日 9:00–12:00 停水。', audience: 'building', buildingId: 'b1', unitIds: [], pinned: false, expiresAt: AT };

export const TASK_SAMPLES: Record<string, Record<string, TaskSample>> = {
  announcement: {
    approveAnnouncement: { form: announcementApprovalForm, context: { ...announcementDraft, drafter: people['u-techsup'], makerId: 'u-techsup' }, references: { building: { b1: '1号楼' } } },
    correctAnnouncement: {
      form: announcementCorrectionForm,
      context: { ...announcementDraft, audience: 'units', buildingId: null, unitIds: ['b1-201'], returnedBy: people['u-manager'], reasons: '请写明联系电话' },
      references: { unit: { 'b1-201': '1号楼 201' } },
    },
  },
  'owner-feedback': {
    firstReply: { form: replyForm, context: feedbackContext, references: feedbackReferences },
    followUp: { form: replyForm, context: { ...feedbackContext, lastReply: '已安排电工更换灯具', reopenReason: '还是一闪一闪的' }, references: feedbackReferences },
    confirmResolution: { form: confirmationForm, context: { category: 'complaint', text: '电梯间夜里灯一直不亮', lastReply: '已更换镇流器' }, references: {} },
    assessSuggestion: { form: assessmentForm, context: { ...feedbackContext, category: 'suggestion', text: '建议在二号楼门口加装雨棚' }, references: feedbackReferences },
  },
  'data-review': {
    checkChange: { form: decisionForm, context: { ...reviewContext, makerId: 'u-admin', needsSecondApproval: true }, references: reviewReferences },
    approveChange: { form: decisionForm, context: { ...areaDiff, makerId: 'u-admin', checkerId: 'u-checker', needsSecondApproval: true }, references: reviewReferences },
    correctChange: { form: correctionForm, context: { ...importContext, returnedBy: '数据审核员 陶然', reasons: '第 12 行的面积与产权证不符' }, references: reviewReferences },
  },
  'fault-repair': {
    diagnoseFault: { form: diagnosisForm, context: faultContext, references: faultReferences },
    repairFault: { form: repairForm, context: { ...repairContext, rejection: '还在滴水' }, references: faultReferences },
    vendorRepair: { form: repairForm, context: { ...repairContext, vendor: '智家', rejection: null }, references: faultReferences },
    verifyRepair: { form: verificationForm, context: { ...repairContext, repair: repairDone, repairedBy: people['u-tech1'] }, references: faultReferences },
  },
  'alarm-linkage': {
    dispatchGuard: { form: acknowledgeForm, context: alarmContext, references: alarmReferences },
    arriveOnSite: { form: arrivalForm(), context: { ...alarmContext, guard: people['u-guard1'], cameras }, references: alarmReferences },
    recordFindings: { form: findingsForm(), context: { ...alarmContext, guard: people['u-guard1'], cameras }, references: alarmReferences },
  },
  'annual-plan': {
    contributeToPlan: { form: contributionForm, context: { year: 2027, department: 'security' }, references: {} },
    draftPlan: {
      form: planForm,
      context: { year: 2027, contributions, evaluation: null, returned: { by: people['u-manager'], comments: '预算过高' }, previous: plan },
      references: {},
    },
    draftBudget: { form: budgetForm, context: { year: 2027, plan, returned: null, previous: budget }, references: {} },
    approvePlan: { form: planApprovalForm, context: { year: 2027, plan, budget, budgetTotalYuan: 72000.5, evaluation: null }, references: {} },
  },
  'committee-filing': {
    acknowledgeFiling: {
      form: acknowledgementForm,
      context: {
        year: 2027,
        filedAt: AT,
        plan,
        budget,
        budgetTotalYuan: 72000.5,
        approvedBy: people['u-manager'],
        approvedAt: AT,
        planWorkflowId: 'annual-plan-2027',
        packageDigest: 'a3f1c2d4e5b6978812aa34cd56ef7890a3f1c2d4e5b6978812aa34cd56ef7890',
      },
      references: planReferences,
    },
  },
  'access-anomaly': {
    reviewAnomaly: {
      form: reviewForm,
      context: {
        rule: 'many-people',
        ruleTitle: '短时间内查阅多人记录 Many people read in a short time',
        userId: 'u-guard1',
        user: people['u-guard1'],
        roles: ['guard'],
        windowStart: AT,
        windowEnd: LATER,
        observed: 42,
        threshold: 20,
      },
      references: {},
    },
  },
  'access-revocation': {
    checkOfflineDoor: {
      form: doorCheckForm,
      context: { personId: 'ap-zhang', personName: '张明', reason: 'moved-out', deviceId: 'door-b2', credentialKinds: ['card', 'face'], revocationRequestedAt: AT },
      references: { device: { 'door-b2': '2号楼门禁' } },
    },
  },
  'face-deletion': {
    checkOfflineDoor: {
      form: doorCheckForm,
      context: { personId: 'ap-zhang', personName: '张明', deletionId: 'del-7', deviceId: 'door-b1', deletionRequestedAt: AT },
      references: { device: { 'door-b1': '1号楼门禁' } },
    },
  },
  inspection: {
    performInspection: {
      form: checklistForm(inspectionItems),
      context: {
        plan: '大堂与网络巡检',
        buildingId: 'b1',
        zoneId: null,
        dueAt: LATER,
        items: inspectionItems.map(({ text, system, deviceId, zoneId, buildingId }) => ({ text, system, deviceId, zoneId, buildingId })),
      },
      references: { building: { b1: '1号楼' }, device: { 'cam-lobby': '大堂摄像机' }, zone: { 'z-lobby': '1号楼大堂' } },
    },
  },
  procurement: {
    chooseMethod: {
      form: methodForm(60_000, settings, qualified),
      context: { ...procurementContext, suggestedMethod: 'inquiry', inquiryMaxYuan: 100_000, minimumBids: 3, qualifiedSuppliers: qualified },
      references: {},
    },
    appointPanel: {
      form: panelForm(panelCandidates, 3),
      context: { ...procurementContext, needed: 3, candidates: panelCandidates, excused: ['u-manager'] },
      references: { user: { 'u-manager': people['u-manager'] } },
    },
    declareInterests: { form: declarationForm, context: { ...procurementContext, method: 'inquiry', bids }, references: {} },
    scoreBids: { form: scoringForm(bids), context: { ...procurementContext, method: 'inquiry', bids, weights: settings.weights }, references: {} },
    draftContract: {
      form: contractForm,
      context: { ...procurementContext, winner: ranking[0], approvalThresholdYuan: 50_000, rejection: '价格偏高' },
      references: {},
    },
    approveContract: {
      form: contractApprovalForm,
      context: { ...procurementContext, winner: ranking[0], ranking, contract, draftedBy: people['u-procure'] },
      references: {},
    },
  },
  'project-delivery': {
    planImplementation: {
      form: implementationPlanForm(directory),
      context: { contractId: 'contract-procurement-p1', vendorId: 'v-access-control', deliveryDate: '2027-03-01' },
      references: supplierReferences,
    },
    reportProgress: {
      form: progressReportForm(['闸机上线', '人脸库导入']),
      context: {
        milestones: [
          { name: '闸机上线', dueAt: AT, reached: true, overdue: false },
          { name: '人脸库导入', dueAt: LATER, reached: false, overdue: true },
        ],
        qualityRequirements: '闸机识别率不低于 99%',
      },
      references: {},
    },
    reviewOverdueMilestone: {
      form: overdueReviewForm,
      context: { milestone: '人脸库导入', dueAt: LATER, projectLead: 'u-tech1' },
      references: { user: { 'u-tech1': people['u-tech1'] } },
    },
  },
  'project-acceptance': {
    formTeam: { form: acceptanceTeamForm(directory), context: acceptanceContext, references: supplierReferences },
    inspectDelivery: { form: acceptanceChecklistForm(true), context: { ...acceptanceContext, round: 1 }, references: supplierReferences },
    signAcceptance: {
      form: signatureForm,
      context: { ...acceptanceContext, round: 1, checklist, failed: ['performance', 'biometric.separateConsent'] },
      references: supplierReferences,
    },
    rectifyDefects: {
      form: rectificationForm,
      context: { ...acceptanceContext, round: 1, failed: ['performance', 'biometric.separateConsent'], checklist, deadline: LATER },
      references: supplierReferences,
    },
    settleWithSupplier: {
      form: settlementForm,
      context: { ...acceptanceContext, acceptedAt: AT, acceptanceReport: '/api/v1/acceptances/project-acceptance-contract-procurement-p1/report.pdf' },
      references: supplierReferences,
    },
  },
  'replay-audit': {
    reviewDivergences: {
      form: divergenceReviewForm,
      context: {
        since: AT,
        replayed: 120,
        missing: 1,
        divergenceCount: 1,
        divergences: [{ workflowId: 'fault-repair-r-17', process: 'fault-repair', eventId: 14, recorded: 'ScheduleActivityTask storeRepairRecord', now: 'ScheduleActivityTask archiveRepair' }],
      },
      references: { process: { 'fault-repair-r-17': '智能家居：客厅漏水' } },
    },
  },
  'supplier-evaluation': (() => {
    const context = {
      vendorId: 'v-access-control',
      round: 1,
      periodFrom: AT,
      periodTo: LATER,
      serviceRecord: { repairsOnTime: 8, repairsLate: 2, ratings: 5, averageRating: 4.2 },
      slaScore: 80,
      ratingScore: 80,
    };
    return {
      evaluateByTechnology: { form: evaluationForm, context, references: supplierReferences },
      evaluateByUsers: { form: evaluationForm, context, references: supplierReferences },
      rectifyService: { form: rectificationNoticeForm, context: { vendorId: 'v-access-control', score: 52.5, poorBelow: 60, deadline: LATER }, references: supplierReferences },
      imposePenalty: { form: penaltyForm, context: { vendorId: 'v-access-control', scores: [52.5, 55], poorBelow: 60 }, references: supplierReferences },
      approveTermination: {
        form: terminationDecisionForm,
        context: { vendorId: 'v-access-control', scores: [52.5, 55], penalty: { amount: 5000, contractClause: '第七条', reason: '连续两次评价不合格' } },
        references: supplierReferences,
      },
    };
  })(),
  'device-upgrade': {
    reviewPlan: { form: planDecisionForm, context: upgradePlanContext, references: upgradeReferences },
    approvePlan: { form: planDecisionForm, context: { ...upgradePlanContext, approvedBy: people['u-techsup'] }, references: upgradeReferences },
    decideAfterFailure: {
      form: failureDecisionForm,
      context: {
        planId: upgradePlanContext.planId,
        title: upgradePlanContext.title,
        wave: 2,
        failures: 1,
        maxFailures: 2,
        failedDevices: [{ deviceId: 'door-b1', state: 'rolled-back', error: 'version: reports V2.2.1, expected V2.3.0' }],
      },
      references: upgradeReferences,
    },
  },
  'training-cycle': {
    analyseNeeds: {
      form: needsForm(trainingStaff),
      context: {
        year: 2031,
        evidence: {
          repairs: [{ technician: people['u-tech1'], system: 'cctv', repairCount: 12, reworked: 3, escalated: 1 }],
          overdueTasks: [{ person: people['u-guard1'], overdue: 2 }],
          failedAssessments: [{ person: people['u-guard1'], courseTitle: '信息安全与个人信息保护', kind: 'exam', score: 50 }],
          expiringCertificates: [{ person: people['u-tech1'], courseTitle: '门禁系统厂家认证', expiresAt: LATER }],
        },
      },
      references: {},
    },
    draftTrainingPlan: { form: trainingPlanForm(trainingStaff), context: { year: 2031, needs: '监控维修返工偏多', returned: { by: people['u-manager'], comments: '请补充评分标准' } }, references: {} },
    approveTrainingPlan: {
      form: trainingApprovalForm,
      context: {
        year: 2031,
        needs: '监控维修返工偏多',
        plan: {
          objectives: ['全员通过信息安全培训'],
          courses: [{ ...trainingCourse, attendees: [people['u-tech1'], people['u-guard1']], validityMonths: 12, questions: 2, practical: true }],
        },
      },
      references: {},
    },
    recordSession: { form: sessionForm(trainingStaff, true), context: trainingCourse, references: {} },
    takeExam: {
      form: examForm([
        { question: '查看业主个人信息前需要什么？', options: ['工作需要', '好奇'], answer: 1 },
        { question: '个人信息的查阅会被记录吗？', options: ['会', '不会'], answer: 1 },
      ]),
      context: { courseTitle: trainingCourse.title, passMark: 60 },
      references: {},
    },
    scorePractical: { form: practicalForm(trainingStaff), context: { courseTitle: trainingCourse.title, content: trainingCourse.content, passMark: 60 }, references: {} },
  },
  'supplier-qualification': {
    reviewQualification: {
      form: qualificationReviewForm,
      context: {
        vendorId: 'v-anxin',
        kind: 'initial',
        passMark: 60,
        vendorName: '安信科技',
        documents: [
          { id: 'doc-1', kind: 'business-licence', title: '营业执照', expiresOn: '2099-12-31', state: 'valid' },
          { id: 'doc-2', kind: 'certificate', title: 'ISO 9001', expiresOn: '2027-01-15', state: 'expiring' },
        ],
        hasValidLicence: true,
      },
      references: {},
    },
  },
};
