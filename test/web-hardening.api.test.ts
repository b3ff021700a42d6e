import { eq, sql } from 'drizzle-orm';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { get, type IncomingHttpHeaders, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiContext, SecuritySettings } from '../api/context';
import { loggable } from '../api/http/problem';
import { listen } from '../api/server';
import { loginAttempts, sessions, tasks } from '../db/schema';
import { DEMO_PASSWORD } from '../db/seed/demo-community';
import { PRECOMPRESS_MIN_BYTES } from '../ui/vite.config';
import { signIn } from './support/http-client';
import { eventually, startApiTestStack, type ApiTestStack } from './support/stack';

const API = '/api/v1';
let stack: ApiTestStack;
const servers: Server[] = [];

beforeAll(async () => {
  stack = await startApiTestStack();
});
afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  await stack?.stop();
});

/** Another API on the same database and engine, with its own settings (and a built UI to serve). */
async function apiWith(settings: { secureCookies?: boolean; security?: Partial<SecuritySettings> }, uiDir?: string): Promise<string> {
  const ctx: ApiContext = { ...stack.ctx, settings: { ...stack.ctx.settings, ...settings, security: { ...stack.ctx.settings.security, ...settings.security } } };
  const server = await listen(ctx, 0, '127.0.0.1', uiDir);
  servers.push(server);
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

const login = (baseUrl: string, username: string, password: string) =>
  fetch(`${baseUrl}${API}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });

describe('security headers (M1)', () => {
  it('forbid framing and sniffing on API answers and files; HSTS only once cookies are secure', async () => {
    const answer = await fetch(`${stack.baseUrl}${API}/auth/me`);
    const policy = answer.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("object-src 'none'");
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
    expect(answer.headers.get('strict-transport-security')).toBeNull();

    const secure = await fetch(`${await apiWith({ secureCookies: true })}${API}/auth/me`);
    expect(secure.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(secure.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
  });
});

/** A GET as it comes off the wire: no decoding of the body, unlike fetch. */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    }).on('error', reject);
  });
}

describe('static assets (a first page on a slow phone)', () => {
  it('hashed assets come compressed (brotli, else gzip) and cached immutable; the shell is revalidated; a missing asset is a 404', async () => {
    // A build of its own (with its precompressed copies), so no other test's build is replaced under it.
    const uiDir = await mkdtemp(path.join(tmpdir(), 'steward-ui-'));
    try {
      const { build } = await import('vite');
      await build({ configFile: fileURLToPath(new URL('../ui/vite.config.ts', import.meta.url)), logLevel: 'warn', build: { outDir: uiDir, emptyOutDir: true } });
      const base = await apiWith({}, uiDir);

      const shell = await rawGet(`${base}/worklist`, { 'accept-encoding': 'br, gzip' });
      expect(shell.status).toBe(200);
      expect(shell.headers['cache-control']).toBe('no-cache');
      const entry = [...shell.body.toString().matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((match) => match[1]);
      expect(entry.some((asset) => asset.endsWith('.js')) && entry.some((asset) => asset.endsWith('.css'))).toBe(true);
      // Each page is a chunk of its own, loaded when its route is opened: the shell names none of them.
      const written = (await readdir(path.join(uiDir, 'assets'))).filter((file) => /\.(js|css)$/.test(file)).map((file) => `/assets/${file}`);
      // The charting library too (the indicators' charts) comes only with the page that draws charts.
      const pages = written.filter((asset) => /\/(worklist-page|fault-page|process-diagram|kpi-dashboard-page|echarts)-[^/]+\.js$/.test(asset));
      expect(pages).toHaveLength(5);
      for (const page of pages) expect(entry).not.toContain(page);
      // What the shell loads is React, the router and the shell: zod (100s of KB) stays with the API.
      for (const script of entry.filter((asset) => asset.endsWith('.js'))) expect((await readFile(path.join(uiDir, script))).toString(), script).not.toContain('ZodError');

      // Every script and stylesheet the build wrote, the pages' chunks too: compressed once worth it (a chunk of
      // a few hundred bytes goes as it is), and immutable.
      for (const asset of written) {
        const plain = await readFile(path.join(uiDir, asset));
        const compressed = plain.length >= PRECOMPRESS_MIN_BYTES;
        const type = asset.endsWith('.js') ? /javascript/ : /text\/css/;
        for (const [accepted, encoding, decode] of [
          ['gzip, deflate, br, zstd', 'br', brotliDecompressSync],
          ['gzip, deflate', 'gzip', gunzipSync],
          ['identity', undefined, (body: Buffer) => body],
        ] as const) {
          const answer = await rawGet(`${base}${asset}`, { 'accept-encoding': accepted });
          const label = `${asset} for ${accepted}`;
          expect(answer.status, label).toBe(200);
          expect(answer.headers['content-encoding'], label).toBe(compressed ? encoding : undefined);
          expect(answer.headers['content-type'], label).toMatch(type);
          expect(answer.headers['cache-control'], label).toBe('public, max-age=31536000, immutable');
          expect(answer.headers.vary, label).toMatch(/accept-encoding/i);
          expect((compressed ? decode(answer.body) : answer.body).equals(plain), label).toBe(true);
          // The big ones (the entry script and stylesheet) to less than half.
          if (encoding && compressed) expect(answer.body.length, label).toBeLessThan(entry.includes(asset) ? plain.length / 2 : plain.length);
        }
      }

      const missing = await rawGet(`${base}/assets/index-00000000.js`, { 'accept-encoding': 'br' });
      expect(missing.status).toBe(404);
      expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    } finally {
      await rm(uiDir, { recursive: true, force: true });
    }
  });
});

describe('the process catalogue every page asks for at start', () => {
  it('comes compressed (brotli, else gzip) and is revalidated by its ETag: unchanged, a 304 with no body', async () => {
    const cookie = await sessionCookie('tech1');
    const url = `${stack.baseUrl}${API}/process-definitions`;
    const plain = await rawGet(url, { cookie, 'accept-encoding': 'identity' });
    expect(plain.status).toBe(200);
    expect(plain.headers['content-type']).toMatch(/^application\/json/);
    const catalogue = JSON.parse(plain.body.toString()) as Array<{ name: string }>;
    expect(catalogue.map((entry) => entry.name)).toContain('fault-repair');
    for (const [accepted, encoding, decode] of [
      ['gzip, deflate, br, zstd', 'br', brotliDecompressSync],
      ['gzip, deflate', 'gzip', gunzipSync],
    ] as const) {
      const answer = await rawGet(url, { cookie, 'accept-encoding': accepted });
      expect(answer.headers['content-encoding'], accepted).toBe(encoding);
      expect(answer.headers.vary, accepted).toMatch(/accept-encoding/i);
      expect(answer.headers['cache-control'], accepted).toBe('private, no-cache');
      expect(answer.headers.etag, accepted).toBe(plain.headers.etag);
      expect(decode(answer.body).equals(plain.body), accepted).toBe(true);
      expect(answer.body.length, accepted).toBeLessThan(plain.body.length / 4);
    }
    const again = await rawGet(url, { cookie, 'accept-encoding': 'br', 'if-none-match': plain.headers.etag! });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    // Still behind sign-in.
    expect((await rawGet(url, { 'accept-encoding': 'br' })).status).toBe(401);
  });
});

describe('cross-site requests (M1)', () => {
  it('a write from another origin or site is refused before it runs, bodyless ones included; the own origin passes', async () => {
    const tech1 = await signIn(stack.baseUrl, 'tech1');
    const cookie = await sessionCookie('tech1');
    const [task] = await stack.db.insert(tasks).values(openTask()).returning();
    const claim = (headers: Record<string, string>) => fetch(`${stack.baseUrl}${API}/tasks/${task.id}/claim`, { method: 'POST', headers: { cookie, ...headers } });

    const crossSite: Array<Record<string, string>> = [
      { origin: 'http://127.0.0.1:1' },
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { 'sec-fetch-site': 'same-site' },
      { 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' },
    ];
    for (const headers of crossSite) {
      const refused = await claim(headers);
      expect(refused.status, JSON.stringify(headers)).toBe(403);
      const problem = await refused.json();
      expect(problem.errors[0].field).toBe('origin');
    }
    // Nothing ran: the task is still unclaimed.
    expect((await stack.db.select().from(tasks).where(eq(tasks.id, task.id)))[0].assignee).toBeNull();

    const own = await claim({ origin: stack.baseUrl, 'sec-fetch-site': 'same-origin' });
    expect(own.status, await own.text()).toBe(200);
    expect((await stack.db.select().from(tasks).where(eq(tasks.id, task.id)))[0].assignee).toBe(tech1.user.id);
    // Reads are not writes: a cross-site GET answers as usual (the cookie policy and CORS guard reads).
    expect((await fetch(`${stack.baseUrl}${API}/auth/me`, { headers: { cookie, origin: 'https://evil.example' } })).status).toBe(200);
  });
});

describe('sign-in throttling (H6)', () => {
  it('after ten wrong passwords the eleventh attempt is refused unchecked, even with the right password; another user is unaffected', async () => {
    for (let attempt = 1; attempt <= 10; attempt++) {
      const wrong = await login(stack.baseUrl, 'tech2', `wrong-${attempt}`);
      expect(wrong.status, `attempt ${attempt}`).toBe(401);
    }
    const refused = await login(stack.baseUrl, 'tech2', DEMO_PASSWORD);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await refused.json()).errors).toEqual([{ field: 'username', message: 'temporarily locked' }]);
    expect(refused.headers.getSetCookie()).toEqual([]);
    expect((await login(stack.baseUrl, 'techsup', DEMO_PASSWORD)).status).toBe(200);
  });

  it('one address guessing across usernames is locked out too; an unknown user gets the same answer as a wrong password', async () => {
    const baseUrl = await apiWith({ security: { loginFailuresPerAddress: 3 } });
    // Tests share 127.0.0.1: start this address's count afresh.
    await stack.db.delete(loginAttempts);
    const unknown = await login(baseUrl, `nobody-${randomUUID()}`, 'x');
    const wrong = await login(baseUrl, 'finance', 'x');
    expect([unknown.status, wrong.status]).toEqual([401, 401]);
    expect(await unknown.json()).toEqual(await wrong.json());
    expect((await login(baseUrl, 'hr', 'x')).status).toBe(401);
    expect((await login(baseUrl, 'procure', DEMO_PASSWORD)).status).toBe(429);
  });
});

describe('idle sessions', () => {
  it('a session unused for the idle time ends while its absolute lifetime has hours to go', async () => {
    const baseUrl = await apiWith({ security: { sessionIdleMs: 1_000 } });
    const manager = await signIn(baseUrl, 'manager');
    expect((await manager.get(`${API}/auth/me`)).status).toBe(200);
    // Last seen long enough ago: the session is idle (the clock is the database's).
    await stack.db.update(sessions).set({ lastSeenAt: sql`now() - interval '5 seconds'` }).where(eq(sessions.userId, manager.user.id));
    await eventually(async () => ((await manager.get(`${API}/auth/me`)).status === 401 ? true : undefined));
    const [row] = await stack.db.select().from(sessions).where(eq(sessions.userId, manager.user.id));
    expect(row.expiresAt.getTime()).toBeGreaterThan(Date.now() + 3600_000);
  });

  it('a session in use moves its last-seen time on when it is over a minute old, and only then', async () => {
    const baseUrl = await apiWith({ security: { sessionIdleMs: 300_000 } });
    // Users nobody else signs in as in this file: each has this one session.
    const [stale, fresh] = await Promise.all([signIn(baseUrl, 'guard2'), signIn(baseUrl, 'auditor')]);
    const lastSeen = async (userId: string) => {
      const [row] = await stack.db.select({ ago: sql<number>`extract(epoch from now() - ${sessions.lastSeenAt})::float8` }).from(sessions).where(eq(sessions.userId, userId));
      return row.ago;
    };
    await stack.db.update(sessions).set({ lastSeenAt: sql`now() - interval '2 minutes'` }).where(eq(sessions.userId, stale.user.id));
    await stack.db.update(sessions).set({ lastSeenAt: sql`now() - interval '30 seconds'` }).where(eq(sessions.userId, fresh.user.id));
    expect((await stale.get(`${API}/auth/me`)).status).toBe(200);
    expect((await fresh.get(`${API}/auth/me`)).status).toBe(200);
    expect(await lastSeen(stale.user.id)).toBeLessThan(10);
    expect(await lastSeen(fresh.user.id)).toBeGreaterThanOrEqual(30);
  });
});

describe('device listener authentication (H6)', () => {
  it('refuses a device id after repeated wrong push secrets without looking it up', async () => {
    const push = (secret: string) =>
      fetch(`${stack.baseUrl}${API}/device-events`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`door-b1:${secret}`).toString('base64')}`, 'content-type': 'application/json' },
        body: '{}',
      });
    const limit = stack.ctx.settings.security.deviceAuthFailures;
    for (let attempt = 1; attempt <= limit; attempt++) expect((await push(`guess-${attempt}`)).status).toBe(401);
    const refused = await push('guess-final');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('failed queries in the log (M12)', () => {
  it('names the database error by its codes, never its parameters', async () => {
    const pin = '482915';
    const failure = await stack.db.insert(tasks).values({ ...openTask(), id: pin }).then(
      () => stack.db.insert(tasks).values({ ...openTask(), id: pin, title: `PIN ${pin}` }),
    ).catch((error: unknown) => error);
    expect(String((failure as Error).message)).toContain(pin);
    const logged = JSON.stringify(loggable(failure));
    expect(logged).not.toContain(pin);
    expect(logged).toContain('23505');
  });
});

function openTask() {
  return {
    id: randomUUID(),
    workflowId: `web-hardening-${randomUUID()}`,
    process: 'fault-repair',
    stepId: 'diagnoseFault',
    title: 'A task to claim',
    status: 'open' as const,
    candidateRoles: ['technician'],
    candidateUsers: [],
    priority: 50,
    dueAt: new Date(Date.now() + 3600_000),
    createdAt: new Date(),
    formSchema: {},
    context: {},
  };
}

async function sessionCookie(username: string): Promise<string> {
  const response = await login(stack.baseUrl, username, DEMO_PASSWORD);
  return response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]).join('; ');
}
