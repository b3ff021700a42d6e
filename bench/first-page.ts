/**
 * The first page on a slow phone: Chromium throttled to a slow mobile network and CPU, navigation → the page's
 * main content, cold (empty cache) and warm (the next visit), for a technician's worklist and an owner's fault
 * page. The UI as the API serves it now (precompressed, hashed assets immutable) is measured against the same
 * build served as before, in the same run: plain files, `Cache-Control: max-age=0`.
 *
 *   npm run bench:first-page
 *
 * Env: BENCH_RUNS (cold and warm loads per page and way of serving, default 3), BENCH_DOWNLOAD_KBPS (1600),
 * BENCH_UPLOAD_KBPS (750), BENCH_RTT_MS (150), BENCH_CPU_SLOWDOWN (4), CHROMIUM_PATH (/usr/bin/chromium),
 * BENCH_DATABASE_URL (use that server instead of an embedded PostgreSQL).
 *
 * Target: cold ≤ 2 s for both pages.
 */
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { and, eq } from 'drizzle-orm';
import express from 'express';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { createApp } from '../api/app';
import type { ApiContext } from '../api/context';
import { listen } from '../api/server';
import { loadConfig } from '../config';
import { tasks } from '../db/schema';
import { DEMO_PASSWORD } from '../db/seed/demo-community';
import { startTemporalDevServer } from '../scripts/dev-services/temporal-cli';
import { createStewardWorker } from '../worker/worker';
import { envNumber, fmt, log, machineNote, onCleanup, printTable, repoRoot, runBench, saveResults, scratchDir, sleep, STEWARD_DEFAULTS, summarize, TEMPORAL_CLI } from './lib/common';
import { startDemoDatabase } from './lib/demo-database';
import { baseUrlOf, signIn } from './lib/open-loop';

const RUNS = envNumber('BENCH_RUNS', 3);
const DOWNLOAD_KBPS = envNumber('BENCH_DOWNLOAD_KBPS', 1600);
const UPLOAD_KBPS = envNumber('BENCH_UPLOAD_KBPS', 750);
const RTT_MS = envNumber('BENCH_RTT_MS', 150);
const CPU_SLOWDOWN = envNumber('BENCH_CPU_SLOWDOWN', 4);
const TARGET_COLD_MS = 2000;

interface PageUnderTest {
  name: string;
  username: string;
  path: string;
  /** What shows once the page's main content is there. */
  content: string;
}

interface Load {
  /** Navigation start → the main content in the DOM (the page's own clock). */
  contentMs: number;
  firstPaintMs: number;
  /** Bytes over the network (0 for what came from the cache), and those of scripts. */
  transferred: number;
  scripts: number;
  requests: number;
}

/** Builds the UI as `npm start` does, with its precompressed copies, into a scratch folder. */
async function buildUi(): Promise<string> {
  const outDir = await scratchDir('steward-bench-ui-');
  const { build } = await import('vite');
  await build({ configFile: path.join(repoRoot, 'ui/vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  return outDir;
}

/** The same build served as before this change: express.static (no compression, max-age=0 with revalidation), then the API. */
function listenAsBefore(ctx: ApiContext, uiDir: string): Promise<Server> {
  const app = express();
  app.use(express.static(uiDir, { index: false }));
  app.use(createApp(ctx));
  app.get(/.*/, (_req, res) => res.sendFile(path.join(uiDir, 'index.html')));
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server));
  });
}

/** A phone (390×844 at 2×, touch, zh-CN) on a slow mobile network with a slow CPU, signed in as `username`. */
async function phone(browser: Browser, baseUrl: string, username: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const cookie = (await signIn(baseUrl, username, DEMO_PASSWORD)).split('=');
  await context.addCookies([{ name: cookie[0], value: cookie.slice(1).join('='), url: baseUrl }]);
  return context;
}

/** One navigation to the page, timed by the page's own clock until its main content is in the DOM. */
async function load(context: BrowserContext, page: PageUnderTest): Promise<Load> {
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: RTT_MS,
    downloadThroughput: (DOWNLOAD_KBPS * 1000) / 8,
    uploadThroughput: (UPLOAD_KBPS * 1000) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  await tab.goto(page.path, { waitUntil: 'commit' });
  // Checked on every frame, so the time is when the content appeared, not when the check came back.
  const seen = await tab.waitForFunction(
    (selector) => {
      const state = window as unknown as { contentSeenAt?: number };
      if (state.contentSeenAt === undefined && document.querySelector(selector)) state.contentSeenAt = performance.now();
      return state.contentSeenAt;
    },
    page.content,
    { polling: 'raf', timeout: 60_000 },
  );
  const contentMs = (await seen.jsonValue()) as number;
  const measured = await tab.evaluate(() => {
    const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')] as PerformanceResourceTiming[];
    return {
      firstPaintMs: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
      transferred: entries.reduce((sum, entry) => sum + entry.transferSize, 0),
      scripts: entries.filter((entry) => entry.name.endsWith('.js')).reduce((sum, entry) => sum + entry.transferSize, 0),
      requests: entries.length,
    };
  });
  await cdp.detach();
  await tab.close();
  return { contentMs, ...measured };
}

/** RUNS cold loads (each in a fresh profile), each followed by a warm one in the same profile. */
async function measure(browser: Browser, baseUrl: string, page: PageUnderTest) {
  const cold: Load[] = [];
  const warm: Load[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const context = await phone(browser, baseUrl, page.username);
    cold.push(await load(context, page));
    warm.push(await load(context, page));
    await context.close();
  }
  return { cold, warm };
}

async function main(): Promise<void> {
  log(`First page on a slow phone: ${DOWNLOAD_KBPS} kbit/s down, ${UPLOAD_KBPS} up, ${RTT_MS} ms RTT, CPU ${CPU_SLOWDOWN}× slower; ${RUNS} runs. ${machineNote()}`);
  const [{ db }, temporal, uiDir] = await Promise.all([startDemoDatabase('steward_bench_first_page'), startTemporalDevServer({ cli: TEMPORAL_CLI, log }), buildUi()]);
  onCleanup('stop Temporal dev server', () => temporal.stop());
  const nativeConnection = await NativeConnection.connect({ address: temporal.address });
  const connection = await Connection.connect({ address: temporal.address });
  onCleanup('close connections', async () => {
    await connection.close();
    await nativeConnection.close();
  });
  const taskQueue = 'bench-first-page';
  const worker = await createStewardWorker({ connection: nativeConnection, namespace: 'default', taskQueue, db, settings: STEWARD_DEFAULTS.worker.activities });
  const running = worker.run();
  onCleanup('stop worker', async () => {
    worker.shutdown();
    await running;
  });
  const ctx: ApiContext = { db, temporal: new Client({ connection }), taskQueue, settings: STEWARD_DEFAULTS.api };
  const servers = { now: await listen(ctx, 0, '127.0.0.1', uiDir), before: await listenAsBefore(ctx, uiDir) };
  onCleanup('close APIs', async () => {
    for (const server of Object.values(servers)) await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  // An owner's fault, whose diagnosis is then in the technicians' worklist.
  const baseUrl = baseUrlOf(servers.now);
  const owner = await signIn(baseUrl, 'owner-zhang', DEMO_PASSWORD);
  const reported = await fetch(`${baseUrl}/api/v1/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: owner },
    body: JSON.stringify({ reportId: randomUUID(), occurredAt: new Date().toISOString(), location: { buildingId: 'b1', unitId: 'b1-101' }, system: 'cctv', symptoms: '大堂摄像头黑屏' }),
  });
  if (reported.status !== 201) throw new Error(`fault report failed: ${reported.status} ${await reported.text()}`);
  const { workflowId } = (await reported.json()) as { workflowId: string };
  while ((await db.select().from(tasks).where(and(eq(tasks.workflowId, workflowId), eq(tasks.stepId, 'diagnoseFault')))).length === 0) await sleep(100);

  const pages: PageUnderTest[] = [
    { name: 'worklist (tech1)', username: 'tech1', path: '/worklist', content: '[data-task-id]' },
    { name: "fault page (owner's)", username: 'owner-zhang', path: `/faults/${encodeURIComponent(workflowId)}`, content: '.fault-page h1' },
  ];
  const browser = await chromium.launch({ executablePath: loadConfig().test.chromiumPath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  onCleanup('close Chromium', () => browser.close());

  const results: Array<{ page: string; served: string; cold: Load[]; warm: Load[] }> = [];
  for (const page of pages) {
    for (const [served, server] of Object.entries(servers)) {
      log(`${page.name}, served ${served}…`);
      results.push({ page: page.name, served, ...(await measure(browser, baseUrlOf(server), page)) });
    }
  }

  const median = (loads: Load[], pick: (load: Load) => number) => summarize(loads.map(pick)).p50;
  const kb = (bytes: number) => fmt(bytes / 1024, 0);
  printTable(
    ['page', 'served', 'cold: content ms (median; runs)', 'cold FCP ms', 'cold KB (scripts)', 'warm: content ms (median; runs)', 'warm KB', 'requests'],
    results.map((result) => [
      result.page,
      result.served,
      `${fmt(median(result.cold, (l) => l.contentMs), 0)} (${result.cold.map((l) => fmt(l.contentMs, 0)).join(', ')})`,
      fmt(median(result.cold, (l) => l.firstPaintMs), 0),
      `${kb(median(result.cold, (l) => l.transferred))} (${kb(median(result.cold, (l) => l.scripts))})`,
      `${fmt(median(result.warm, (l) => l.contentMs), 0)} (${result.warm.map((l) => fmt(l.contentMs, 0)).join(', ')})`,
      kb(median(result.warm, (l) => l.transferred)),
      String(median(result.cold, (l) => l.requests)),
    ]),
  );
  for (const page of pages) {
    const of = (served: string) => results.find((result) => result.page === page.name && result.served === served)!;
    const [now, before] = [of('now'), of('before')];
    const cold = median(now.cold, (l) => l.contentMs);
    log(
      `${page.name}: cold ${fmt(cold, 0)} ms (target ≤ ${TARGET_COLD_MS} ms: ${cold <= TARGET_COLD_MS ? 'met' : 'MISSED'}), ` +
        `${fmt(cold / median(before.cold, (l) => l.contentMs), 2)}× before; warm ${fmt(median(now.warm, (l) => l.contentMs), 0)} ms, ` +
        `${fmt(median(now.warm, (l) => l.contentMs) / median(before.warm, (l) => l.contentMs), 2)}× before`,
    );
  }
  log(`Raw results: ${await saveResults('first-page', { settings: { RUNS, DOWNLOAD_KBPS, UPLOAD_KBPS, RTT_MS, CPU_SLOWDOWN }, machine: machineNote(), results })}`);
}

runBench(main);
