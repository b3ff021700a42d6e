import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskView } from '../contracts/tasks';
import { procurements } from '../db/schema';
import { signIn, type HttpClient, type HttpResponse, type SignedInClient } from './support/http-client';
import { CCTV_SUPPLIERS, CONTRACT, PANEL, scoresFor } from './support/procurement-scenarios';
import { eventually, startApiTestStack, type ApiTestStack } from './support/stack';

const API = '/api/v1';

let stack: ApiTestStack;
const started: string[] = [];

beforeAll(async () => {
  // project-delivery is another process's; this branch's tests end at the contract.
  stack = await startApiTestStack({}, undefined, { PROCUREMENT_START_DELIVERY: '0' });
});
afterAll(async () => {
  await Promise.all(started.map((workflowId) => stack.client.workflow.getHandle(workflowId).terminate('test done').catch(() => undefined)));
  await stack?.stop();
});

const users = (...usernames: string[]) => Promise.all(usernames.map((username) => signIn(stack.baseUrl, username)));

function expectProblem(response: HttpResponse, status: number, fields: string[] = []) {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.contentType).toMatch(/^application\/problem\+json\b/);
  if (fields.length) expect(((response.body.errors ?? []) as Array<{ field: string }>).map((error) => error.field)).toEqual(expect.arrayContaining(fields));
  return response.body as { detail: string };
}

function openTask(http: HttpClient, workflowId: string, stepId: string, count = 1) {
  return eventually(async () => {
    const response = await http.get(`${API}/tasks?step=${stepId}&limit=200`);
    expect(response.status).toBe(200);
    const mine = (response.body.items as TaskView[]).filter((task) => task.workflowId === workflowId);
    return mine.length >= count ? mine : undefined;
  });
}

async function completeTask(http: HttpClient, taskId: string, payload: Record<string, unknown>) {
  const response = await http.post(`${API}/tasks/${encodeURIComponent(taskId)}/complete`, { payload });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

const bid = (priceYuan: number) => ({
  bidId: randomUUID(),
  priceYuan,
  technicalProposal: `SECRET-PROPOSAL-${randomUUID()}`,
  deliveryDate: '2027-04-01',
  afterSalesTerms: 'Two years on site',
});

async function startProcurement(procure: HttpClient, overrides: Record<string, unknown> = {}) {
  const body = { projectId: `proj-${randomUUID().slice(0, 8)}`, title: 'Gate cameras', estimate: 120_000, system: 'cctv', bidWindowSeconds: 6, ...overrides };
  const response = await procure.post(`${API}/procurements`, body);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  expect(response.body).toEqual({ workflowId: `procurement-${body.projectId}` });
  started.push(response.body.workflowId);
  return response.body.workflowId as string;
}

async function invite(procure: HttpClient, workflowId: string) {
  const [method] = await openTask(procure, workflowId, 'chooseMethod');
  await completeTask(procure, method.id, { method: 'inquiry', invitedVendorIds: [...CCTV_SUPPLIERS] });
  await eventually(async () => ((await stack.db.query.procurements.findFirst({ where: eq(procurements.workflowId, workflowId) }))?.status === 'bidding' ? true : undefined));
}

const opened = (workflowId: string) =>
  eventually(async () => ((await stack.db.query.procurements.findFirst({ where: eq(procurements.workflowId, workflowId) }))?.openedAt ? true : undefined), 30_000);

/** Panel of three, all without conflict, the bid at `winner` scored best, then the contract draft. */
async function evaluate(procure: SignedInClient, workflowId: string, bidIds: string[], priceYuan: number) {
  const [panel] = await openTask(procure, workflowId, 'appointPanel');
  await completeTask(procure, panel.id, { memberUserIds: PANEL.map((username) => `u-${username}`) });
  for (const member of await users(...PANEL)) {
    const [declaration] = await openTask(member, workflowId, 'declareInterests');
    await completeTask(member, declaration.id, { conflict: false });
    const [scoring] = await openTask(member, workflowId, 'scoreBids');
    await completeTask(member, scoring.id, scoresFor(bidIds, 1));
  }
  const [draft] = await openTask(procure, workflowId, 'draftContract');
  await completeTask(procure, draft.id, { ...CONTRACT, priceYuan });
}

describe('supplier registry over HTTP (P2.2a)', () => {
  it('registers a supplier with documents; the tech supervisor qualifies it (approve) or rejects it (reject)', async () => {
    const [procure, techsup, huaan] = await users('procure', 'techsup', 'vendor-huaan');
    expectProblem(await procure.post(`${API}/suppliers`, { supplierId: 'Bad Id', name: 'X' }), 400, ['supplierId']);
    expectProblem(await huaan.post(`${API}/suppliers`, { supplierId: 'v-self', name: 'Self' }), 403);
    const register = async (supplierId: string) => {
      const response = await procure.post(`${API}/suppliers`, {
        supplierId,
        name: `Supplier ${supplierId}`,
        documents: [{ documentId: randomUUID(), kind: 'business-licence', title: 'Business licence', expiresOn: '2099-12-31' }],
      });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      started.push(response.body.workflowId);
      return response.body.workflowId as string;
    };
    const good = await register('v-api-good');
    const weak = await register('v-api-weak');
    const [review] = await openTask(techsup, good, 'reviewQualification');
    // Procurement staff are no candidates: the task is not even visible to them.
    expectProblem(await procure.post(`${API}/tasks/${encodeURIComponent(review.id)}/complete`, { payload: { qualification: 90 } }), 404);
    expectProblem(await techsup.post(`${API}/tasks/${encodeURIComponent(review.id)}/complete`, { payload: { qualification: 900, reputation: 80, technicalStrength: 80, afterSales: 80 } }), 422, ['payload.qualification']);
    await completeTask(techsup, review.id, { qualification: 90, reputation: 80, technicalStrength: 70, afterSales: 80 });
    await completeTask(techsup, (await openTask(techsup, weak, 'reviewQualification'))[0].id, { qualification: 30, reputation: 40, technicalStrength: 50, afterSales: 40 });
    const status = async (id: string) => (await procure.get(`${API}/suppliers/${id}`)).body.qualificationStatus;
    await eventually(async () => ((await status('v-api-good')) === 'qualified' && (await status('v-api-weak')) === 'rejected' ? true : undefined));
    const detail = await procure.get(`${API}/suppliers/v-api-good`);
    expect(detail.body).toMatchObject({ reviews: [{ decision: 'qualified', total: 80 }], qualificationWorkflows: [{ workflowId: good }] });
    // A document added later joins the file once, however often it is sent.
    const certificate = { documentId: randomUUID(), kind: 'certificate', title: 'ISO 9001', number: 'CN-9001', issuedOn: '2024-01-01', expiresOn: '2099-01-01' };
    expect((await procure.post(`${API}/suppliers/v-api-good/documents`, certificate)).status).toBe(201);
    const added = await procure.post(`${API}/suppliers/v-api-good/documents`, certificate);
    expect(added.body.documents.filter((document: { id: string }) => document.id === certificate.documentId)).toEqual([
      { id: certificate.documentId, kind: 'certificate', title: 'ISO 9001', number: 'CN-9001', issuedOn: '2024-01-01', expiresOn: '2099-01-01', state: 'valid' },
    ]);
  });

  it('flags expiring and expired documents; a supplier reads only its own entry', async () => {
    const [procure, huaan] = await users('procure', 'vendor-huaan');
    const expiring = await procure.get(`${API}/suppliers/documents/expiring`);
    expect(expiring.status).toBe(200);
    expect(expiring.body.items.map((item: { id: string; state: string }) => [item.id, item.state])).toEqual([
      ['v-pending-licence', 'expired'],
      ['v-huaan-iso9001', 'expiring'],
    ]);
    const registry = await procure.get(`${API}/suppliers`);
    expect(registry.body.items.find((item: { id: string }) => item.id === 'v-huaan')).toMatchObject({ qualificationStatus: 'qualified', flaggedDocuments: 1 });
    expect((await huaan.get(`${API}/suppliers`)).body.items.map((item: { id: string }) => item.id)).toEqual(['v-huaan']);
    expectProblem(await huaan.get(`${API}/suppliers/v-anxin`), 403);
    expect((await huaan.get(`${API}/suppliers/v-huaan`)).body.documents).toHaveLength(2);
  });
});

describe('sealed bids over HTTP (P2.2b)', () => {
  it('nobody reads a bid before the opening (403), the history carries none, late bids are refused; after the opening they are readable', async () => {
    const [procure, manager, auditor, anxin, cctv, huaan, pending, network] = await users('procure', 'manager', 'auditor', 'vendor-anxin', 'vendor-cctv', 'vendor-huaan', 'vendor-pending', 'vendor-network');
    const workflowId = await startProcurement(procure, { estimate: 80_000 });
    await invite(procure, workflowId);

    expectProblem(await anxin.post(`${API}/procurements/${workflowId}/bids`, { ...bid(1), priceYuan: -5 }), 400, ['priceYuan']);
    const bids = [bid(79_000), bid(76_000), bid(81_000)];
    const receipts: HttpResponse[] = [];
    for (const [index, supplier] of [anxin, cctv, huaan].entries()) {
      const response = await supplier.post(`${API}/procurements/${workflowId}/bids`, bids[index]);
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      expect(response.body).toEqual({ bidId: bids[index].bidId, procurementWorkflowId: workflowId, submittedAt: expect.any(String), contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
      receipts.push(response);
    }
    // A retried submission is the same bid; the same id with other content is refused.
    expect((await anxin.post(`${API}/procurements/${workflowId}/bids`, bids[0])).body).toEqual(receipts[0].body);
    expectProblem(await anxin.post(`${API}/procurements/${workflowId}/bids`, { ...bids[0], priceYuan: 1 }), 409, ['bidId']);
    // Not qualified (and so never invited), or qualified but not invited: no bid.
    expectProblem(await pending.post(`${API}/procurements/${workflowId}/bids`, bid(50_000)), 403, ['vendorId']);
    expectProblem(await network.post(`${API}/procurements/${workflowId}/bids`, bid(50_000)), 403, ['vendorId']);
    expectProblem(await manager.post(`${API}/procurements/${workflowId}/bids`, bid(50_000)), 403);

    // The seal: management, procurement, an auditor, another supplier and the bidder itself all get 403.
    for (const reader of [manager, procure, auditor, cctv, anxin]) {
      const problem = expectProblem(await reader.get(`${API}/procurements/${workflowId}/bids`), 403, ['openedAt']);
      expect(problem.detail).toMatch(/sealed until the opening/);
      expectProblem(await reader.get(`${API}/procurements/${workflowId}/bids/${bids[0].bidId}`), 403, ['openedAt']);
    }
    expect((await manager.get(`${API}/procurements/${workflowId}`)).body).toMatchObject({ status: 'bidding', bids: null, openedAt: null });
    // Bidding Law art. 22: before the opening an invited supplier sees only itself among the invited; staff see all three.
    expect((await cctv.get(`${API}/procurements/${workflowId}`)).body.invited).toEqual([{ vendorId: 'v-cctv', name: expect.any(String) }]);
    expect((await procure.get(`${API}/procurements/${workflowId}`)).body.invited.map((entry: { vendorId: string }) => entry.vendorId)).toEqual(['v-anxin', 'v-cctv', 'v-huaan']);
    expectProblem(await network.get(`${API}/procurements/${workflowId}`), 403);
    expect((await anxin.get(`${API}/procurements/${workflowId}/bids/mine`)).body).toEqual(receipts[0].body);
    expectProblem(await pending.get(`${API}/procurements/${workflowId}/bids/mine`), 403);
    const history = JSON.stringify(await stack.client.workflow.getHandle(workflowId).fetchHistory());
    for (const sealed of bids) expect(history).not.toContain(sealed.technicalProposal);
    const download = await auditor.get(`${API}/processes/${workflowId}/history`);
    expect(download.status).toBe(200);
    expect(JSON.stringify(download.body)).toContain('chooseMethod');
    expect(JSON.stringify(download.body)).not.toContain(bids[0].technicalProposal);

    await opened(workflowId);
    expectProblem(await huaan.post(`${API}/procurements/${workflowId}/bids`, bid(70_000)), 409, ['bidId']);
    const all = await manager.get(`${API}/procurements/${workflowId}/bids`);
    expect(all.status).toBe(200);
    expect(all.body.items.map((item: { bidId: string }) => item.bidId)).toEqual(bids.map((item) => item.bidId));
    expect(all.body.items[1]).toMatchObject({ vendorId: 'v-cctv', priceYuan: 76_000, technicalProposal: bids[1].technicalProposal, contentHash: receipts[1].body.contentHash });
    expect((await procure.get(`${API}/procurements/${workflowId}/bids/${bids[2].bidId}`)).body).toMatchObject({ vendorId: 'v-huaan', priceYuan: 81_000 });
    // After the opening a supplier reads its own bid, not its competitors'.
    expect((await anxin.get(`${API}/procurements/${workflowId}/bids`)).body.items.map((item: { vendorId: string }) => item.vendorId)).toEqual(['v-anxin']);
    expectProblem(await anxin.get(`${API}/procurements/${workflowId}/bids/${bids[1].bidId}`), 404);

    // The rest of the way over HTTP: panel, scores, contract below the threshold (no approval).
    await evaluate(procure, workflowId, bids.map((item) => item.bidId), 76_000);
    const detail = await eventually(async () => {
      const response = await manager.get(`${API}/procurements/${workflowId}`);
      return response.body.status === 'contracted' ? response.body : undefined;
    });
    expect(detail).toMatchObject({ method: 'inquiry', awardedVendorId: 'v-cctv', contract: { vendorId: 'v-cctv', priceYuan: 76_000, repairSlaSeconds: 7200, approvedBy: null } });
    expect(detail.scores).toHaveLength(9);
    expect(detail.panel.map((member: { userId: string }) => member.userId)).toEqual(['u-finance', 'u-manager', 'u-techsup']);
  });
});

describe('management approval above the threshold over HTTP (P2.2b)', () => {
  async function toApproval() {
    const [procure, anxin, cctv, huaan] = await users('procure', 'vendor-anxin', 'vendor-cctv', 'vendor-huaan');
    const workflowId = await startProcurement(procure, { estimate: 180_000, system: 'intrusion-alarm', bidWindowSeconds: 3 });
    await invite(procure, workflowId);
    const bids = [bid(170_000), bid(160_000), bid(175_000)];
    for (const [index, supplier] of [anxin, cctv, huaan].entries()) expect((await supplier.post(`${API}/procurements/${workflowId}/bids`, bids[index])).status).toBe(201);
    await opened(workflowId);
    await evaluate(procure, workflowId, bids.map((item) => item.bidId), 160_000);
    return { workflowId, procure };
  }

  it('approve: management approves and the contract is recorded with the approver', async () => {
    const { workflowId, procure } = await toApproval();
    const [manager] = await users('manager');
    const [approval] = await openTask(manager, workflowId, 'approveContract');
    expect((await procure.get(`${API}/tasks?step=approveContract&limit=200`)).body.items.map((task: TaskView) => task.workflowId)).not.toContain(workflowId);
    expectProblem(await manager.post(`${API}/tasks/${encodeURIComponent(approval.id)}/complete`, { payload: { decision: 'cancel' } }), 422, ['payload.comment']);
    await completeTask(manager, approval.id, { decision: 'approve' });
    const detail = await eventually(async () => {
      const response = await manager.get(`${API}/procurements/${workflowId}`);
      return response.body.status === 'contracted' ? response.body : undefined;
    });
    expect(detail.contract).toMatchObject({ vendorId: 'v-cctv', priceYuan: 160_000, approvedBy: 'u-manager' });
    const instance = await eventually(async () => {
      const response = await manager.get(`${API}/processes/${workflowId}`);
      return response.body.steps?.procurementContracted?.status === 'completed' ? response.body : undefined;
    });
    expect(instance.steps).toMatchObject({ approveContract: { status: 'completed' } });
  });

  it('reject: management cancels and no contract is recorded', async () => {
    const { workflowId } = await toApproval();
    const [manager] = await users('manager');
    const [approval] = await openTask(manager, workflowId, 'approveContract');
    await completeTask(manager, approval.id, { decision: 'cancel', comment: 'Over budget' });
    const detail = await eventually(async () => {
      const response = await manager.get(`${API}/procurements/${workflowId}`);
      return response.body.status === 'cancelled' ? response.body : undefined;
    });
    expect(detail.contract).toBeNull();
    // The instance projection follows the procurement row: wait for the end step.
    const instance = await eventually(async () => {
      const response = await manager.get(`${API}/processes/${workflowId}`);
      return response.body.steps?.procurementCancelled?.status === 'completed' && response.body.data?.outcome ? response.body : undefined;
    });
    expect(instance.data.outcome).toEqual({ status: 'cancelled', method: 'inquiry', reason: 'Over budget' });
  });
});
