import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTrainingSchedules, SECURITY_TRAINING_REMINDER_SCHEDULE_ID, TRAINING_CYCLE_SCHEDULE_ID } from '../api/use-cases/training';
import type { TaskView } from '../contracts/tasks';
import type { TrainingFile } from '../contracts/training';
import { accessLog, notifications, trainingPlans, trainingRecords } from '../db/schema';
import type { TrainingCycleOutcome } from '../workflows/training-cycle/messages';
import { API, completeTask } from './support/governance-scenarios';
import { signIn, type HttpClient, type SignedInClient } from './support/http-client';
import { expectProblem } from './support/problems';
import { eventually, startApiTestStack, type ApiTestStack } from './support/stack';
import { CERTIFICATE_PDF, NEEDS, trainingPlan } from './support/training-scenarios';

let stack: ApiTestStack;
const started: string[] = [];
let people: Record<string, SignedInClient>;

const USERNAMES = ['hr', 'manager', 'tech1', 'tech2', 'guard1', 'secsup', 'techsup', 'owner-zhang'];
const DAY_MS = 86_400_000;

beforeAll(async () => {
  stack = await startApiTestStack();
  const clients = await Promise.all(USERNAMES.map((username) => signIn(stack.baseUrl, username)));
  people = Object.fromEntries(USERNAMES.map((username, index) => [username, clients[index]]));
});
afterAll(async () => {
  await Promise.all(started.map((workflowId) => stack.client.workflow.getHandle(workflowId).terminate('test done').catch(() => undefined)));
  await stack?.stop();
});

/** The open tasks of a step of the instance, once there are `count` of them, as `http` sees them. */
async function openTasks(http: HttpClient, workflowId: string, stepId: string, count = 1): Promise<TaskView[]> {
  const listed = await eventually(async () => {
    const response = await http.get(`${API}/tasks?process=training-cycle&step=${stepId}&limit=200`);
    if (response.status !== 200) throw new Error(`worklist: ${response.status} ${JSON.stringify(response.body)}`);
    const mine = (response.body.items as TaskView[]).filter((task) => task.workflowId === workflowId && task.status === 'open');
    return mine.length >= count ? mine : undefined;
  });
  return Promise.all(listed.map(async (task) => (await http.get(`${API}/tasks/${encodeURIComponent(task.id)}`)).body as TaskView));
}
const openTask = async (http: HttpClient, workflowId: string, stepId: string) => (await openTasks(http, workflowId, stepId))[0];

async function startCycle(year: number) {
  const response = await people.hr.post(`${API}/training-cycles`, { cycleId: randomUUID(), year });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  started.push(response.body.workflowId);
  return response.body.workflowId as string;
}

const fileOf = async (http: HttpClient, userId: string) => {
  const response = await http.get(`${API}/training-files/${userId}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as TrainingFile;
};

describe('the training cycle over HTTP (P6.1a–P6.3a)', () => {
  it('needs, plan returned then approved, sessions with a certificate, an exam auto-marked and a practical scored into the training files', async () => {
    const workflowId = await startCycle(2031);

    // P6.1a: the needs analysis shows the evidence beside the skills matrix.
    const needs = await openTask(people.hr, workflowId, 'analyseNeeds');
    expect(Object.keys(needs.context.evidence as object).sort()).toEqual(['expiringCertificates', 'failedAssessments', 'overdueTasks', 'repairs']);
    expect(JSON.stringify(needs.formSchema)).toContain('u-tech1');
    // A skills row for someone who is not staff is refused at its field.
    const notStaff = await people.hr.post(`${API}/tasks/${encodeURIComponent(needs.id)}/complete`, { payload: { ...NEEDS, skills: [{ ...NEEDS.skills[0], userId: 'u-owner-zhang' }] } });
    expectProblem(notStaff, 422, 'task.form-invalid', 'payload.skills.0.userId');
    await completeTask(people.hr, needs.id, NEEDS);

    // P6.1b: the plan, returned once by management, then approved.
    const plan = trainingPlan(['u-tech1', 'u-guard1'], ['u-tech2']);
    const firstDraft = await openTask(people.hr, workflowId, 'draftTrainingPlan');
    await completeTask(people.hr, firstDraft.id, plan);
    const firstApproval = await openTask(people.manager, workflowId, 'approveTrainingPlan');
    const missingComment = await people.manager.post(`${API}/tasks/${encodeURIComponent(firstApproval.id)}/complete`, { payload: { decision: 'returned' } });
    expectProblem(missingComment, 422, 'task.form-invalid', 'payload.comments');
    await completeTask(people.manager, firstApproval.id, { decision: 'returned', comments: '请补充实操考核的评分标准' });
    const secondDraft = await openTask(people.hr, workflowId, 'draftTrainingPlan');
    expect(secondDraft.id).not.toBe(firstDraft.id);
    expect(secondDraft.context.returned).toMatchObject({ comments: '请补充实操考核的评分标准' });
    await completeTask(people.hr, secondDraft.id, plan);
    await completeTask(people.manager, (await openTask(people.manager, workflowId, 'approveTrainingPlan')).id, { decision: 'approved' });
    await eventually(async () => (await stack.db.select().from(trainingPlans).where(eq(trainingPlans.workflowId, workflowId)))[0]);

    // P6.2a–c: each course's session. The external course needs each attendee's certificate, checked to be what it says.
    const sessions = await openTasks(people.hr, workflowId, 'recordSession', 2);
    const security = sessions.find((task) => task.context.topic === 'security')!;
    const external = sessions.find((task) => task.context.method === 'external-course')!;
    const fake = await people.hr.post(`${API}/training/certificates`, { fileId: randomUUID(), file: `data:application/pdf;base64,${Buffer.from('not a pdf at all').toString('base64')}` });
    expectProblem(fake, 422, 'request.body-invalid', 'file');
    expectProblem(await people.tech1.post(`${API}/training/certificates`, { fileId: randomUUID(), file: CERTIFICATE_PDF }), 403, 'auth.needs-role');
    const certificateId = randomUUID();
    const uploaded = await people.hr.post(`${API}/training/certificates`, { fileId: certificateId, file: CERTIFICATE_PDF });
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
    const withoutCertificate = await people.hr.post(`${API}/tasks/${encodeURIComponent(external.id)}/complete`, { payload: { attendance: [{ userId: 'u-tech2', attended: true }] } });
    expectProblem(withoutCertificate, 422, 'task.form-invalid', 'payload.attendance.0.certificateId');
    const certificateExpiresAt = new Date(Date.now() + 730 * DAY_MS).toISOString();
    await completeTask(people.hr, external.id, { attendance: [{ userId: 'u-tech2', attended: true, certificateId, certificateExpiresAt }] });
    await completeTask(people.hr, security.id, {
      attendance: [
        { userId: 'u-tech1', attended: true },
        { userId: 'u-guard1', attended: true },
      ],
      materials: '课件：信息安全制度 2031 版',
    });

    // P6.3a: each attendee's own exam (nobody else's), marked against the plan's answers; the practical by the assessor.
    const tech1Exam = await openTask(people.tech1, workflowId, 'takeExam');
    const guardExam = await openTask(people.guard1, workflowId, 'takeExam');
    expect(tech1Exam.candidateUsers).toEqual(['u-tech1']);
    expect(JSON.stringify(tech1Exam.context)).not.toContain('answer');
    expect((await people.tech1.post(`${API}/tasks/${encodeURIComponent(guardExam.id)}/complete`, { payload: { q1: '工作需要', q2: '会' } })).status).toBe(404);
    await completeTask(people.tech1, tech1Exam.id, { q1: '工作需要', q2: '会' });
    await completeTask(people.guard1, guardExam.id, { q1: '好奇', q2: '会' });
    const practical = await openTask(people.secsup, workflowId, 'scorePractical');
    await completeTask(people.secsup, practical.id, {
      scores: [
        { userId: 'u-tech1', score: 85, comment: '操作规范' },
        { userId: 'u-guard1', score: 70 },
      ],
    });

    const outcome = (await stack.client.workflow.getHandle(workflowId).result()) as TrainingCycleOutcome;
    expect(outcome).toEqual({ year: 2031, courses: 2, completed: 2 });

    // The training files (P6.3a): HR reads anyone's, a person their own and nobody else's.
    const tech1 = await fileOf(people.hr, 'u-tech1');
    const scores = Object.fromEntries(tech1.scores.filter((entry) => entry.workflowId === workflowId).map((entry) => [entry.kind, [entry.score, entry.passed]]));
    expect(scores).toEqual({ exam: [100, true], practical: [85, true] });
    const completion = tech1.completions.find((entry) => entry.workflowId === workflowId)!;
    expect(completion).toMatchObject({ topic: 'security', courseTitle: '信息安全与个人信息保护', expired: false });
    expect(Date.parse(completion.expiresAt!) - Date.parse(completion.completedAt)).toBeGreaterThan(360 * DAY_MS);
    expect(tech1.skills).toEqual([{ year: 2031, system: 'cctv', role: 'technician', level: 2, need: '摄像机故障诊断 Camera fault diagnosis' }]);
    expect(tech1.security.valid).toBe(true);

    const guard = await fileOf(people.guard1, 'u-guard1');
    expect(guard.scores.filter((entry) => entry.workflowId === workflowId).map((entry) => [entry.kind, entry.score, entry.passed]).sort()).toEqual([
      ['exam', 50, false],
      ['practical', 70, true],
    ]);
    expect(guard.completions.filter((entry) => entry.workflowId === workflowId)).toEqual([]);
    expectProblem(await people.guard1.get(`${API}/training-files/u-tech1`), 403, 'training.file-not-yours');

    const tech2 = await fileOf(people.manager, 'u-tech2');
    expect(tech2.certificates.map((entry) => [entry.certificateId, entry.expiresAt])).toEqual([[certificateId, certificateExpiresAt]]);
    const download = await people.hr.raw(`${API}/training/certificates/${certificateId}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toMatch(/^application\/pdf/);
    expect((await people.tech2.raw(`${API}/training/certificates/${certificateId}`)).status).toBe(200);
    expect((await people.tech1.raw(`${API}/training/certificates/${certificateId}`)).status).toBe(404);

    // Each read of someone's training file is in the access log (P5.3c).
    const logged = await stack.db.select().from(accessLog).where(and(eq(accessLog.kind, 'training-file'), eq(accessLog.actorId, 'u-hr')));
    expect(logged.length).toBeGreaterThan(0);
  }, 120_000);
});

describe('the security course (P5.3a)', () => {
  it('a staff member whose course expired is refused personal data with the reason, in their language; their own training file stays open; the gate is a setting', async () => {
    const expiredOn = new Date(Date.now() - 2 * DAY_MS);
    await stack.db.update(trainingRecords).set({ expiresAt: expiredOn }).where(and(eq(trainingRecords.userId, 'u-manager'), eq(trainingRecords.topic, 'security')));
    const day = expiredOn.toISOString().slice(0, 10);

    const refused = await people.manager.get(`${API}/users/u-tech1`);
    expectProblem(refused, 403, 'training.security-course-needed');
    expect(refused.body.detail).toContain(`expired on ${day}`);
    const zh = await signIn(stack.baseUrl, 'manager', undefined, 'zh-CN');
    const inChinese = await zh.get(`${API}/users/u-tech1`);
    expectProblem(inChinese, 403, 'training.security-course-needed');
    expect(inChinese.body.detail).toContain(`已于 ${day} 过期`);
    expect(inChinese.body.detail).toContain('信息安全培训');
    // What holds nobody's personal data stays open, and so does their own training file, which says why.
    expect((await people.manager.get(`${API}/tasks?limit=5`)).status).toBe(200);
    const own = await fileOf(people.manager, 'u-manager');
    expect(own.security).toEqual({ valid: false, validUntil: expiredOn.toISOString() });

    // Never trained at all: refused too. Owners are no staff: the gate is not theirs.
    await stack.db.delete(trainingRecords).where(eq(trainingRecords.userId, 'u-hr'));
    const untrained = await people.hr.get(`${API}/staff-users`);
    expectProblem(untrained, 403, 'training.security-course-needed');
    expect(untrained.body.detail).toContain('is not completed');

    stack.ctx.settings.training = { ...stack.ctx.settings.training, securityGate: false };
    try {
      expect((await people.hr.get(`${API}/staff-users`)).status).toBe(200);
    } finally {
      stack.ctx.settings.training = { ...stack.ctx.settings.training, securityGate: true };
    }

    // A course completed again opens the pages again.
    await stack.db.update(trainingRecords).set({ expiresAt: new Date(Date.now() + 365 * DAY_MS) }).where(and(eq(trainingRecords.userId, 'u-manager'), eq(trainingRecords.topic, 'security')));
    expect((await people.manager.get(`${API}/users/u-tech1`)).status).toBe(200);
  });

  it('reminds a staff member before their course expires, once per expiry', async () => {
    const expiresAt = new Date(Date.now() + 10 * DAY_MS);
    await stack.db.update(trainingRecords).set({ expiresAt }).where(and(eq(trainingRecords.userId, 'u-tech2'), eq(trainingRecords.topic, 'security')));
    const remind = async () => {
      const workflowId = `security-training-reminder-${randomUUID()}`;
      return (await stack.client.workflow.execute('securityTrainingReminder', { taskQueue: stack.taskQueue, workflowId, args: [{ warnMs: 30 * DAY_MS }] })) as { reminded: number };
    };
    expect((await remind()).reminded).toBeGreaterThanOrEqual(1);
    await remind();
    const sent = await stack.db.select().from(notifications).where(eq(notifications.dedupeKey, `security-training-expiry.u-tech2.${expiresAt.toISOString().slice(0, 10)}`));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ recipientUsers: ['u-tech2'], link: '/training/files/u-tech2' });
    expect(sent[0].message).toContain('信息安全培训');
  });
});

describe('the Schedules (P6.1a, P5.3a)', () => {
  it('the year-start cycle and the daily reminder are created once; the cycle follows the configured cron', async () => {
    const settings = stack.ctx.settings.training;
    await ensureTrainingSchedules(stack.client, stack.taskQueue, settings);
    await ensureTrainingSchedules(stack.client, stack.taskQueue, { ...settings, cycleCron: '0 8 3 1 *' });
    const cycle = stack.client.schedule.getHandle(TRAINING_CYCLE_SCHEDULE_ID);
    const reminder = stack.client.schedule.getHandle(SECURITY_TRAINING_REMINDER_SCHEDULE_ID);
    try {
      const schedule = await cycle.describe();
      expect(schedule.action).toMatchObject({ type: 'startWorkflow', workflowType: 'trainingCycle', taskQueue: stack.taskQueue });
      const next = schedule.info.nextActionTimes[0];
      expect([next.getUTCMonth(), next.getUTCDate(), next.getUTCHours()]).toEqual([0, 3, 8]);
      expect((await reminder.describe()).action).toMatchObject({ type: 'startWorkflow', workflowType: 'securityTrainingReminder' });
    } finally {
      await cycle.delete();
      await reminder.delete();
    }
  });
});
