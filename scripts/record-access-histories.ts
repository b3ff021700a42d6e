import { randomUUID } from 'node:crypto';
import type { SessionUser } from '../api/auth/session';
import type { ApiContext } from '../api/context';
import { recordConsent, requestFaceDeletion } from '../api/use-cases/access-control/consent';
import { enrolCredential, recordLeaving, storeCredential } from '../api/use-cases/access-control/credentials';
import { cancelVisitorPass, issueVisitorPass } from '../api/use-cases/access-control/passes';
import { setPlate } from '../api/use-cases/access-control/plates';
import { pointDemoDevicesAt } from '../db/seed/devices';
import type { CredentialEnrolmentInput } from '../workflows/credential-enrolment/messages';
import { startDeviceSimulator } from './device-simulator/simulator';
import { actor, complete, openTask } from '../test/support/fault-scenarios';
import { recordHistories } from './history-recording';

const FACE = `data:image/jpeg;base64,${Buffer.from('recorded-face').toString('base64')}`;

const user = (id: string, roles: string[], ownerId: string | null = null): SessionUser => ({ id, username: id, displayName: id, roles, ownerId, vendorId: null });
const admin = user('u-admin', ['admin']);
const hr = user('u-hr', ['hr']);
const zhang = user('u-owner-zhang', ['owner'], 'o-zhang');
const li = user('u-owner-li', ['owner'], 'o-li');
const wang = user('u-owner-wang', ['owner'], 'o-wang');
const manager = user('u-manager', ['management']);

const enrol = (ctx: ApiContext, personId: string, credential: Parameters<typeof enrolCredential>[3]['credential']) =>
  enrolCredential(ctx, admin, personId, { credentialId: randomUUID(), credential });

/** Seconds instead of minutes for a door off the network: two quick tries, at most a second apart after, the supervisor told after 2 s. */
const quickOutage = (ctx: ApiContext): ApiContext => ({
  ...ctx,
  settings: { ...ctx.settings, accessControl: { ...ctx.settings.accessControl, deviceRetry: { maximumAttempts: 2, initialIntervalMs: 500 }, doorOutage: { maximumIntervalMs: 1000, alertAfterMs: 2000 } } },
});

/**
 * Records the access-control processes' histories into test/replay/<process>/, for the replay test,
 * driving them through the same use cases as the API, against the device simulator.
 * Run again (npm run record-histories:access) when a change is meant to alter histories, behind patched().
 */
recordHistories({
  taskQueue: 'record-access-histories',
  setUp: async ({ db }) => {
    const simulator = await startDeviceSimulator({ port: 0, listenerUrl: null, heartbeatSeconds: 0 });
    await pointDemoDevicesAt(db, simulator.url);
    return { simulator, tearDown: () => simulator.stop() };
  },
  scenarios: {
    'credential-enrolment/card-enrolled': async ({ ctx }) => (await enrol(ctx, 'ap-li', { kind: 'card', cardNo: '20240001' })).workflowId,
    'credential-enrolment/face-with-consent': async ({ ctx }) => {
      await recordConsent(ctx, li, 'ap-li', { method: 'self' });
      return (await enrol(ctx, 'ap-li', { kind: 'face', faceImage: FACE })).workflowId;
    },
    'credential-enrolment/face-refused-consent-withdrawn': async ({ ctx }) => {
      // The API refuses a face without consent; this is the process's own check, for a consent withdrawn meanwhile.
      const credentialId = randomUUID();
      const workflowId = `credential-enrolment-${credentialId}`;
      await storeCredential(ctx, admin, { credentialId, personId: 'ap-wang', material: { kind: 'face', faceImage: FACE }, validFrom: new Date(), validUntil: new Date(Date.now() + 3600_000), workflowId });
      const input: CredentialEnrolmentInput = {
        credentialId,
        personId: 'ap-wang',
        personName: 'Wang',
        kind: 'face',
        deviceIds: ['door-b1'],
        requestedBy: { userId: admin.id, displayName: admin.displayName },
        retry: ctx.settings.accessControl.deviceRetry,
      };
      await ctx.temporal.workflow.start('credentialEnrolment', { taskQueue: ctx.taskQueue, workflowId, args: [input] });
      return workflowId;
    },
    'visitor-pass/expired': async ({ ctx }) =>
      (await issueVisitorPass(ctx, li, { passId: randomUUID(), visitorName: 'Guest', hostUnitId: 'b1-201', validUntil: new Date(Date.now() + 2000).toISOString(), credential: { kind: 'pin', pin: '2468' } }))
        .workflowId,
    'visitor-pass/cancelled': async ({ ctx }) => {
      const passId = randomUUID();
      const { workflowId } = await issueVisitorPass(ctx, li, { passId, visitorName: 'Guest', hostUnitId: 'b1-201', validUntil: new Date(Date.now() + 3600_000).toISOString(), credential: { kind: 'card', cardNo: '7001' } });
      await cancelVisitorPass(ctx, li, passId);
      return workflowId;
    },
    'access-revocation/staff-left': async ({ ctx }) => {
      for (const workflowId of [
        (await enrol(ctx, 'ap-tech1', { kind: 'card', cardNo: '5501' })).workflowId,
        (await enrol(ctx, 'ap-tech1', { kind: 'pin', pin: '482915' })).workflowId,
      ]) {
        await ctx.temporal.workflow.getHandle(workflowId).result();
      }
      return (await recordLeaving(ctx, hr, 'ap-tech1', { requestId: randomUUID(), reason: 'left' })).workflowId;
    },
    'access-revocation/owner-moved-out': async ({ ctx }) => {
      await ctx.temporal.workflow.getHandle((await enrol(ctx, 'ap-wang', { kind: 'card', cardNo: '6601' })).workflowId).result();
      const guest = await issueVisitorPass(ctx, wang, { passId: randomUUID(), visitorName: 'Guest', hostUnitId: 'b1-201', validUntil: new Date(Date.now() + 3600_000).toISOString(), credential: { kind: 'card', cardNo: '7101' } });
      const { workflowId } = await recordLeaving(ctx, manager, 'ap-wang', { requestId: randomUUID(), reason: 'moved-out' });
      return { 'access-revocation/owner-moved-out': workflowId, 'visitor-pass/host-moved-out': guest.workflowId };
    },
    'face-deletion/completed': async ({ ctx }) => {
      await recordConsent(ctx, zhang, 'ap-zhang', { method: 'self' });
      await ctx.temporal.workflow.getHandle((await enrol(ctx, 'ap-zhang', { kind: 'card', cardNo: '8801' })).workflowId).result();
      await ctx.temporal.workflow.getHandle((await enrol(ctx, 'ap-zhang', { kind: 'face', faceImage: FACE })).workflowId).result();
      return (await requestFaceDeletion(ctx, zhang, 'ap-zhang', { deletionId: randomUUID() })).workflowId;
    },
    'plate-list/allowed': async ({ ctx }) => (await setPlate(ctx, admin, { plate: '粤BD7777', list: 'allow' })).workflowId,
    'access-revocation/door-offline-until-back': async ({ ctx, simulator }) => {
      await ctx.temporal.workflow.getHandle((await enrol(ctx, 'ap-guard1', { kind: 'card', cardNo: '4201' })).workflowId).result();
      const door = simulator.devices.get('door-b2')!;
      door.reachable = false;
      const { workflowId } = await recordLeaving(quickOutage(ctx), hr, 'ap-guard1', { requestId: randomUUID(), reason: 'left' });
      // The supervisor is told; the door comes back before anyone acknowledges, which withdraws the task.
      await openTask(ctx.db, workflowId, 'checkOfflineDoor');
      door.reachable = true;
      return workflowId;
    },
    'face-deletion/door-offline-acknowledged': async ({ ctx, client, simulator }) => {
      // Li's face is on door-b1 (credential-enrolment/face-with-consent).
      const door = simulator.devices.get('door-b1')!;
      door.reachable = false;
      const { workflowId } = await requestFaceDeletion(quickOutage(ctx), li, 'ap-li', { deletionId: randomUUID() });
      const task = await openTask(ctx.db, workflowId, 'checkOfflineDoor');
      await complete(client, workflowId, task.id, actor('secsup'), { acknowledged: true, note: 'door-b1 is off the network; the vendor is on the way' });
      door.reachable = true;
      return workflowId;
    },
  },
});
