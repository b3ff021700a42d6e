import { eq } from 'drizzle-orm';
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTACHMENT_KINDS, attachments, type AttachmentKind } from '../db/schema';
import { DEMO_USERS } from '../db/seed/demo-community';
import { faultRepairProcess, type FaultRepairInput } from '../workflows/fault-repair/definition';
import { startDeviceTestStack, type DeviceTestStack } from './support/devices';
import { TEST_TIMINGS } from './support/fault-scenarios';
import { signIn, type SignedInClient } from './support/http-client';
import { eventually } from './support/stack';
import { firmwareRelease, registerFirmware } from './support/firmware';
import { approve, draft as draftUpgrade, upgradePlan } from './support/upgrade-scenarios';
import { readDeviceFirmware } from '../domain/device-firmware';
import { reportedModel } from '../db/seed/demo-devices';

const API = '/api/v1';
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const FACE = `data:image/jpeg;base64,${Buffer.from('\xff\xd8\xff\xe0face-of-the-attachment-test\xff\xd9', 'latin1').toString('base64')}`;

/** Who may read inspection records, and so their linked photos (api/routes/inspections.ts). */
const INSPECTION_VIEWERS = ['technician', 'tech-supervisor', 'monitoring-operator', 'guard', 'management', 'admin', 'auditor'];
/** Staff who read every firmware release (contracts/permissions.ts `firmware.read`); a supplier's staff read their own. */
const FIRMWARE_READERS = ['technician', 'tech-supervisor', 'management', 'admin', 'auditor'];
/** Staff who read every fault (api/use-cases/faults.ts); others read only the faults they reported. */
const FAULT_STAFF = ['technician', 'tech-supervisor', 'monitoring-operator', 'management', 'admin', 'auditor'];
/** Who read every feedback, and the supervisors who reply when customer service has nobody (api/use-cases/owner-feedback.ts). */
const FEEDBACK_READERS = ['management', 'admin', 'auditor', 'security-supervisor', 'tech-supervisor'];
/** Who read everyone's training file and its certificates (contracts/permissions.ts `training-file.read`); anyone their own. */
const TRAINING_FILE_READERS = ['hr', 'management'];
const NEVER_SERVED: AttachmentKind[] = ['face', 'fingerprint', 'pin', 'device-configuration'];

let stack: DeviceTestStack;
const workflows: string[] = [];
const plans: string[] = [];
/** One signed-in client per demo user: every role, and owners and vendors more than once. */
let people: SignedInClient[];

beforeAll(async () => {
  stack = await startDeviceTestStack();
  people = await Promise.all(DEMO_USERS.map((user) => signIn(stack.baseUrl, user.username)));
});
afterAll(async () => {
  await Promise.all(plans.map((planId) => stack.client.schedule.getHandle(`inspection-${planId}`).delete().catch(() => undefined)));
  await Promise.all(workflows.map((workflowId) => stack.client.workflow.getHandle(workflowId).terminate('test done').catch(() => undefined)));
  await stack?.stop();
});

const person = (username: string) => people.find((client) => client.user.username === username)!;

async function enrol(personId: string, credential: Record<string, unknown>) {
  const response = await person('admin').post(`${API}/access/people/${personId}/credentials`, { credentialId: randomUUID(), credential });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  workflows.push(response.body.workflowId);
  await stack.client.workflow.getHandle(response.body.workflowId).result();
  return `secret-${response.body.credentialId}`;
}

/** A fault-repair started with a crafted photo id, as a report naming another record's file would be. */
async function faultNaming(photoId: string, reporterId: string) {
  const reportId = randomUUID();
  const input: FaultRepairInput = {
    report: {
      occurredAt: new Date().toISOString(),
      location: { buildingId: 'b1' },
      system: 'cctv',
      symptoms: 'crafted photo id',
      photoId,
      source: 'staff',
      reporter: { userId: reporterId, displayName: reporterId },
    },
    timings: TEST_TIMINGS,
    priority: 50,
  };
  // Started past the definition's input check, which refuses a photo id that is no UUID (a secret's id is
  // `secret-…`): the file routes must hold even for a history that names a foreign file.
  const workflowId = faultRepairProcess.workflowId(reportId);
  await stack.client.workflow.start(faultRepairProcess.workflowType, { taskQueue: stack.ctx.taskQueue, workflowId, args: [input] });
  workflows.push(workflowId);
  // The report reaches the instance row with the process's first transition.
  await eventually(async () => ((await person('admin').get(`${API}/faults/${workflowId}`)).body.report ? true : undefined));
  return workflowId;
}

describe('files are served by kind, to the readers of their record (C1)', () => {
  it('every attachment kind through every file route as every demo user: only the owning record’s readers get it; face, fingerprint and PIN never', async () => {
    // Access material, enrolled as the access staff would: a card, a signed consent form, a face, a fingerprint and a PIN.
    await enrol('ap-tech1', { kind: 'card', cardNo: '9901' });
    const consent = await person('admin').post(`${API}/access/people/ap-tech1/consent`, { method: 'signed-form', evidence: `data:image/png;base64,${PNG}` });
    expect(consent.status, JSON.stringify(consent.body)).toBe(201);
    const face = await enrol('ap-tech1', { kind: 'face', faceImage: FACE });
    const fingerprint = await enrol('ap-tech1', { kind: 'fingerprint', fingerIndex: 3, template: Buffer.from('template-of-tech1').toString('base64') });
    const pin = await enrol('ap-tech1', { kind: 'pin', pin: '482915' });
    const [scan] = await stack.db.select().from(attachments).where(eq(attachments.kind, 'consent-scan'));

    // An owner's fault photo.
    const reportId = randomUUID();
    const reported = await person('owner-li').post(`${API}/faults`, {
      reportId,
      occurredAt: new Date().toISOString(),
      location: { buildingId: 'b1' },
      system: 'cctv',
      symptoms: 'Camera in the lobby shows nothing',
      photo: `data:image/png;base64,${PNG}`,
    });
    expect(reported.status, JSON.stringify(reported.body)).toBe(201);
    const ownerFault = reported.body.workflowId as string;
    workflows.push(ownerFault);

    // An owner's feedback photo; its department's task opens before the files are read.
    const feedback = await person('owner-li').post(`${API}/owner-feedback`, {
      feedbackId: randomUUID(),
      category: 'complaint',
      text: 'The lobby door does not close',
      place: { buildingId: 'b1' },
      photos: [`data:image/png;base64,${PNG}`],
    });
    expect(feedback.status, JSON.stringify(feedback.body)).toBe(201);
    const feedbackWorkflow = feedback.body.workflowId as string;
    workflows.push(feedbackWorkflow);
    await eventually(async () => (await person('secsup').get(`${API}/tasks?workflowId=${feedbackWorkflow}&status=open`)).body.items[0]);
    const [feedbackPhoto] = await stack.db.select().from(attachments).where(eq(attachments.kind, 'feedback-photo'));

    // Training certificates (P6.2): one recorded in a session for tech2 (its holder, as recording the session sets it), one
    // uploaded by HR and not recorded yet.
    const [heldCertificate, draftCertificate] = [randomUUID(), randomUUID()];
    for (const fileId of [heldCertificate, draftCertificate]) {
      const uploaded = await person('hr').post(`${API}/training/certificates`, { fileId, file: `data:image/png;base64,${PNG}` });
      expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
    }
    await stack.db.update(attachments).set({ recordId: 'u-tech2' }).where(eq(attachments.id, heldCertificate));

    // A supplier's firmware file, and a device's configuration saved by an upgrade's backup.
    const firmware = await registerFirmware(person('vendor-cctv'), firmwareRelease('V5.8.0', ['camera']));
    const lift = await registerFirmware(person('vendor-elevator-monitoring'), firmwareRelease('V1.1.0', ['lift-monitor']));
    await readDeviceFirmware(stack.db, { deviceIds: ['lift-b1'] });
    const upgrade = await draftUpgrade(person('techsup'), upgradePlan({ targets: [{ model: reportedModel('lift-monitor'), releaseId: lift.id }], deviceIds: ['lift-b1'], canaryDeviceId: 'lift-b1' }));
    workflows.push(upgrade);
    await approve(stack.db, upgrade, person('techsup'));
    const configuration = await eventually(async () => (await stack.db.select().from(attachments).where(eq(attachments.kind, 'device-configuration')))[0]);

    // Inspection photos: one submitted with a checklist (so it belongs to the stored record), one uploaded and never submitted.
    const plan = await person('techsup').post(`${API}/inspections/plans`, {
      id: `t-${randomUUID()}`,
      title: 'Lobby camera check',
      responsibleRole: 'technician',
      cycleSeconds: 3600,
      dueWithinSeconds: 1800,
      checklist: [{ id: 'lobby-camera', text: 'B1 lobby camera: clear picture', system: 'cctv', deviceId: 'cam-b1-lobby' }],
    });
    expect(plan.status, JSON.stringify(plan.body)).toBe(201);
    plans.push(plan.body.id);
    expect((await person('techsup').post(`${API}/inspections/plans/${plan.body.id}/run`)).status).toBe(202);
    const run = await eventually(async () => (await person('tech1').get(`${API}/inspections/records?planId=${plan.body.id}`)).body.items[0] as { workflowId: string } | undefined);
    workflows.push(run.workflowId);
    const task = await eventually(async () =>
      ((await person('tech1').get(`${API}/tasks?process=inspection&step=performInspection&limit=200`)).body.items as Array<{ id: string; workflowId: string }>).find(
        (candidate) => candidate.workflowId === run.workflowId,
      ),
    );
    const recorded = randomUUID();
    const draft = randomUUID();
    for (const photoId of [recorded, draft]) {
      expect((await person('tech1').post(`${API}/inspections/photos`, { photoId, photo: `data:image/png;base64,${PNG}` })).status).toBe(201);
    }
    const done = await person('tech1').post(`${API}/tasks/${task.id}/complete`, {
      payload: { 'result_lobby-camera': 'fail', 'note_lobby-camera': 'Picture is black', 'photo_lobby-camera': recorded },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    await stack.client.workflow.getHandle(run.workflowId).result();
    const inspectionFault = `fault-repair-${run.workflowId}-lobby-camera`;
    workflows.push(inspectionFault);
    await eventually(async () => ((await person('tech1').get(`${API}/faults/${inspectionFault}`)).body.report ? true : undefined));

    const files = await stack.db.select().from(attachments);
    const kindOf = new Map(files.map((file) => [file.id, file.kind]));
    expect(new Set(kindOf.values())).toEqual(new Set(ATTACHMENT_KINDS));
    expect(kindOf.get(recorded)).toBe('inspection-photo');
    expect(files.find((file) => file.id === recorded)?.recordId).toBe(run.workflowId);
    expect(files.find((file) => file.id === draft)?.recordId).toBeNull();

    // Faults naming files that are not theirs: a PIN, a face, another owner's fault photo, a photo the reporter never uploaded.
    const crafted = [
      await faultNaming(pin, 'u-tech2'),
      await faultNaming(face, 'u-tech2'),
      await faultNaming(reportId, 'u-tech2'),
      await faultNaming(draft, 'u-tech2'),
      await faultNaming(configuration.id, 'u-tech2'),
    ];

    const inspectionPhotoStatus = (client: SignedInClient, id: string) => {
      const viewer = client.user.roles.some((role) => INSPECTION_VIEWERS.includes(role));
      if (!viewer) return 403;
      if (id === recorded) return 200;
      if (id === draft && client.user.username === 'tech1') return 200;
      return 404;
    };
    const faultPhotoStatus = (client: SignedInClient, workflowId: string) => {
      const reader = client.user.roles.some((role) => FAULT_STAFF.includes(role)) || (workflowId === ownerFault && client.user.username === 'owner-li');
      return reader && (workflowId === ownerFault || workflowId === inspectionFault) ? 200 : 404;
    };

    const feedbackPhotoStatus = (client: SignedInClient, id: string) =>
      (client.user.roles.some((role) => FEEDBACK_READERS.includes(role)) || client.user.username === 'owner-li') && id === feedbackPhoto.id ? 200 : 404;

    const certificateStatus = (client: SignedInClient, id: string) => {
      if (id === heldCertificate) return client.user.id === 'u-tech2' || client.user.roles.some((role) => TRAINING_FILE_READERS.includes(role)) ? 200 : 404;
      return id === draftCertificate && client.user.username === 'hr' ? 200 : 404;
    };

    const calls: Array<{ who: string; path: string; expected: number; actual: number; kind?: string }> = [];
    for (const client of people) {
      for (const file of files) {
        const response = await fetchFile(client, `${API}/inspections/photos/${file.id}`);
        calls.push({ who: client.user.username, path: `/inspections/photos/${file.kind}`, kind: file.kind, expected: inspectionPhotoStatus(client, file.id), actual: response.status });
        if (response.status === 200) expect(response.body.toString('base64')).toBe(PNG);
      }
      for (const file of files) {
        const response = await fetchFile(client, `${API}/owner-feedback/${feedbackWorkflow}/photos/${file.id}`);
        calls.push({ who: client.user.username, path: `/owner-feedback/:id/photos/${file.kind}`, kind: file.kind, expected: feedbackPhotoStatus(client, file.id), actual: response.status });
        if (response.status === 200) expect(response.body.toString('base64')).toBe(PNG);
      }
      for (const file of files) {
        const response = await fetchFile(client, `${API}/training/certificates/${file.id}`);
        calls.push({ who: client.user.username, path: `/training/certificates/${file.kind}`, kind: file.kind, expected: certificateStatus(client, file.id), actual: response.status });
        if (response.status === 200) expect(response.body.toString('base64')).toBe(PNG);
      }
      for (const workflowId of [ownerFault, inspectionFault, ...crafted]) {
        const response = await fetchFile(client, `${API}/faults/${workflowId}/photo`);
        const served = files.find((file) => file.id === (workflowId === ownerFault ? reportId : workflowId === inspectionFault ? recorded : undefined));
        calls.push({ who: client.user.username, path: `/faults/${workflowId}/photo`, kind: served?.kind, expected: faultPhotoStatus(client, workflowId), actual: response.status });
        if (response.status === 200) expect(response.body.toString('base64')).toBe(PNG);
      }
      const firmwareFile = await fetchFile(client, `${API}/firmware-releases/${firmware.id}/file`);
      const firmwareReader = client.user.roles.some((role) => FIRMWARE_READERS.includes(role)) || client.user.username === 'vendor-cctv';
      const firmwareExpected = firmwareReader ? 200 : client.user.roles.includes('vendor') ? 404 : 403;
      calls.push({ who: client.user.username, path: '/firmware-releases/:id/file', kind: 'firmware', expected: firmwareExpected, actual: firmwareFile.status });
      if (firmwareFile.status === 200) expect(createHash('sha256').update(firmwareFile.body).digest('hex')).toBe(firmware.sha256);
    }
    expect(calls.filter((call) => call.actual !== call.expected)).toEqual([]);
    // Face, fingerprint and PIN material: never, to anyone, by any route.
    expect(calls.filter((call) => call.actual === 200 && NEVER_SERVED.includes(call.kind as AttachmentKind))).toEqual([]);
    expect(calls.filter((call) => call.actual === 200).length).toBeGreaterThan(0);
    expect([face, fingerprint, pin, scan.id, configuration.id].every((id) => files.some((file) => file.id === id && file.recordId !== null))).toBe(true);
  });
});

/** A file route's answer with the raw bytes (the JSON client would decode them as text). */
async function fetchFile(client: SignedInClient, path: string) {
  const response = await client.raw(path);
  return { status: response.status, body: Buffer.from(await response.arrayBuffer()) };
}
