import { and, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskView } from '../contracts/tasks';
import { processLinks, tasks } from '../db/schema';
import { CHECKLIST_FAIL, CHECKLIST_PASS, TEAM, TEAM_USERNAMES } from './support/delivery-scenarios';
import { DIAGNOSIS } from './support/fault-scenarios';
import { chineseCharactersOf, printedCharacters } from './support/pdf-characters';
import { signIn, type HttpClient, type HttpResponse } from './support/http-client';
import { eventually, startApiTestStack, type ApiTestStack } from './support/stack';

const API = '/api/v1';
let stack: ApiTestStack;
const started: string[] = [];

beforeAll(async () => {
  stack = await startApiTestStack();
  stack.ctx.settings.delivery = { reportEveryMs: 1000 };
});
afterAll(async () => {
  await Promise.all(started.map((workflowId) => stack.client.workflow.getHandle(workflowId).terminate('test done').catch(() => undefined)));
  await stack?.stop();
});

function expectProblem(response: HttpResponse, status: number, fields: string[]) {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.contentType).toMatch(/^application\/problem\+json\b/);
  expect((response.body.errors as Array<{ field: string }>).map((error) => error.field)).toEqual(fields);
}

/** The open task of a step in the user's worklist. */
function worklistTask(http: HttpClient, workflowId: string, stepId: string) {
  return eventually(async () => {
    const response = await http.get(`${API}/tasks?step=${stepId}&limit=200`);
    expect(response.status).toBe(200);
    return (response.body.items as TaskView[]).find((task) => task.workflowId === workflowId);
  });
}

async function completeVia(http: HttpClient, workflowId: string, stepId: string, payload: unknown) {
  const task = await worklistTask(http, workflowId, stepId);
  const response = await http.post(`${API}/tasks/${encodeURIComponent(task.id)}/complete`, { payload });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

describe('delivery and acceptance over HTTP (P2.3)', () => {
  it('delivery on demand → acceptance: a team without an owner representative is 422; pass → PDF, warranty, chain to the repairs', async () => {
    const [procure, techsup, tech1, finance, auditor] = await Promise.all(['procure', 'techsup', 'tech1', 'finance', 'auditor'].map((name) => signIn(stack.baseUrl, name)));
    const contractId = `contract-${randomUUID()}`;
    const request = { contractId, projectId: 'p-gates', vendorId: 'v-access-control', title: '人脸识别闸机 Face-recognition gates', deliveryDate: new Date(Date.now() + 86400_000).toISOString() };
    expectProblem(await procure.post(`${API}/deliveries`, { ...request, vendorId: 'v-nobody' }), 422, ['vendorId']);
    expectProblem(await procure.post(`${API}/deliveries`, { ...request, deliveryDate: 'soon' }), 400, ['deliveryDate']);
    expect((await tech1.post(`${API}/deliveries`, request)).status).toBe(403);
    const created = await procure.post(`${API}/deliveries`, request);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const deliveryId = created.body.workflowId as string;
    started.push(deliveryId);
    // A retried start joins the same process.
    expect((await procure.post(`${API}/deliveries`, request)).body).toEqual({ workflowId: deliveryId });

    await completeVia(techsup, deliveryId, 'planImplementation', {
      system: 'access-control',
      biometric: true,
      projectLead: 'u-tech1',
      phases: [{ name: 'Install' }],
      milestones: [{ name: 'Installed', dueAt: new Date(Date.now() + 3600_000).toISOString() }],
      qualityRequirements: 'Recognition rate at least 99%',
    });
    const issueId = randomUUID();
    const issue = { issueId, title: 'Cable tray missing at gate 2', severity: 'high' };
    expect((await techsup.post(`${API}/deliveries/${deliveryId}/issues`, issue)).status).toBe(201);
    expect((await techsup.post(`${API}/deliveries/${deliveryId}/issues`, issue)).status).toBe(201);
    expectProblem(await techsup.post(`${API}/deliveries/${deliveryId}/issues`, { ...issue, issueId: 'x' }), 400, ['issueId']);
    await completeVia(tech1, deliveryId, 'reportProgress', { summary: 'All gates live', percentComplete: 100, milestonesReached: ['Installed'], deliveryComplete: true });

    const acceptanceId = deliveryId.replace('project-delivery-', 'project-acceptance-');
    started.push(acceptanceId);
    const teamTask = await worklistTask(techsup, acceptanceId, 'formTeam');
    const refused = await techsup.post(`${API}/tasks/${encodeURIComponent(teamTask.id)}/complete`, { payload: { ...TEAM, ownerRepresentatives: [] } });
    expectProblem(refused, 422, ['payload.ownerRepresentatives']);
    expect(refused.body.errors[0].message).toMatch(/owner representative/);
    await completeVia(techsup, acceptanceId, 'formTeam', TEAM);

    // Round 1 fails on separate consent: the supplier rectifies, the team checks again.
    await completeVia(techsup, acceptanceId, 'inspectDelivery', CHECKLIST_FAIL);
    const members = await Promise.all(TEAM_USERNAMES.map((name) => signIn(stack.baseUrl, name)));
    for (const member of members) await completeVia(member, acceptanceId, 'signAcceptance', { signedAs: member.user.displayName });
    const vendor = await signIn(stack.baseUrl, 'vendor-access-control');
    await completeVia(vendor, acceptanceId, 'rectifyDefects', { measures: 'Separate consent form added at enrolment' });
    await completeVia(techsup, acceptanceId, 'inspectDelivery', CHECKLIST_PASS);
    for (const member of members) await completeVia(member, acceptanceId, 'signAcceptance', { signedAs: member.user.displayName });
    await completeVia(finance, acceptanceId, 'settleWithSupplier', { invoiceNumber: 'INV-1', amount: 120000 });

    const delivery = await eventually(async () => {
      const response = await auditor.get(`${API}/deliveries/${deliveryId}`);
      return response.body.status === 'accepted' ? response.body : undefined;
    });
    expect(delivery).toMatchObject({ acceptanceWorkflowId: acceptanceId, acceptanceReport: { workflowId: acceptanceId, rounds: 2 }, warrantyStartsAt: expect.any(String) });
    expect(delivery.issues.map((entry: { source: string }) => entry.source)).toEqual(['api']);
    const acceptance = await auditor.get(`${API}/acceptances/${acceptanceId}`);
    expect(acceptance.body.team).toHaveLength(3);
    expect(acceptance.body.signatures).toHaveLength(6);
    const pdf = await fetch(`${stack.baseUrl}${API}/acceptances/${acceptanceId}/report.pdf`, { headers: { cookie: await cookieOf('auditor') } });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const report = Buffer.from(await pdf.arrayBuffer());
    expect(report.subarray(0, 5).toString()).toBe('%PDF-');
    // The title is printed as written, Chinese included.
    const printed = printedCharacters(report);
    expect(chineseCharactersOf(request.title).filter((character) => !printed.has(character))).toEqual([]);

    // A complex fault on the delivered system goes to this vendor: the repair joins the chain.
    const fault = await tech1.post(`${API}/faults`, { reportId: randomUUID(), occurredAt: new Date().toISOString(), location: { buildingId: 'b1' }, system: 'access-control', symptoms: 'Gate 2 does not recognise faces' });
    const repairId = fault.body.workflowId as string;
    started.push(repairId);
    await completeVia(tech1, repairId, 'diagnoseFault', DIAGNOSIS.complex);
    await eventually(async () => (await stack.db.select().from(processLinks).where(and(eq(processLinks.fromWorkflowId, repairId), eq(processLinks.toWorkflowId, deliveryId)))).length === 1 || undefined);
    const chain = await auditor.get(`${API}/processes/${repairId}`);
    expect(chain.body.related.map((other: { workflowId: string; relation: string }) => [other.workflowId, other.relation])).toEqual(
      expect.arrayContaining([
        [deliveryId, 'delivery'],
        [acceptanceId, 'acceptance'],
      ]),
    );
    // The link is written while escalating; the vendor's task opens right after.
    const vendorTask = await eventually(async () => {
      const [task] = await stack.db.select().from(tasks).where(and(eq(tasks.workflowId, repairId), eq(tasks.stepId, 'vendorRepair')));
      return task;
    });
    expect(vendorTask.candidateUsers).toEqual(['u-vendor-access-control']);
  });
});

async function cookieOf(username: string) {
  const response = await fetch(`${stack.baseUrl}${API}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'steward-demo' }) });
  return response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]).join('; ');
}
