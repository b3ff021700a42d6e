import { createHash, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAnnualPlanSchedule, ANNUAL_PLAN_SCHEDULE_ID } from '../api/use-cases/annual-plan';
import { ballots, committeeFilings, notifications, ownerVotes, planProjects, processLinks } from '../db/schema';
import type { AnnualPlanOutcome, ProcurementStart } from '../workflows/annual-plan/messages';
import { API, BUDGET, completeTask, CONTRIBUTION, openTaskOf, PLAN, testGovernanceSettings, voteInStatus } from './support/governance-scenarios';
import { chineseCharactersOf, printedCharacters } from './support/pdf-characters';
import { signIn, type HttpClient, type HttpResponse, type SignedInClient } from './support/http-client';
import { eventually, startApiTestStack, type ApiTestStack } from './support/stack';

let stack: ApiTestStack;
const started: string[] = [];
let people: Record<string, SignedInClient>;

const USERNAMES = ['committee', 'manager', 'finance', 'techsup', 'guard1', 'monitor', 'auditor', 'owner-zhang', 'owner-li', 'owner-wang', 'owner-chen', 'owner-zhao', 'developer'];

beforeAll(async () => {
  stack = await startApiTestStack();
  stack.ctx.settings.governance = testGovernanceSettings();
  const clients = await Promise.all(USERNAMES.map((username) => signIn(stack.baseUrl, username)));
  people = Object.fromEntries(USERNAMES.map((username, index) => [username, clients[index]]));
});
afterAll(async () => {
  await Promise.all(started.map((workflowId) => stack.client.workflow.getHandle(workflowId).terminate('test done').catch(() => undefined)));
  await stack?.stop();
});

function expectProblem(response: HttpResponse, status: number, field?: string) {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.contentType).toMatch(/^application\/problem\+json\b/);
  if (field) expect((response.body.errors ?? []).map((error: { field: string }) => error.field)).toContain(field);
  return response.body as { detail: string };
}

const cast = (http: HttpClient, voteId: string, choice: string, onBehalfOf?: string) =>
  http.post(`${API}/votes/${voteId}/ballots`, { choice, ...(onBehalfOf ? { onBehalfOf } : {}) });

async function requestVote(item: number, title: string) {
  const voteId = `t-${randomUUID().slice(0, 8)}`;
  const response = await people.committee.post(`${API}/votes`, { voteId, title, description: `${title}, as discussed at the assembly`, item });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  started.push(response.body.workflowId);
  return { voteId, workflowId: response.body.workflowId as string };
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe("owners' vote over HTTP (P2.1c, art. 278)", () => {
  it('passes: one ballot per owner, co-owners share it, a proxy casts, participation is live, evidence digests match', async () => {
    const { voteId, workflowId } = await requestVote(9, 'Install EV chargers in the car park');
    // During the notice period nobody can vote yet.
    const notice = await voteInStatus(people['owner-zhang'], voteId, 'notice');
    expect(Date.parse(notice.opensAt) - Date.parse(notice.noticeAt)).toBe(1_000);
    expectProblem(await cast(people['owner-zhang'], voteId, 'for'), 409, 'voteId');

    const open = await voteInStatus(people['owner-zhang'], voteId, 'open');
    // 12 units, 6 heads: Zhang (2 units), Li+Wang, Qian, Chen, Zhao, the developer (6 units). 1,441.50 m².
    expect(open.participation).toMatchObject({ area: 0, heads: 0, rollArea: 144_150, rollHeads: 6 });
    expect(open.me).toMatchObject({ voterId: 'o-zhang', ballot: null });

    const first = await cast(people['owner-zhang'], voteId, 'for');
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ voterId: 'o-zhang', repeated: false, participation: { area: 19_125, heads: 1 } });
    // The same ballot again (a retry) changes nothing; a different choice is refused.
    expect((await cast(people['owner-zhang'], voteId, 'for')).body).toMatchObject({ repeated: true, participation: { heads: 1 } });
    expectProblem(await cast(people['owner-zhang'], voteId, 'against'), 409, 'choice');

    // Co-owners Li and Wang share one ballot; both cast at the same moment, each twice (a retry): one ballot
    // counts, the same caster's repeats are told it is there, the other co-owner is refused.
    const burst = await Promise.all(['owner-li', 'owner-wang', 'owner-li', 'owner-wang'].map((username) => cast(people[username], voteId, 'for').then((response) => ({ username, response }))));
    const counted = burst.filter(({ response }) => response.status === 200 && response.body.repeated === false);
    expect(counted, JSON.stringify(burst.map(({ response }) => response.body))).toHaveLength(1);
    for (const { username, response } of burst.filter((answer) => answer !== counted[0])) {
      if (username === counted[0].username) expect(response.body).toMatchObject({ voterId: 'o-li', repeated: true, participation: { heads: 2 } });
      else expect(expectProblem(response, 409, 'choice').detail).toMatch(/already cast/);
    }
    expect((await people['owner-li'].get(`${API}/votes/${voteId}/participation`)).body).toMatchObject({ heads: 2 });
    const coOwner = expectProblem(await cast(people['owner-wang'], voteId, 'against'), 409, 'choice');
    expect(coOwner.detail).toMatch(/already cast/);

    // Chen names Zhang as proxy; Zhang casts Chen's ballot, recorded with the proxy's name.
    const proxy = await people['owner-chen'].post(`${API}/votes/${voteId}/proxy`, { proxyOwnerId: 'o-zhang' });
    expect(proxy.status, JSON.stringify(proxy.body)).toBe(200);
    expect((await people['owner-zhang'].get(`${API}/votes/${voteId}`)).body.me.proxyFor).toEqual([{ voterId: 'o-chen', label: '陈刚 Chen Gang', voted: false }]);
    expectProblem(await cast(people['owner-li'], voteId, 'for', 'o-chen'), 403, 'onBehalfOf');
    expect((await cast(people['owner-zhang'], voteId, 'against', 'o-chen')).body).toMatchObject({ voterId: 'o-chen', repeated: false });

    expect((await cast(people.committee, voteId, 'abstain')).body).toMatchObject({ voterId: 'o-qian' });
    // Zhao names a person who is no owner: nobody, the committee included, casts in that proxy's name (M3).
    expect((await people['owner-zhao'].post(`${API}/votes/${voteId}/proxy`, { proxyName: '赵小明 Zhao Xiaoming' })).status).toBe(200);
    expect(expectProblem(await cast(people.committee, voteId, 'for', 'o-zhao'), 403, 'onBehalfOf').detail).toMatch(/not an owner/);
    expectProblem(await cast(people['owner-zhao'], voteId, 'maybe'), 400, 'choice');
    expectProblem(await people.finance.post(`${API}/votes/${voteId}/ballots`, { choice: 'for' }), 403);
    expect((await cast(people.developer, voteId, 'for')).status).toBe(200);

    // Live participation: 5 of 6 heads; area 191.25 + 114 + 138.50 + 126.25 + 720.75 = 1,290.75 m².
    const live = await people['owner-zhao'].get(`${API}/votes/${voteId}/participation`);
    expect(live.body).toMatchObject({ status: 'open', area: 129_075, heads: 5, headsPercent: 83.33, quorum: { area: true, heads: true } });
    // The evidence of ballots exists only once voting has closed.
    expectProblem(await people.auditor.get(`${API}/votes/${voteId}/evidence/ballots.csv`), 409);

    const published = await voteInStatus(people.committee, voteId, 'objection-period', 30_000);
    expect(published.result).toMatchObject({
      outcome: 'passed',
      rule: 'more-than-half',
      totals: { for: { heads: 3, areaHundredths: 102_600 }, against: { heads: 1, areaHundredths: 13_850 }, abstain: { heads: 1, areaHundredths: 12_625 } },
    });
    expectProblem(await cast(people['owner-zhao'], voteId, 'for'), 409, 'voteId');
    const objection = await people['owner-zhao'].post(`${API}/votes/${voteId}/objections`, { reason: 'The notice was not posted in building 2' });
    expect(objection.status, JSON.stringify(objection.body)).toBe(201);

    const outcome = await stack.client.workflow.getHandle(workflowId).result();
    expect(outcome).toMatchObject({ outcome: 'passed', objections: 1, rollDigest: published.rollDigest, ballotsDigest: published.ballotsDigest });
    const stored = await stack.db.select().from(ballots).where(eq(ballots.voteId, voteId));
    expect(stored).toHaveLength(5);
    expect(stored.find((ballot) => ballot.voterId === 'o-chen')).toMatchObject({ castBy: 'u-owner-zhang', proxyName: '张明 Zhang Ming', choice: 'against' });

    // Evidence: the CSVs hash to the digests fixed at freeze and close; the PDF carries both.
    const roll = await people.auditor.get(`${API}/votes/${voteId}/evidence/roll.csv`);
    expect(roll.contentType).toMatch(/^text\/csv/);
    expect(sha256(roll.body)).toBe(published.rollDigest);
    expect(roll.body.split('\n')).toContain('o-developer,o-developer,b2-101 b2-102 b2-201 b2-202 b2-301 b2-302,720.75,true');
    const ballotCsv = await people.auditor.get(`${API}/votes/${voteId}/evidence/ballots.csv`);
    expect(sha256(ballotCsv.body)).toBe(published.ballotsDigest);
    expect(ballotCsv.body.trim().split('\n')).toHaveLength(6);
    const pdf = await fetch(`${stack.baseUrl}${API}/votes/${voteId}/evidence.pdf`, { headers: { cookie: await cookieOf('auditor') } });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer()).toString('latin1');
    expect(bytes.startsWith('%PDF-')).toBe(true);
    expect(bytes).toContain(`roll-sha256=${published.rollDigest} ballots-sha256=${published.ballotsDigest}`);
    // Names are printed as written: the proxy's Chinese name is in the PDF, not dropped.
    const printed = printedCharacters(Buffer.from(bytes, 'latin1'));
    expect(chineseCharactersOf('张明').filter((character) => !printed.has(character))).toEqual([]);
    expectProblem(await people['owner-zhang'].get(`${API}/votes/${voteId}/evidence/roll.csv`), 403);
    const [vote] = await stack.db.select().from(ownerVotes).where(eq(ownerVotes.voteId, voteId));
    expect(vote.status).toBe('final');
    expect(await stack.db.select().from(notifications).where(eq(notifications.workflowId, workflowId))).toHaveLength(2);
  });

  it('rejects an art. 278 item 7 matter that has a quorum but under 3/4 for; refuses bad requests', async () => {
    expectProblem(await people.committee.post(`${API}/votes`, { voteId: 'Bad Id', title: 'x', description: 'y', item: 10 }), 400, 'item');
    expectProblem(await people['owner-zhang'].post(`${API}/votes`, { voteId: 'owner-tries', title: 'Rebuild', description: 'Rebuild it', item: 7 }), 403);
    const { voteId, workflowId } = await requestVote(7, 'Rebuild the main gate');
    await voteInStatus(people['owner-zhang'], voteId, 'open');
    for (const [username, choice] of [['owner-zhang', 'for'], ['owner-li', 'against'], ['owner-chen', 'against'], ['owner-zhao', 'for'], ['developer', 'for']]) {
      expect((await cast(people[username], voteId, choice)).status).toBe(200);
    }
    const outcome = await stack.client.workflow.getHandle(workflowId).result();
    // 5 of 6 take part; 3 of 5 heads (60 %) is under 3/4, so the matter fails although 83 % of the area is for.
    expect(outcome.outcome).toBe('rejected');
    expect(outcome.result).toMatchObject({ rule: 'three-quarters', quorum: { area: true, heads: true }, approval: { area: true, heads: false } });
  });
});

async function cookieOf(username: string): Promise<string> {
  const response = await fetch(`${stack.baseUrl}${API}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'steward-demo' }),
  });
  return response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]).join('; ');
}

describe('annual plan over HTTP (P2.1a–c, P7.2b)', () => {
  it('returned by management and by the committee, then approved, filed, voted, in effect, and its projects start procurement', async () => {
    const planId = randomUUID();
    expectProblem(await people.techsup.post(`${API}/plans`, { planId, year: 2027 }), 403);
    expectProblem(await people.manager.post(`${API}/plans`, { planId, year: 'next' }), 400, 'year');
    const startedPlan = await people.manager.post(`${API}/plans`, { planId, year: 2027 });
    expect(startedPlan.status, JSON.stringify(startedPlan.body)).toBe(201);
    const planWorkflowId = startedPlan.body.workflowId as string;
    started.push(planWorkflowId);

    // The business departments contribute in parallel.
    const [security, monitoring] = await Promise.all([
      openTaskOf(people.guard1, planWorkflowId, 'contributeToPlan', 'annual-plan'),
      openTaskOf(people.monitor, planWorkflowId, 'contributeToPlan', 'annual-plan'),
    ]);
    expect(security.id).not.toBe(monitoring.id);
    await Promise.all([completeTask(people.guard1, security.id, CONTRIBUTION), completeTask(people.monitor, monitoring.id, { needs: 'Alarm console upgrade' })]);

    const draftRound = async (round: number, done: string[]) => {
      const draft = await openTaskOf(people.techsup, planWorkflowId, 'draftPlan', 'annual-plan', done);
      expect(draft.context.contributions).toHaveLength(2);
      // A major project without its art. 278 item is refused with the field named.
      const invalid = await people.techsup.post(`${API}/tasks/${encodeURIComponent(draft.id)}/complete`, {
        payload: { ...PLAN, projects: [{ ...PLAN.projects[0], art278Item: undefined }] },
      });
      expectProblem(invalid, 422, 'payload.projects.0.art278Item');
      await completeTask(people.techsup, draft.id, PLAN);
      const budget = await openTaskOf(people.finance, planWorkflowId, 'draftBudget', 'annual-plan', done);
      expectProblem(
        await people.finance.post(`${API}/tasks/${encodeURIComponent(budget.id)}/complete`, { payload: { lineItems: [{ ...BUDGET.lineItems[0], category: 'catering' }] } }),
        422,
        'payload.lineItems.0.category',
      );
      await completeTask(people.finance, budget.id, BUDGET);
      const approval = await openTaskOf(people.manager, planWorkflowId, 'approvePlan', 'annual-plan', done);
      expect(approval.context.budgetTotalYuan).toBe(98000.5);
      done.push(draft.id, budget.id, approval.id);
      return { approval, round };
    };

    const done: string[] = [];
    const first = await draftRound(1, done);
    expectProblem(await people.manager.post(`${API}/tasks/${encodeURIComponent(first.approval.id)}/complete`, { payload: { decision: 'returned' } }), 422, 'payload.comments');
    await completeTask(people.manager, first.approval.id, { decision: 'returned', comments: 'Add supplier quotes for the cameras' });

    const second = await draftRound(2, done);
    await completeTask(people.manager, second.approval.id, { decision: 'approved' });

    // The committee returns the first filing as incomplete: back to technology.
    const filing1 = await openTaskOf(people.committee, `committee-filing-${planWorkflowId}-2`, 'acknowledgeFiling', 'committee-filing');
    // Only committee members see (and so can complete) the filing's task.
    expectProblem(await people.manager.post(`${API}/tasks/${encodeURIComponent(filing1.id)}/complete`, { payload: { decision: 'acknowledged' } }), 404);
    await completeTask(people.committee, filing1.id, { decision: 'returned', comment: 'The evaluation report is missing' });
    const third = await draftRound(3, done);
    expect((await people.techsup.get(`${API}/tasks/${encodeURIComponent(done[done.length - 3])}`)).body.context.returned).toMatchObject({ comments: 'The evaluation report is missing' });
    await completeTask(people.manager, third.approval.id, { decision: 'approved' });

    const filing2 = await openTaskOf(people.committee, `committee-filing-${planWorkflowId}-3`, 'acknowledgeFiling', 'committee-filing');
    await completeTask(people.committee, filing2.id, { decision: 'acknowledged' });
    const filed = await eventually(async () => {
      const filings = await people.committee.get(`${API}/filings`);
      const mine = (filings.body.items as Array<{ workflowId: string; status: string; receiptNumber: string | null }>).filter((f) => f.workflowId.includes(planWorkflowId));
      return mine.some((f) => f.status === 'acknowledged') ? mine : undefined;
    });
    expect(filed.map((f) => [f.status, f.receiptNumber]).sort()).toEqual([
      ['acknowledged', 'BA-2027-001'],
      ['returned', null],
    ]);

    // Two major projects go to the owners: item 9 passes, item 8 (common parts to business) fails 3/4.
    const voteIds = [`${planWorkflowId}.p1`, `${planWorkflowId}.p2`];
    await Promise.all(voteIds.map((voteId) => voteInStatus(people['owner-zhang'], voteId, 'open')));
    for (const [username, cameras, shops] of [
      ['owner-zhang', 'for', 'for'],
      ['owner-li', 'for', 'against'],
      ['owner-chen', 'for', 'against'],
      ['developer', 'for', 'for'],
    ]) {
      expect((await cast(people[username], voteIds[0], cameras)).status).toBe(200);
      expect((await cast(people[username], voteIds[1], shops)).status).toBe(200);
    }

    const outcome: AnnualPlanOutcome = await stack.client.workflow.getHandle(planWorkflowId).result();
    expect(outcome).toEqual({
      year: 2027,
      receiptNumber: 'BA-2027-001',
      projects: [
        { projectId: voteIds[0], title: 'Replace lobby cameras', status: 'ready-for-procurement', voteOutcome: 'passed' },
        { projectId: voteIds[1], title: 'Convert the bicycle shed into shops', status: 'rejected-by-owners', voteOutcome: 'rejected' },
        { projectId: `${planWorkflowId}.p3`, title: 'Operator training', status: 'ready-for-procurement', voteOutcome: null },
      ],
    });

    // Procurement starts by type name with the agreed input; it outlives the plan.
    const procurement = stack.client.workflow.getHandle(`procurement-${planWorkflowId}.p1`);
    started.push(procurement.workflowId, `procurement-${planWorkflowId}.p3`);
    const description = await procurement.describe();
    expect(description.type).toBe('procurement');
    const history = await procurement.fetchHistory();
    const payload = history.events?.[0].workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
    const input = JSON.parse(Buffer.from(payload!.data!).toString()) as ProcurementStart;
    expect(input).toEqual({ projectId: voteIds[0], planWorkflowId, title: 'Replace lobby cameras', estimate: 86001, system: 'cctv' });
    // Procurement is another process (issue 4, P2.2b); this test only checks the hand-over.
    await Promise.all(started.slice(-2).map((id) => stack.client.workflow.getHandle(id).terminate('hand-over checked')));

    const projects = await stack.db.select().from(planProjects).where(eq(planProjects.planWorkflowId, planWorkflowId));
    expect(projects.map((p) => [p.projectId, p.status, p.estimateFen, p.procurementWorkflowId]).sort()).toEqual([
      [voteIds[0], 'ready-for-procurement', 8_600_050, `procurement-${voteIds[0]}`],
      [voteIds[1], 'rejected-by-owners', 12_000_000, null],
      [`${planWorkflowId}.p3`, 'ready-for-procurement', 1_200_000, `procurement-${planWorkflowId}.p3`],
    ]);
    const links = await stack.db.select().from(processLinks).where(eq(processLinks.fromWorkflowId, planWorkflowId));
    expect(links.map((link) => `${link.relation}:${link.toWorkflowId}`).sort()).toEqual(
      [
        `filing:committee-filing-${planWorkflowId}-2`,
        `filing:committee-filing-${planWorkflowId}-3`,
        `procurement:procurement-${voteIds[0]}`,
        `procurement:procurement-${planWorkflowId}.p3`,
        `vote:owners-vote-${voteIds[0]}`,
        `vote:owners-vote-${voteIds[1]}`,
      ].sort(),
    );
    const plans = await people.manager.get(`${API}/plans`);
    expect(plans.body.items.find((plan: { workflowId: string }) => plan.workflowId === planWorkflowId)).toMatchObject({ year: 2027, status: 'effective' });
    const [filingRow] = await stack.db.select().from(committeeFilings).where(eq(committeeFilings.workflowId, `committee-filing-${planWorkflowId}-3`));
    expect(filingRow.packageDigest).toMatch(/^[0-9a-f]{64}$/);
    expect((filingRow.package as { budget: unknown }).budget).toEqual(BUDGET);
  });

  it('the year-end schedule is created once and follows the configured cron', async () => {
    const settings = { ...testGovernanceSettings(), annualPlanCron: '0 9 1 12 *' };
    await ensureAnnualPlanSchedule(stack.client, stack.taskQueue, settings);
    await ensureAnnualPlanSchedule(stack.client, stack.taskQueue, { ...settings, annualPlanCron: '0 8 20 12 *' });
    const handle = stack.client.schedule.getHandle(ANNUAL_PLAN_SCHEDULE_ID);
    try {
      const schedule = await handle.describe();
      expect(schedule.action).toMatchObject({ type: 'startWorkflow', workflowType: 'annualPlan', taskQueue: stack.taskQueue });
      const next = schedule.info.nextActionTimes[0];
      expect([next.getUTCMonth(), next.getUTCDate(), next.getUTCHours()]).toEqual([11, 20, 8]);
    } finally {
      await handle.delete();
    }
  });
});

