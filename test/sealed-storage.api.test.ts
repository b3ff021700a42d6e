import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { storeCredential } from '../api/use-cases/access-control/credentials';
import { DeviceGateway } from '../api/devices/gateway';
import { loadConfig } from '../config';
import { closeDatabase, migrateDatabase, openDatabase, type Database } from '../db/client';
import { attachments, bids, credentials, dataKeys, deviceConnections, deviceEvents, processInstances, procurements, SEALED_ATTACHMENT_KINDS } from '../db/schema';
import { DEMO_DEVICES } from '../db/seed/demo-devices';
import { SealedDataError, unsealRecord } from '../db/sealed/envelope';
import { installKeyring, keyring, Keyring, keyringFrom } from '../db/sealed/keyring';
import { openAttachmentContent, openBidContent, openCardNo, openDeviceSecrets } from '../db/sealed/records';
import { rewrapDataKeys } from '../db/sealed/rotation';
import type { TaskView } from '../contracts/tasks';
import type { CredentialEnrolmentInput } from '../workflows/credential-enrolment/messages';
import { startDeviceTestStack, type DeviceTestStack } from './support/devices';
import { signIn, type HttpClient, type HttpResponse } from './support/http-client';
import { CCTV_SUPPLIERS } from './support/procurement-scenarios';
import { eventually } from './support/stack';
import { withDatabase } from './support/global-setup';

const API = '/api/v1';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

// Canaries: each must never appear in clear in any table.
const PIN = '482915';
const CARD = '6150288374';
const FACE_BYTES = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(`face-canary-${randomUUID()}`), Buffer.from([0xff, 0xd9])]);
const FACE = `data:image/jpeg;base64,${FACE_BYTES.toString('base64')}`;
const TEMPLATE_TEXT = `fingerprint-canary-${randomUUID()}`;
const TEMPLATE = Buffer.from(TEMPLATE_TEXT).toString('base64');
const SCAN_TEXT = `consent-scan-canary-${randomUUID()}`;
const SCAN = `data:image/png;base64,${Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.from(SCAN_TEXT)]).toString('base64')}`;
const PROPOSAL = `SEALED-PROPOSAL-${randomUUID()}`;
const BID_PRICES = [86_417, 79_353, 91_267];

/** A number in clear: not inside a longer number, nor a timestamp's fraction of a second. */
const inClear = (digits: string) => new RegExp(`(?<![0-9.])${digits}(?![0-9])`);

/** Everything that must stay sealed, as the database would show it in clear. */
const canaries: Record<string, RegExp | string> = {
  PIN: inClear(PIN),
  'card number': CARD,
  'face (base64 JPEG)': '/9j/',
  'face (bytes)': FACE_BYTES.subarray(4, 20).toString('latin1'),
  'face (hex)': FACE_BYTES.subarray(4, 20).toString('hex'),
  'fingerprint template': TEMPLATE,
  'fingerprint template (decoded)': TEMPLATE_TEXT,
  'consent scan': SCAN.split(',')[1],
  'consent scan (decoded)': SCAN_TEXT,
  'bid proposal': PROPOSAL,
  ...Object.fromEntries(
    DEMO_DEVICES.flatMap((device) => [
      [`${device.id} password`, device.password],
      [`${device.id} push secret`, device.pushSecret],
      [`${device.id} push key`, sha256(device.pushSecret)],
    ]),
  ),
};

/** Reads every row of every table as text and names each canary found in clear, with its table. */
async function plaintextIn(db: Database, checks: Record<string, RegExp | string> = canaries): Promise<string[]> {
  const tables = await db.execute<{ table_name: string }>(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`);
  expect(tables.length).toBeGreaterThan(40);
  const found: string[] = [];
  for (const { table_name: table } of tables) {
    const rows = await db.execute<{ row: string }>(sql`select t::text as row from ${sql.identifier(table)} t`);
    for (const [name, canary] of Object.entries(checks)) {
      if (rows.some(({ row }) => (typeof canary === 'string' ? row.includes(canary) : canary.test(row)))) found.push(`${name} in ${table}`);
    }
  }
  return found;
}

let stack: DeviceTestStack;
const started: string[] = [];
const FIRST_KEY = keyring();
const SECOND_KEY = { id: `rotated-${randomBytes(3).toString('hex')}`, key: randomBytes(32) };

beforeAll(async () => {
  stack = await startDeviceTestStack();
});
afterAll(async () => {
  await Promise.all(started.map((workflowId) => stack.client.workflow.getHandle(workflowId).terminate('test done').catch(() => undefined)));
  await stack?.stop();
});

interface DeviceState {
  users: Array<{ employeeNo: string; pin: string | null }>;
  cards: Array<{ cardNo: string; employeeNo: string }>;
  faces: Array<{ employeeNo: string; bytes: number }>;
  fingerprints: Array<{ employeeNo: string }>;
}

/** What the simulated door holds for a person, read over the simulator's control API. */
async function holds(deviceId: string, personId: string) {
  const state = (await stack.simulator.control('GET', `/_sim/devices/${deviceId}/state`)) as DeviceState;
  return {
    pin: state.users.find((user) => user.employeeNo === personId)?.pin ?? null,
    cards: state.cards.filter((card) => card.employeeNo === personId).map((card) => card.cardNo),
    face: state.faces.find((face) => face.employeeNo === personId)?.bytes ?? null,
    fingerprints: state.fingerprints.filter((print) => print.employeeNo === personId).length,
  };
}

function expectCreated(response: HttpResponse) {
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  if (response.body.workflowId) started.push(response.body.workflowId);
  return response.body;
}

const resultOf = <T>(workflowId: string) => stack.client.workflow.getHandle(workflowId).result() as Promise<T>;

async function enrol(http: HttpClient, personId: string, credential: Record<string, unknown>) {
  const body = expectCreated(await http.post(`${API}/access/people/${personId}/credentials`, { credentialId: randomUUID(), credential }));
  return { credentialId: body.credentialId as string, outcome: await resultOf<{ status: string; enrolled: string[] }>(body.workflowId) };
}

async function completeTask(http: HttpClient, workflowId: string, stepId: string, payload: Record<string, unknown>) {
  const task = await eventually(async () => ((await http.get(`${API}/tasks?step=${stepId}&limit=200`)).body.items as TaskView[]).find((item) => item.workflowId === workflowId));
  const response = await http.post(`${API}/tasks/${encodeURIComponent(task.id)}/complete`, { payload });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

const fileRow = async (id: string) => (await stack.db.select().from(attachments).where(eq(attachments.id, id)))[0];
const credentialRow = async (id: string) => (await stack.db.select().from(credentials).where(eq(credentials.id, id)))[0];

// One story in order: credentials and bids are stored sealed, the keys rotate under them, and a face is shredded.
describe('secrets and sensitive data sealed at rest (P4.3c, P5.2c; PIPL art. 51)', () => {
  const credentialIds: Record<'pin' | 'card' | 'fingerprint' | 'face', string> = { pin: '', card: '', fingerprint: '', face: '' };
  let procurementId = '';
  let pendingPin: { credentialId: string; workflowId: string } | null = null;

  it('enrols a PIN, a card, a fingerprint and a face over HTTP: the door holds them, the database holds none in clear', async () => {
    const admin = await signIn(stack.baseUrl, 'admin');
    expectCreated(await admin.post(`${API}/access/people/ap-li/consent`, { method: 'signed-form', evidence: SCAN }));
    for (const [kind, credential] of [
      ['pin', { kind: 'pin', pin: PIN }],
      ['card', { kind: 'card', cardNo: CARD }],
      ['fingerprint', { kind: 'fingerprint', fingerIndex: 2, template: TEMPLATE }],
      ['face', { kind: 'face', faceImage: FACE }],
    ] as const) {
      const { credentialId, outcome } = await enrol(admin, 'ap-li', credential);
      expect(outcome).toMatchObject({ status: 'active', enrolled: ['door-b1'] });
      credentialIds[kind] = credentialId;
    }
    // The door got the real material: opened from the seal only inside the enrolment activity.
    expect(await holds('door-b1', 'ap-li')).toEqual({ pin: PIN, cards: [CARD], face: FACE_BYTES.length, fingerprints: 1 });

    expect(await plaintextIn(stack.db)).toEqual([]);
    const [{ raw }] = await stack.db.execute<{ raw: number }>(sql`select count(*)::int as raw from attachments where content like ${`%${PIN}%`} or content like '/9j/%'`);
    expect(raw).toBe(0);
    // Every sealed row names its data key, and the key exists, wrapped under the configured key.
    const sealedFiles = await stack.db.select().from(attachments).where(inArray(attachments.kind, [...SEALED_ATTACHMENT_KINDS]));
    expect(sealedFiles.map((file) => file.kind).sort()).toEqual(['consent-scan', 'face', 'fingerprint', 'pin']);
    expect(sealedFiles.every((file) => file.dataKeyId !== null)).toBe(true);
    expect(await stack.db.select().from(deviceConnections).where(isNull(deviceConnections.dataKeyId))).toEqual([]);
    expect(new Set((await stack.db.select({ kekId: dataKeys.kekId }).from(dataKeys)).map((row) => row.kekId))).toEqual(new Set([FIRST_KEY.current.id]));

    // People see the card's last four digits, as before.
    const person = await admin.get(`${API}/access/people/ap-li`);
    expect(person.body.credentials.find((entry: { id: string }) => entry.id === credentialIds.card)).toMatchObject({ kind: 'card', cardHint: `…${CARD.slice(-4)}` });
  });

  it('keeps bids sealed in the database before the opening', async () => {
    const [procure, ...vendors] = await Promise.all(['procure', 'vendor-anxin', 'vendor-cctv', 'vendor-huaan'].map((name) => signIn(stack.baseUrl, name)));
    const projectId = `proj-${randomUUID().slice(0, 8)}`;
    // Long enough a window for the rotation below to happen before the opening.
    procurementId = expectCreated(await procure.post(`${API}/procurements`, { projectId, title: 'Gate cameras', estimate: 95_000, system: 'cctv', bidWindowSeconds: 15 })).workflowId;
    await completeTask(procure, procurementId, 'chooseMethod', { method: 'inquiry', invitedVendorIds: [...CCTV_SUPPLIERS] });
    await eventually(async () => ((await stack.db.query.procurements.findFirst({ where: eq(procurements.workflowId, procurementId) }))?.status === 'bidding' ? true : undefined));
    for (const [index, vendor] of vendors.entries()) {
      const bid = { bidId: randomUUID(), priceYuan: BID_PRICES[index], technicalProposal: `${PROPOSAL} #${index}`, deliveryDate: '2027-04-01', afterSalesTerms: 'Two years on site' };
      expectCreated(await vendor.post(`${API}/procurements/${procurementId}/bids`, bid));
    }
    const prices = Object.fromEntries(BID_PRICES.map((price) => [`price ${price}`, inClear(String(price))]));
    expect(await plaintextIn(stack.db, { 'bid proposal': PROPOSAL, ...prices })).toEqual([]);
    // The seal holds in code too: nothing opens a bid of a procurement that is not opened.
    const [row] = await stack.db.select().from(bids).where(eq(bids.procurementWorkflowId, procurementId)).limit(1);
    await expect(openBidContent(stack.db, row, null)).rejects.toThrow(/sealed until the opening/);
  });

  it('rotation re-wraps every data key under the new key, once; the old key is then no longer needed', async () => {
    // A PIN stored (sealed under the first key) whose enrolment only runs after the rotation.
    const credentialId = randomUUID();
    pendingPin = { credentialId, workflowId: `credential-enrolment-${credentialId}` };
    const admin = { id: 'u-admin', username: 'admin', displayName: 'Admin', roles: ['admin'], ownerId: null, vendorId: null };
    await storeCredential(stack.ctx, admin, { credentialId, personId: 'ap-tech1', material: { kind: 'pin', pin: '739164' }, validFrom: new Date(), validUntil: new Date(Date.now() + 3600_000), workflowId: pendingPin.workflowId });

    const before = await stack.db.select().from(dataKeys);
    expect((await stack.db.query.procurements.findFirst({ where: eq(procurements.workflowId, procurementId) }))?.openedAt).toBeNull();
    const ring = new Keyring(SECOND_KEY, [FIRST_KEY.current]);
    installKeyring(ring);
    const report = await rewrapDataKeys(stack.db, ring, 7);
    expect(report).toEqual({
      currentKekId: SECOND_KEY.id,
      rewrapped: { [FIRST_KEY.current.id]: before.length },
      rewrappedByTable: { attachments: 5, credentials: 1, device_connections: DEMO_DEVICES.length, bids: 3 },
      alreadyCurrent: 0,
    });
    const after = new Map((await stack.db.select().from(dataKeys)).map((row) => [row.id, row]));
    expect(after.size).toBe(before.length);
    for (const old of before) {
      expect(after.get(old.id)).toMatchObject({ kekId: SECOND_KEY.id, rewrappedAt: expect.any(Date) });
      expect(after.get(old.id)!.wrappedKey).not.toBe(old.wrappedKey);
    }
    // Idempotent: a second run finds everything under the current key.
    expect(await rewrapDataKeys(stack.db, ring)).toEqual({ currentKekId: SECOND_KEY.id, rewrapped: {}, rewrappedByTable: {}, alreadyCurrent: before.length });
    // From here on only the new key is configured.
    installKeyring(new Keyring(SECOND_KEY));
    await expect(rewrapDataKeys(stack.db, new Keyring(FIRST_KEY.current))).rejects.toThrow(new RegExp(`"${SECOND_KEY.id}" \\(${before.length}\\)`));

    const pin = await fileRow(`secret-${credentialIds.pin}`);
    expect(await openAttachmentContent(stack.db, pin)).toBe(PIN);
    expect(await openCardNo(stack.db, await credentialRow(credentialIds.card))).toBe(CARD);
    // The old key alone opens nothing any more.
    const withOldKey = unsealRecord(stack.db, pin.dataKeyId!, { table: 'attachments', id: pin.id }, { content: pin.content }, new Keyring(FIRST_KEY.current));
    await expect(withOldKey).rejects.toMatchObject({ type: 'UnknownKeyEncryptionKey' });
  });

  it('after the rotation a door enrolment, a card revocation, the bid opening and device pushes still open their seals', async () => {
    const admin = await signIn(stack.baseUrl, 'admin');
    // Door enrolment of the PIN sealed before the rotation (staff: every door).
    const input: CredentialEnrolmentInput = {
      credentialId: pendingPin!.credentialId,
      personId: 'ap-tech1',
      personName: 'Zhang Wei',
      kind: 'pin',
      deviceIds: ['door-b1', 'door-b2'],
      requestedBy: { userId: 'u-admin', displayName: 'Admin' },
      retry: stack.ctx.settings.accessControl.deviceRetry,
    };
    started.push(pendingPin!.workflowId);
    await stack.client.workflow.start('credentialEnrolment', { taskQueue: stack.taskQueue, workflowId: pendingPin!.workflowId, args: [input] });
    expect(await resultOf(pendingPin!.workflowId)).toMatchObject({ status: 'active', enrolled: ['door-b1', 'door-b2'] });
    for (const door of ['door-b1', 'door-b2']) expect((await holds(door, 'ap-tech1')).pin).toBe('739164');

    // Revoking the card needs its full number, opened from the re-wrapped key.
    const revocation = expectCreated(await admin.post(`${API}/access/credentials/${credentialIds.card}/revoke`, { requestId: randomUUID() }));
    await resultOf(revocation.workflowId);
    expect((await holds('door-b1', 'ap-li')).cards).toEqual([]);

    // The opening decrypts the bids in the activity; the API serves them decrypted after it.
    await eventually(async () => ((await stack.db.query.procurements.findFirst({ where: eq(procurements.workflowId, procurementId) }))?.openedAt ? true : undefined), 40_000);
    const projected = await eventually(async () => {
      const [instance] = await stack.db.select().from(processInstances).where(eq(processInstances.workflowId, procurementId));
      return (instance?.data as { bids?: Array<{ priceYuan: number }> } | null)?.bids;
    });
    expect(projected.map((bid) => bid.priceYuan).sort()).toEqual([...BID_PRICES].sort());
    const served = await (await signIn(stack.baseUrl, 'manager')).get(`${API}/procurements/${procurementId}/bids`);
    expect(served.status).toBe(200);
    expect(served.body.items.map((item: { technicalProposal: string }) => item.technicalProposal).sort()).toEqual([0, 1, 2].map((index) => `${PROPOSAL} #${index}`));
    // Opened, the bids stay sealed at rest.
    expect(await plaintextIn(stack.db, { 'bid proposal': PROPOSAL })).toEqual([]);

    // Devices that never pushed before (nothing cached) authenticate over HTTP Basic and MQTT's HMAC.
    for (const [deviceId, transport] of [['door-b2', 'http'], ['cam-gate', 'mqtt']] as const) {
      const { sequence } = (await stack.simulator.control('POST', `/_sim/devices/${deviceId}/access`, { personId: 'ap-tech1', transport })) as { sequence: number };
      await eventually(async () => ((await stack.db.select().from(deviceEvents).where(and(eq(deviceEvents.deviceId, deviceId), eq(deviceEvents.sequence, sequence)))).length ? true : undefined));
    }
    const wrong = await fetch(`${stack.baseUrl}/api/v1/device-events`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from('door-b1:not-the-secret').toString('base64')}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(wrong.status).toBe(401);
    const fresh = new DeviceGateway(stack.ctx, stack.settings);
    const door = DEMO_DEVICES.find((device) => device.id === 'door-b1')!;
    expect(await fresh.authenticate('door-b1', door.pushSecret)).toMatchObject({ id: 'door-b1', pushKey: sha256(door.pushSecret) });
    expect(await fresh.authenticate('door-b1', `${door.pushSecret}x`)).toBeNull();
  });

  it('deleting a face erases its data key: the ciphertext, wherever a copy is, no longer opens', async () => {
    const admin = await signIn(stack.baseUrl, 'admin');
    const face = await fileRow(`secret-${credentialIds.face}`);
    expect(face.dataKeyId).not.toBeNull();
    // What a backup or WAL would keep: the ciphertext and the key id.
    const copy = { dataKeyId: face.dataKeyId!, content: face.content };
    expect(Buffer.from(await openAttachmentContent(stack.db, face), 'base64').equals(FACE_BYTES)).toBe(true);

    const deletion = expectCreated(await admin.post(`${API}/access/people/ap-li/face-deletions`, { deletionId: randomUUID() }));
    expect(await resultOf(deletion.workflowId)).toMatchObject({ status: 'completed', imagesErased: 1 });
    expect((await holds('door-b1', 'ap-li')).face).toBeNull();
    expect(await stack.db.select().from(attachments).where(eq(attachments.id, face.id))).toEqual([]);
    expect(await stack.db.select().from(dataKeys).where(eq(dataKeys.id, copy.dataKeyId))).toEqual([]);
    const opening = unsealRecord(stack.db, copy.dataKeyId, { table: 'attachments', id: face.id }, { content: copy.content });
    await expect(opening).rejects.toBeInstanceOf(SealedDataError);
    await expect(opening).rejects.toMatchObject({ type: 'DataKeyErased' });
    // The other credentials keep their keys.
    expect(await openAttachmentContent(stack.db, await fileRow(`secret-${credentialIds.pin}`))).toBe(PIN);
  });
});

describe('rows stored before encryption (migration 0004)', () => {
  it('are sealed by the migration step at start, once, and read back the same', async () => {
    const adminUrl = inject('postgresAdminUrl');
    const name = `steward_t${randomUUID().slice(0, 8)}_${inject('templateDatabase').split('_').pop()}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    const db = openDatabase(withDatabase(adminUrl, name), { max: 2 });
    try {
      // The schema as it was: the migrations up to 0003, from a copy of the folder whose journal ends there.
      const folder = fileURLToPath(new URL('../db/migrations', import.meta.url));
      const legacy = await mkdtemp(path.join(inject('scratchDir'), 'migrations-'));
      await mkdir(path.join(legacy, 'meta'));
      const journal = JSON.parse(await readFile(path.join(folder, 'meta/_journal.json'), 'utf8')) as { entries: Array<{ idx: number; tag: string }> };
      journal.entries = journal.entries.filter((entry) => entry.idx <= 3);
      await writeFile(path.join(legacy, 'meta/_journal.json'), JSON.stringify(journal));
      for (const entry of journal.entries) await copyFile(path.join(folder, `${entry.tag}.sql`), path.join(legacy, `${entry.tag}.sql`));
      await migrate(db, { migrationsFolder: legacy });

      const content = { technicalProposal: PROPOSAL, deliveryDate: '2027-04-01', afterSalesTerms: 'Two years' };
      // Rows as the code before 0004 wrote them; the bid's content without its price, as the oldest rows have it.
      for (const statement of [
        sql`insert into users (id, username, password_hash, display_name, roles) values ('u-x', 'x', 'x', 'X', '{admin}')`,
        sql`insert into zones (id, name) values ('z-x', 'Zone X')`,
        sql`insert into devices (id, name, zone_id, system) values ('dev-x', 'Door X', 'z-x', 'access-control')`,
        sql`insert into device_connections (device_id, base_url, username, password, push_secret_hash) values ('dev-x', 'http://127.0.0.1:9', 'admin', 'legacy-device-pw', ${sha256('legacy-push')})`,
        sql`insert into access_people (id, kind, name) values ('ap-x', 'resident', 'X')`,
        sql`insert into attachments (id, kind, record_id, content_type, content, uploaded_by) values ('secret-c1', 'pin', 'c1', 'text/x-pin', ${PIN}, 'u-x')`,
        sql`insert into credentials (id, person_id, kind, card_no, secret_id, status, valid_from, valid_until, workflow_id, created_by) values
          ('c1', 'ap-x', 'pin', null, 'secret-c1', 'active', now(), now() + interval '1 day', 'w1', 'u-x'),
          ('c2', 'ap-x', 'card', ${CARD}, null, 'active', now(), now() + interval '1 day', 'w2', 'u-x')`,
        sql`insert into vendors (id, name) values ('v-x', 'Vendor X')`,
        sql`insert into procurements (workflow_id, project_id, title, estimate_yuan) values ('procurement-x', 'x', 'T', 100000)`,
        sql`insert into bids (id, procurement_workflow_id, vendor_id, submitted_by, submitted_at, price_yuan, content, content_hash) values
          ('b1', 'procurement-x', 'v-x', 'u-x', now(), ${BID_PRICES[0]}, ${JSON.stringify(content)}::jsonb, 'h')`,
      ]) {
        await db.execute(statement);
      }

      const legacyCanaries = { PIN: inClear(PIN), card: CARD, password: 'legacy-device-pw', 'push key': sha256('legacy-push'), proposal: PROPOSAL, price: inClear(String(BID_PRICES[0])) };
      // The raw read finds them while they are in clear.
      expect(await plaintextIn(db, legacyCanaries)).toEqual([
        'PIN in attachments',
        'proposal in bids',
        'price in bids',
        'card in credentials',
        'password in device_connections',
        'push key in device_connections',
      ]);
      expect(await migrateDatabase(db)).toEqual({ attachments: 1, cards: 1, devices: 1, bids: 1 });
      expect(await migrateDatabase(db)).toEqual({ attachments: 0, cards: 0, devices: 0, bids: 0 });
      expect(await plaintextIn(db, legacyCanaries)).toEqual([]);

      const [pin] = await db.select().from(attachments).where(eq(attachments.id, 'secret-c1'));
      expect(await openAttachmentContent(db, pin)).toBe(PIN);
      const [card] = await db.select().from(credentials).where(eq(credentials.id, 'c2'));
      expect(card.cardLast4).toBe(CARD.slice(-4));
      expect(await openCardNo(db, card)).toBe(CARD);
      const [connection] = await db.select().from(deviceConnections).where(eq(deviceConnections.deviceId, 'dev-x'));
      expect(await openDeviceSecrets(db, connection)).toEqual({ password: 'legacy-device-pw', pushKey: sha256('legacy-push') });
      const [bid] = await db.select().from(bids).where(eq(bids.id, 'b1'));
      expect(await openBidContent(db, bid, new Date())).toEqual({ ...content, priceYuan: BID_PRICES[0] });
    } finally {
      await closeDatabase(db);
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    }
  });
});

describe('key configuration', () => {
  const base64Key = () => randomBytes(32).toString('base64');
  const configuredKeyring = (env: Record<string, string>) => keyringFrom(loadConfig(env).keys);

  it('takes the current key from STEWARD_KEK and STEWARD_KEK_ID, older ones from STEWARD_KEK_PREVIOUS', () => {
    const [current, old] = [base64Key(), base64Key()];
    const ring = configuredKeyring({ STEWARD_KEK: current, STEWARD_KEK_ID: 'kek-2027', STEWARD_KEK_PREVIOUS: `kek-2026:${old}` });
    expect(ring.current).toEqual({ id: 'kek-2027', key: Buffer.from(current, 'base64') });
    expect(ring.key('kek-2026')).toEqual(Buffer.from(old, 'base64'));
    expect(ring.ids).toEqual(['kek-2027', 'kek-2026']);
  });

  it('reads a key file: the first key is current, the others still unwrap', async () => {
    const [current, old] = [base64Key(), base64Key()];
    const file = path.join(await mkdtemp(path.join(inject('scratchDir'), 'keys-')), 'kek');
    await writeFile(file, `# rotated in 2027\nkek-2027 ${current}\n\nkek-2026 ${old}\n`);
    const ring = configuredKeyring({ STEWARD_KEK_FILE: file });
    expect(ring.current.id).toBe('kek-2027');
    expect(ring.key('kek-2026')).toEqual(Buffer.from(old, 'base64'));
  });

  it('refuses a bad configuration, naming the variable', () => {
    expect(() => configuredKeyring({ STEWARD_KEK: base64Key() })).toThrow(/STEWARD_KEK_ID is required/);
    expect(() => configuredKeyring({ STEWARD_KEK: randomBytes(16).toString('base64'), STEWARD_KEK_ID: 'k' })).toThrow(/STEWARD_KEK: key "k" must be 32 bytes/);
    expect(() => configuredKeyring({ STEWARD_KEK: base64Key(), STEWARD_KEK_ID: 'k', STEWARD_KEK_FILE: '/nowhere' })).toThrow(/not both/);
    expect(() => configuredKeyring({ STEWARD_KEK_FILE: path.join(inject('scratchDir'), 'no-such-key-file') })).toThrow(/STEWARD_KEK_FILE: cannot read .* \(ENOENT\)/);
    expect(() => configuredKeyring({ STEWARD_KEK: base64Key(), STEWARD_KEK_ID: 'k', STEWARD_KEK_PREVIOUS: 'k-old' })).toThrow(/STEWARD_KEK_PREVIOUS: each entry/);
    expect(() => configuredKeyring({ STEWARD_KEK: base64Key(), STEWARD_KEK_ID: 'k', STEWARD_KEK_PREVIOUS: `k:${base64Key()}` })).toThrow(/"k" is configured twice/);
    expect(() => configuredKeyring({ NODE_ENV: 'production' })).toThrow(/STEWARD_KEK .* or STEWARD_KEK_FILE is required in production/);
  });

  it('outside production, generates one development key into the data folder and keeps it', async () => {
    const dataDir = await mkdtemp(path.join(inject('scratchDir'), 'data-'));
    const first = configuredKeyring({ STEWARD_DATA_DIR: dataDir });
    expect(first.current.id).toMatch(/^dev-[0-9a-f]{8}$/);
    expect(configuredKeyring({ STEWARD_DATA_DIR: dataDir }).current).toEqual(first.current);
    expect(await readFile(path.join(dataDir, 'keys', 'steward-kek'), 'utf8')).toContain(first.current.key.toString('base64'));
  });
});
