/**
 * What sealing costs per credential enrolment: storing a credential (the API's `storeCredential`: the
 * credential row and its secret, now with a fresh data key wrapped under the KEK and the secret under
 * AES-256-GCM) and reading its secret back (the enrolment activity, once per door), against the same
 * statements writing and reading plaintext as before encryption. Both run interleaved in one run on one
 * PostgreSQL, per material: PIN, card, a 1 KB fingerprint template, a 100 KB face image. The
 * cryptography alone (no database) is timed too, to tell it from the data-key row's round trips.
 *
 *   npm run bench:sealed
 *
 * Env: BENCH_ITERATIONS (per material and variant, default 400), BENCH_DATABASE_URL (use that server
 * instead of an embedded PostgreSQL; the bench makes a database of its own on it).
 */
import { eq } from 'drizzle-orm';
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { ApiContext } from '../api/context';
import type { SessionUser } from '../api/auth/session';
import { storeCredential } from '../api/use-cases/access-control/credentials';
import type { CredentialMaterial } from '../contracts/access-control';
import { closeDatabase, migrateDatabase, openDatabase, type Database } from '../db/client';
import { accessPeople, attachments, credentials } from '../db/schema';
import { sealRecord, unsealRecord } from '../db/sealed/envelope';
import { installKeyring, Keyring } from '../db/sealed/keyring';
import { openAttachmentContent, openCardNo } from '../db/sealed/records';
import { envNumber, fmt, log, machineNote, onCleanup, printTable, runBench, saveResults, startBenchDatabase, summarize } from './lib/common';

const ITERATIONS = envNumber('BENCH_ITERATIONS', 400);
const WARM_UP = 30;
const PERSON = 'ap-bench';
const user: SessionUser = { id: 'u-bench', username: 'bench', displayName: 'Bench', roles: ['admin'], ownerId: null, vendorId: null };
const validity = () => ({ validFrom: new Date(), validUntil: new Date(Date.now() + 3600_000) });

const jpeg = (bytes: number) => `data:image/jpeg;base64,${Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(bytes - 6), Buffer.from([0xff, 0xd9])]).toString('base64')}`;
const MATERIALS: Array<{ name: string; bytes: number; material: () => CredentialMaterial }> = [
  { name: 'PIN', bytes: 6, material: () => ({ kind: 'pin', pin: String(100_000 + Math.floor(Math.random() * 900_000)) }) },
  { name: 'card', bytes: 10, material: () => ({ kind: 'card', cardNo: String(Math.floor(Math.random() * 1e10)).padStart(10, '0') }) },
  { name: 'fingerprint', bytes: 1024, material: () => ({ kind: 'fingerprint', fingerIndex: 1, template: randomBytes(1024).toString('base64') }) },
  { name: 'face', bytes: 100_000, material: () => ({ kind: 'face', faceImage: jpeg(100_000) }) },
];

/** The secret as stored: a PIN or template as given, a face's base64 without its data-URL prefix. */
function secretOf(material: Exclude<CredentialMaterial, { kind: 'card' }>): { contentType: string; content: string } {
  if (material.kind === 'pin') return { contentType: 'text/x-pin', content: material.pin };
  if (material.kind === 'fingerprint') return { contentType: 'application/x-fingerprint-template', content: material.template };
  return { contentType: 'image/jpeg', content: material.faceImage.split(',')[1] };
}

/** The baseline: `storeCredential` as it was before encryption (same check, same rows, plaintext). */
async function storePlaintext(db: Database, credentialId: string, material: CredentialMaterial): Promise<void> {
  await db.transaction(async (tx) => {
    if (await tx.query.credentials.findFirst({ where: eq(credentials.id, credentialId) })) return;
    const secretId = material.kind === 'card' ? null : `secret-${credentialId}`;
    if (material.kind !== 'card') await tx.insert(attachments).values({ id: `secret-${credentialId}`, kind: material.kind, recordId: credentialId, ...secretOf(material), uploadedBy: user.id });
    const cardNo = material.kind === 'card' ? material.cardNo : null;
    await tx.insert(credentials).values({
      id: credentialId,
      personId: PERSON,
      kind: material.kind,
      sealedCardNo: cardNo,
      cardLast4: cardNo?.slice(-4) ?? null,
      fingerIndex: material.kind === 'fingerprint' ? material.fingerIndex : null,
      secretId,
      status: 'enrolling',
      ...validity(),
      workflowId: `bench-${credentialId}`,
      createdBy: user.id,
    });
  });
}

/** What the enrolment activity reads for one door: the card number or the secret, opened if sealed. */
async function readSecret(db: Database, credentialId: string): Promise<string | null> {
  const [credential] = await db.select().from(credentials).where(eq(credentials.id, credentialId));
  if (credential.kind === 'card') return openCardNo(db, credential);
  const [file] = await db.select().from(attachments).where(eq(attachments.id, credential.secretId!));
  return openAttachmentContent(db, file);
}

/**
 * The cryptography alone, without the database: a data key made, wrapped and the secret sealed, then
 * the key unwrapped and the secret opened, with stand-ins for the data-key row's insert and select.
 */
async function cryptoAlone(content: string): Promise<number> {
  let row: unknown;
  const writer = { insert: () => ({ values: async (values: unknown) => void (row = values) }) } as unknown as Pick<Database, 'insert'>;
  const reader = { select: () => ({ from: () => ({ where: async () => [row] }) }) } as unknown as Pick<Database, 'select'>;
  const place = { table: 'attachments', id: 'bench' };
  const started = performance.now();
  const { dataKeyId, sealed } = await sealRecord(writer, place, { content });
  const opened = await unsealRecord(reader, dataKeyId, place, sealed);
  const elapsed = performance.now() - started;
  if (opened.content !== content) throw new Error('the sealed content did not open to itself');
  return elapsed;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

runBench(async () => {
  log(machineNote());
  installKeyring(new Keyring({ id: 'bench', key: randomBytes(32) }));
  const database = await startBenchDatabase('steward_bench_sealed');
  const db = openDatabase(database.url, { max: 4 });
  onCleanup('close database', () => closeDatabase(db));
  await migrateDatabase(db);
  await db.insert(accessPeople).values({ id: PERSON, kind: 'staff', name: 'Bench' });
  const ctx = { db } as ApiContext;

  const results = [];
  for (const { name, bytes, material } of MATERIALS) {
    const samples = { plainWrite: [] as number[], sealedWrite: [] as number[], plainRead: [] as number[], sealedRead: [] as number[], crypto: [] as number[] };
    for (let i = 0; i < WARM_UP + ITERATIONS; i++) {
      const plainId = randomUUID();
      const sealedId = randomUUID();
      const sample = material();
      // Alternate which variant goes first, so drift and caching favour neither.
      const variants = [
        async () => {
          const write = await timed(() => storePlaintext(db, plainId, sample));
          const read = await timed(() => readSecret(db, plainId));
          return { write, read, sealed: false };
        },
        async () => {
          const write = await timed(() => storeCredential(ctx, user, { credentialId: sealedId, personId: PERSON, material: sample, ...validity(), workflowId: `bench-${sealedId}` }));
          const read = await timed(() => readSecret(db, sealedId));
          return { write, read, sealed: true };
        },
      ];
      for (const run of i % 2 ? variants : variants.reverse()) {
        const { write, read, sealed } = await run();
        if (i < WARM_UP) continue;
        (sealed ? samples.sealedWrite : samples.plainWrite).push(write);
        (sealed ? samples.sealedRead : samples.plainRead).push(read);
      }
      const crypto = await cryptoAlone(sample.kind === 'card' ? sample.cardNo : secretOf(sample).content);
      if (i >= WARM_UP) samples.crypto.push(crypto);
    }
    const summary = Object.fromEntries(Object.entries(samples).map(([key, values]) => [key, summarize(values)])) as Record<keyof typeof samples, ReturnType<typeof summarize>>;
    results.push({ material: name, bytes, ...summary });
    log(`${name}: done`);
  }

  console.log(`\nPer credential, ${ITERATIONS} each, interleaved (ms; ratio = sealed mean / plaintext mean)\n`);
  printTable(
    ['material', 'write plain p50/p99', 'write sealed p50/p99', 'write ratio', 'read plain p50/p99', 'read sealed p50/p99', 'read ratio', 'enrolment (write + 1 read) extra', 'of it crypto p50'],
    results.map((row) => [
      `${row.material} (${row.bytes} B)`,
      `${fmt(row.plainWrite.p50, 2)} / ${fmt(row.plainWrite.p99, 2)}`,
      `${fmt(row.sealedWrite.p50, 2)} / ${fmt(row.sealedWrite.p99, 2)}`,
      `${fmt(row.sealedWrite.mean / row.plainWrite.mean, 2)}×`,
      `${fmt(row.plainRead.p50, 2)} / ${fmt(row.plainRead.p99, 2)}`,
      `${fmt(row.sealedRead.p50, 2)} / ${fmt(row.sealedRead.p99, 2)}`,
      `${fmt(row.sealedRead.mean / row.plainRead.mean, 2)}×`,
      `+${fmt(row.sealedWrite.mean + row.sealedRead.mean - row.plainWrite.mean - row.plainRead.mean, 2)} ms (${fmt(((row.sealedWrite.mean + row.sealedRead.mean) / (row.plainWrite.mean + row.plainRead.mean) - 1) * 100, 0)} %)`,
      `${fmt(row.crypto.p50, 3)} ms`,
    ]),
  );
  console.log(`\nResults: ${await saveResults('sealed-storage', { machine: machineNote(), iterations: ITERATIONS, results })}`);
});
