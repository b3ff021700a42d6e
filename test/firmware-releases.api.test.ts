import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachments, firmwareReleases } from '../db/schema';
import { reportedModel } from '../db/seed/demo-devices';
import { firmwareRelease, registerFirmware } from './support/firmware';
import { signIn, type SignedInClient } from './support/http-client';
import { expectProblem } from './support/problems';
import { startApiTestStack, type ApiTestStack } from './support/stack';

/** P3.3a: suppliers register firmware releases with their file and its SHA-256; the file is kept byte for byte. */

const API = '/api/v1';
let stack: ApiTestStack;
let vendor: SignedInClient;
let otherVendor: SignedInClient;
let techsup: SignedInClient;
let owner: SignedInClient;

beforeAll(async () => {
  stack = await startApiTestStack();
  [vendor, otherVendor, techsup, owner] = await Promise.all(['vendor-cctv', 'vendor-access-control', 'techsup', 'owner-zhang'].map((username) => signIn(stack.baseUrl, username)));
});
afterAll(() => stack?.stop());

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('firmware releases (P3.3a)', () => {
  it("a supplier's staff register their release: stored with its file, the same release sent again is the same, the file comes back byte for byte", async () => {
    const request = firmwareRelease('V5.8.0', ['camera']);
    const stored = await registerFirmware(vendor, request);
    expect(stored).toMatchObject({ id: request.releaseId, vendorId: 'v-cctv', version: 'V5.8.0', models: [reportedModel('camera')], sha256: request.sha256, registeredBy: vendor.user.id });
    expect(stored.sizeBytes).toBe(Buffer.from(request.file, 'base64').length);
    expect(await registerFirmware(vendor, request)).toEqual(stored);
    expect(await stack.db.select().from(firmwareReleases).where(eq(firmwareReleases.version, 'V5.8.0'))).toHaveLength(1);
    const [file] = await stack.db.select().from(attachments).where(eq(attachments.recordId, request.releaseId));
    expect(file).toMatchObject({ kind: 'firmware', uploadedBy: vendor.user.id });

    const download = await techsup.raw(`${API}/firmware-releases/${request.releaseId}/file`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain(request.fileName);
    expect(sha256(Buffer.from(await download.arrayBuffer()))).toBe(request.sha256);
    const listed = await techsup.get(`${API}/firmware-releases?model=${encodeURIComponent(reportedModel('camera'))}`);
    expect(listed.body.items.map((release: { id: string }) => release.id)).toContain(request.releaseId);
    expect((await techsup.get(`${API}/firmware-releases?model=${encodeURIComponent(reportedModel('barrier'))}`)).body.items).toEqual([]);
  });

  it('refuses a file that is not the one the supplier published, naming sha256, and writes nothing', async () => {
    const request = firmwareRelease('V5.8.1', ['camera']);
    const altered = Buffer.concat([Buffer.from(request.file, 'base64'), Buffer.from('!')]);
    const response = await vendor.post(`${API}/firmware-releases`, { ...request, file: altered.toString('base64') });
    expectProblem(response, 422, 'firmware.checksum-mismatch', 'sha256');
    expect(response.body.errors[0].message).toContain(sha256(altered));
    expect(await stack.db.select().from(firmwareReleases).where(eq(firmwareReleases.id, request.releaseId))).toEqual([]);
    expect(await stack.db.select().from(attachments).where(eq(attachments.recordId, request.releaseId))).toEqual([]);
  });

  it('refuses bad input with a 4xx naming the field: a version, a file that is not base64, a missing supplier, an unknown one, a taken version, a taken id', async () => {
    expectProblem(await vendor.post(`${API}/firmware-releases`, { ...firmwareRelease('V5.9.0', ['camera']), version: 'V 5.9' }), 400, 'request.body-invalid', 'version');
    expectProblem(await vendor.post(`${API}/firmware-releases`, { ...firmwareRelease('V5.9.0', ['camera']), file: 'not base64!' }), 400, 'request.body-invalid', 'file');
    expectProblem(await vendor.post(`${API}/firmware-releases`, { ...firmwareRelease('V5.9.0', ['camera']), sha256: 'abc' }), 400, 'request.body-invalid', 'sha256');
    expectProblem(await techsup.post(`${API}/firmware-releases`, firmwareRelease('V5.9.0', ['camera'])), 422, 'firmware.vendor-required', 'vendorId');
    expectProblem(await techsup.post(`${API}/firmware-releases`, firmwareRelease('V5.9.0', ['camera'], { vendorId: 'v-nobody' })), 422, 'request.body-invalid', 'vendorId');

    const first = await registerFirmware(techsup, firmwareRelease('V5.9.0', ['camera'], { vendorId: 'v-cctv' }));
    expectProblem(await vendor.post(`${API}/firmware-releases`, firmwareRelease('V5.9.0', ['camera'])), 409, 'firmware.version-taken', 'version');
    expectProblem(await vendor.post(`${API}/firmware-releases`, firmwareRelease('V5.9.1', ['camera'], { releaseId: first.id })), 409, 'firmware.id-taken', 'releaseId');
    expect(await stack.db.select().from(firmwareReleases).where(eq(firmwareReleases.vendorId, 'v-cctv'))).toHaveLength(2);
  });

  it("keeps suppliers to their own company: none registers for another, none reads another's release; owners read none", async () => {
    const theirs = await registerFirmware(otherVendor, firmwareRelease('V2.3.0', ['door-controller']));
    expectProblem(await vendor.post(`${API}/firmware-releases`, firmwareRelease('V2.3.1', ['door-controller'], { vendorId: 'v-access-control' })), 403, 'firmware.own-vendor-only');
    expectProblem(await vendor.get(`${API}/firmware-releases/${theirs.id}`), 404, 'firmware.unknown');
    expect((await vendor.raw(`${API}/firmware-releases/${theirs.id}/file`)).status).toBe(404);
    const seen = (await vendor.get(`${API}/firmware-releases`)).body.items as Array<{ vendorId: string }>;
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((release) => release.vendorId === 'v-cctv')).toBe(true);
    expectProblem(await owner.get(`${API}/firmware-releases`), 403, 'auth.needs-role');
    expectProblem(await owner.post(`${API}/firmware-releases`, firmwareRelease('V9.9.9', ['camera'])), 403, 'auth.needs-role');
  });
});
