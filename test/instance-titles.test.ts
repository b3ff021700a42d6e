/**
 * Every process's instances as the auditor meets them: the title (from what the instance recorded, each process's
 * `instanceTitle`) and the instance page's data, rendered by the page's own component with the catalogue the API
 * serves. zh-CN first: no id, internal value or English wording in the title; every key of the data worded in both
 * languages. A new process fails here until it has a sample below.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { instanceTitle } from '../api/use-cases/instance-titles';
import { processCatalogue } from '../api/use-cases/process-instances';
import { nameTitle, type Label, type Language } from '../contracts/labels';
import type { TaskReferences } from '../contracts/tasks';
import { LabelledRecord } from '../ui/src/components/labelled-data';
import { I18nProvider } from '../ui/src/lib/i18n';
import { PROCESSES } from '../workflows/processes';

const catalogue = processCatalogue();

/** What the names of the samples' ids are (the API looks them up). */
const REFERENCES: TaskReferences = {
  zone: { 'z-b1-lobby': '1号楼大堂' },
  unit: { 'b1-201': '1号楼 201' },
  user: { 'u-auditor': '审计员赵' },
  supplier: { 'v-acme': '安科保安科技' },
  device: { 'door-b1': '1号楼门禁', 'cam-b1-lobby': '1号楼大堂摄像机' },
  process: { 'fault-repair-r1': '视频监控：大堂摄像机无画面', 'annual-plan-2027': '2027 年度计划' },
};

interface InstanceSample {
  /** The title as its workflow records it. */
  recorded: string;
  data: Record<string, unknown>;
  /** Internal values and ids of the sample that must not show in the title. */
  raw: string[];
  /** What the zh-CN title says. */
  says: string[];
}

const failure = { deviceId: 'door-b1', type: 'Unreachable', error: 'connect ECONNREFUSED' };

/** One instance of each process, recorded as its workflow records it (title and data). */
const SAMPLES: Record<string, InstanceSample> = {
  'alarm-linkage': {
    recorded: 'fielddetection @ z-b1-lobby',
    data: { zoneId: 'z-b1-lobby', alarmType: 'fielddetection', repeatCount: 5, detectorState: 'active', outcome: { verdict: 'real', repeatCount: 5, faultRepairWorkflowId: 'fault-repair-r1' } },
    raw: ['fielddetection', 'z-b1-lobby', '@'],
    says: ['区域入侵侦测', '1号楼大堂'],
  },
  'fault-repair': {
    recorded: '视频监控：大堂摄像机无画面',
    data: {
      report: {
        occurredAt: '2026-12-01T08:00:00.000Z',
        location: { buildingId: 'b1', zoneId: 'z-b1-lobby', deviceId: 'cam-b1-lobby' },
        system: 'cctv',
        symptoms: '大堂摄像机无画面',
        source: 'monitoring',
        reporter: { userId: 'u-auditor', displayName: '审计员赵' },
      },
      reworkCount: 0,
      diagnosis: { cause: '电源故障', repairPlan: '更换电源', faultClass: 'general', by: '技术员王' },
      recovered: { backOnlineAt: '2026-12-01T09:00:00.000Z', closedBy: '技术员王' },
      outcome: { repairedBy: 'in-house', reworkCount: 0, verifiedBy: '业主张', closedAs: 'device-back-online' },
    },
    raw: ['cctv'],
    says: ['视频监控', '大堂摄像机无画面'],
  },
  'access-anomaly': {
    recorded: 'Many people read in a short time: 审计员赵',
    data: { alertId: 'a-1', rule: 'many-people', actorId: 'u-auditor', windowStart: '2026-12-01T08:00:00.000Z', windowEnd: '2026-12-01T09:00:00.000Z', observed: 40, threshold: 20, finding: 'legitimate', note: '盘点', reviewedBy: '主管' },
    raw: ['many-people', 'u-auditor', 'Many people'],
    says: ['短时间内查阅多人记录', '审计员赵'],
  },
  'access-revocation': {
    recorded: 'Revoke access: 李四 (moved-out)',
    data: { personId: 'p-li', reason: 'moved-out', outcome: { credentialsRevoked: 2, failed: [failure], visitorPassesEnded: [] } },
    raw: ['moved-out', 'Revoke', 'p-li'],
    says: ['李四', '迁出'],
  },
  'credential-enrolment': {
    recorded: 'card: 李四',
    data: { credentialId: 'c-1', personId: 'p-li', kind: 'card', deviceIds: ['door-b1'], outcome: { status: 'refused', refusal: 'NoOtherWayIn', enrolled: ['door-b1'], failed: [failure] } },
    raw: ['card', 'p-li'],
    says: ['门禁卡', '李四'],
  },
  'face-deletion': {
    recorded: 'Delete face: 李四',
    data: { deletionId: 'd-1', personId: 'p-li', outcome: { status: 'incomplete', deletedFrom: ['door-b1'], failed: [failure], imagesErased: 1 } },
    raw: ['Delete face', 'p-li'],
    says: ['删除人脸', '李四'],
  },
  'owner-feedback': {
    recorded: 'complaint: 电梯间夜里灯不亮',
    data: {
      feedback: { category: 'complaint', text: '电梯间夜里灯不亮', place: { buildingId: 'b1', unitId: 'b1-201' }, photoIds: ['f-1.photo-1'], owner: { userId: 'u-auditor', displayName: '审计员赵' } },
      department: 'customer-service',
      replies: 2,
      reopenCount: 1,
      lastReply: '已更换镇流器',
      reopenReason: '还在闪',
      escalated: 'management',
      rating: 4,
      ratingComment: '处理及时',
      outcome: { category: 'complaint', resolution: 'confirmed', rating: 4, reopenCount: 1, escalated: 'management', improvementId: null },
    },
    raw: ['complaint', 'b1-201'],
    says: ['投诉', '电梯间夜里灯不亮'],
  },
  announcement: {
    recorded: '公告：1号楼停水通知',
    data: {
      announcementId: 'a-1',
      draft: { title: '1号楼停水通知', body: '明日 9:00–12:00 停水', audience: 'building', buildingId: 'b1', unitIds: [], pinned: true, expiresAt: '2026-12-10T08:00:00.000Z' },
      returns: 1,
      reasons: '请写明联系电话',
      approvedBy: '总经理 郑华',
      audienceSize: 6,
      publishedAt: '2026-12-03T08:00:00.000Z',
    },
    raw: ['building', 'a-1'],
    says: ['公告', '1号楼停水通知'],
  },
  'owners-vote': {
    recorded: "Owners' vote: 更换电梯",
    data: { voteId: 'v-1', item: 6, origin: null, opensAt: '2026-12-01T08:00:00.000Z', closesAt: '2026-12-15T08:00:00.000Z', ballotsDigest: 'ab'.repeat(32), objections: 0 },
    raw: ["Owners' vote"],
    says: ['业主表决', '更换电梯'],
  },
  'plate-list': {
    recorded: 'Plate 粤B·D7777: allow',
    data: { plate: '粤B·D7777', list: 'allow', outcome: { pushedTo: ['door-b1'], failed: [] } },
    raw: ['allow', 'Plate'],
    says: ['粤B·D7777', '放行名单'],
  },
  'visitor-pass': {
    recorded: 'Visitor 刘 → b1-201',
    data: { passId: 'pass-1', credentialId: 'c-2', hostUnitId: 'b1-201', validUntil: '2026-12-02T08:00:00.000Z', deviceIds: ['door-b1'], outcome: { status: 'completed' } },
    raw: ['b1-201', 'Visitor'],
    says: ['访客 刘', '1号楼 201'],
  },
  'supplier-evaluation': {
    recorded: 'Supplier evaluation: v-acme (quarterly)',
    data: { vendorId: 'v-acme', trigger: 'quarterly', periodFrom: '2026-09-01T00:00:00.000Z', periodTo: '2026-12-01T00:00:00.000Z', poorBelow: 60, poor: false },
    raw: ['v-acme', 'quarterly', 'Supplier evaluation'],
    says: ['安科保安科技', '季度评价'],
  },
  'supplier-qualification': {
    recorded: 'Re-qualification: 安科保安科技',
    data: { vendorId: 'v-acme', vendorName: '安科保安科技', kind: 'requalification', hasValidLicence: true },
    raw: ['Re-qualification', 'requalification'],
    says: ['复审', '安科保安科技'],
  },
  'supplier-requalification': {
    recorded: 'Supplier registry sweep',
    data: { outcome: { flaggedDocuments: 1, started: ['fault-repair-r1'] } },
    raw: ['Supplier registry sweep'],
    says: ['供应商名录定期复审'],
  },
  'replay-audit': {
    recorded: 'Nightly replay audit',
    data: { since: '2026-12-01T00:00:00.000Z', replayed: 12, missing: 0, divergenceCount: 0, divergences: [] },
    raw: ['Nightly replay audit'],
    says: ['重放'],
  },
  'annual-plan': {
    recorded: '2027 年度计划 Annual plan 2027',
    data: { year: 2027, budgetTotalYuan: 86000.5, receiptNumber: 'R-1' },
    raw: ['Annual plan'],
    says: ['2027 年度计划'],
  },
  'committee-filing': {
    recorded: '2027 年度计划与预算备案',
    data: { planWorkflowId: 'annual-plan-2027', year: 2027, filedAt: '2026-12-01T08:00:00.000Z', packageDigest: 'cd'.repeat(32), status: 'acknowledged', receiptNumber: 'R-1' },
    raw: [],
    says: ['2027 年度计划与预算备案'],
  },
  procurement: {
    recorded: '更换大堂摄像机',
    data: { projectId: 'p-1', planWorkflowId: 'annual-plan-2027', estimate: 86000, system: 'cctv', method: 'inquiry', methodReason: '金额较小', bidDeadline: '2026-12-10T08:00:00.000Z' },
    raw: [],
    says: ['更换大堂摄像机'],
  },
  'project-acceptance': {
    recorded: '更换大堂摄像机',
    data: { contractId: 'ct-1', vendorId: 'v-acme', system: 'cctv', biometric: false, deliveryWorkflowId: 'fault-repair-r1', rounds: 1, warrantyStartsAt: '2026-12-01T08:00:00.000Z', warrantyEndsAt: '2028-12-01T08:00:00.000Z' },
    raw: [],
    says: ['更换大堂摄像机'],
  },
  'project-delivery': {
    recorded: '更换大堂摄像机',
    data: { contractId: 'ct-1', projectId: 'p-1', vendorId: 'v-acme', deliveryDate: '2027-03-01', procurementWorkflowId: 'fault-repair-r1', reports: 2, lastReport: { percentComplete: 50, at: '2026-12-01T08:00:00.000Z' } },
    raw: [],
    says: ['更换大堂摄像机'],
  },
  'data-review': {
    recorded: 'b1-201 数据变更 Data change',
    data: {
      changeId: 'ch-1',
      kind: 'unit',
      action: 'change',
      unitId: 'b1-201',
      maker: '审计员赵',
      revision: 2,
      needsSecondApproval: true,
      returned: { by: '主管', reasons: '面积有误' },
      outcome: { status: 'applied', revision: 2, checkedBy: '主管', approvedBy: '经理' },
    },
    raw: ['b1-201', 'Data change', 'change'],
    says: ['修改房屋', '1号楼 201'],
  },
  'training-cycle': {
    recorded: '2031 年度培训 Training cycle 2031',
    data: {
      year: 2031,
      needs: '监控维修返工偏多，需加强诊断培训',
      returned: { by: '总经理 郑华', comments: '请补充实操考核的评分标准' },
      courses: ['信息安全与个人信息保护', '门禁系统厂家认证'],
      outcome: { year: 2031, courses: 2, completed: 2 },
    },
    raw: ['Training cycle'],
    says: ['2031 年度培训'],
  },
  backup: {
    recorded: 'Restore drill',
    data: { kind: 'drill', requestedBy: '技术主管 孙', mismatches: 1, backupRunId: 'backup-full-20261201', problems: ['表 tasks 行数不一致'], faultRepairWorkflowId: 'fault-repair-r1' },
    raw: ['Restore drill', 'drill', 'backup-full-20261201'],
    says: ['恢复演练'],
  },
  'device-upgrade': {
    recorded: '大堂摄像机固件升级',
    data: {
      planId: 'pl-1',
      title: '大堂摄像机固件升级',
      risk: 'medium',
      windowStartsAt: '2026-12-01T16:00:00.000Z',
      windowEndsAt: '2026-12-01T20:00:00.000Z',
      waveSize: 20,
      maxFailures: 2,
      needsManagement: true,
      approvedBy: '技术主管、经理',
      deviceCounts: [
        { state: 'upgraded', count: 18 },
        { state: 'rolled-back', count: 1 },
        { state: 'skipped', count: 1 },
      ],
      outcome: {
        status: 'stopped',
        reason: 'threshold-passed',
        upgraded: 18,
        rolledBack: 1,
        rollbackFailed: 0,
        skipped: 1,
        failedDevices: [{ deviceId: 'cam-b1-lobby', state: 'rolled-back', error: 'version: reports V5.7.3, expected V5.8.0' }],
      },
    },
    raw: [],
    says: ['大堂摄像机固件升级'],
  },
  inspection: {
    recorded: '大门摄像机检查',
    data: { planId: 'ip-1', plan: '大门摄像机检查', responsibleRole: 'tech-supervisor', dueAt: '2026-12-01T08:00:00.000Z', inspectedBy: '技术员王', faultRepairWorkflowIds: ['fault-repair-r1'] },
    raw: [],
    says: ['大门摄像机检查'],
  },
};

const isLabel = (value: unknown): value is Label =>
  !!value && typeof value === 'object' && typeof (value as Label)['zh-CN'] === 'string' && (value as Label)['zh-CN'].trim() !== '' && typeof (value as Label).en === 'string' && (value as Label).en.trim() !== '';

/** The title as the API answers it: the recorded instance's title, its ids named. */
function shownTitle(process: string, sample: InstanceSample): Label {
  const title = instanceTitle({ process, title: sample.recorded, data: sample.data });
  const names = Object.fromEntries(Object.entries(REFERENCES).filter(([kind]) => kind !== 'process'));
  return { 'zh-CN': nameTitle(title['zh-CN'], names), en: nameTitle(title.en, names) };
}

/** The instance page's data card, as React renders it. */
function renderData(process: string, data: Record<string, unknown>, language: Language): string {
  const vocabulary = catalogue.find((entry) => entry.name === process)!.labels;
  const record = createElement(LabelledRecord, { record: data, vocabulary, references: REFERENCES, processLink: (workflowId: string) => `/processes/${workflowId}` });
  return renderToStaticMarkup(createElement(I18nProvider, { catalogue, language, children: createElement(MemoryRouter, null, record) }));
}

/** The headings of the data's entries (`<dt>` and table headings): what keys are shown as. */
const headingsOf = (html: string) => [...html.matchAll(/<(dt|th)[^>]*>([\s\S]*?)<\/\1>/g)].map((match) => match[2].replace(/<[^>]+>/g, '').trim());

/** Every key of a value, at any depth. */
function keysOf(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) keysOf(item, into);
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      into.add(key);
      keysOf(item, into);
    }
  }
  return into;
}

const processes = PROCESSES.map((definition) => ({ process: definition.name }));

describe("every process's instances are titled and their data worded, zh-CN first", () => {
  it('every process has a sample instance', () => {
    expect(PROCESSES.map((definition) => definition.name).filter((name) => !SAMPLES[name])).toEqual([]);
  });

  it.each(processes)('$process: the title names things in the reader’s language, with no id or internal value', ({ process }) => {
    const sample = SAMPLES[process];
    const title = shownTitle(process, sample);
    expect(isLabel(title), process).toBe(true);
    for (const text of sample.says) expect(title['zh-CN']).toContain(text);
    for (const raw of sample.raw) expect(title['zh-CN'], `${process}: "${raw}" shows in ${title['zh-CN']}`).not.toContain(raw);
    // Nothing left for the API to name, and no English wording in zh-CN (a plate or a year may hold Latin letters).
    expect(title['zh-CN']).not.toMatch(/\{[a-z]+:/);
    expect(title['zh-CN'].replace(sample.data.plate === undefined ? '' : String(sample.data.plate), '')).not.toMatch(/[A-Za-z]{3,}/);
  });

  it.each(processes)('$process: every key of the instance data is worded in both languages, none shows as it is', ({ process }) => {
    const { data } = SAMPLES[process];
    const vocabulary = catalogue.find((entry) => entry.name === process)!.labels;
    for (const key of keysOf(data)) expect(isLabel(vocabulary[key]?.title), `${process}: data key ${key} has no wording`).toBe(true);
    const headings = headingsOf(renderData(process, data, 'zh-CN'));
    expect(headings.length).toBeGreaterThan(0);
    for (const heading of headings) expect(heading, `${process}: a heading "${heading}" is not Chinese`).toMatch(/[\u4e00-\u9fff]/);
    for (const key of keysOf(data)) expect(headings, `${process}: the key ${key} shows`).not.toContain(key);
    const english = headingsOf(renderData(process, data, 'en'));
    for (const key of keysOf(data)) expect(english, `${process} (en): the key ${key} shows`).not.toContain(key);
  });

  it('the alarm page data names the zone and the linked repair; a title recorded before the data still reads', () => {
    const zh = renderData('alarm-linkage', SAMPLES['alarm-linkage'].data, 'zh-CN');
    expect(zh).toContain('1号楼大堂');
    expect(zh).toContain('>视频监控：大堂摄像机无画面</a>');
    expect(zh).not.toContain('z-b1-lobby');
    // The first write of an instance (its start) has a title and no data yet.
    expect(shownTitle('alarm-linkage', { ...SAMPLES['alarm-linkage'], data: {} })).toEqual({ 'zh-CN': '区域入侵侦测 · 1号楼大堂', en: 'Field detection · 1号楼大堂' });
    expect(shownTitle('visitor-pass', { ...SAMPLES['visitor-pass'], data: {} })['zh-CN']).toBe('访客 刘 → 1号楼 201');
  });

  it('the check has teeth: a key without wording shows as it is and is caught', () => {
    const headings = headingsOf(renderData('alarm-linkage', { mysteryKey: 1 }, 'zh-CN'));
    expect(headings).toContain('mysteryKey');
  });
});
