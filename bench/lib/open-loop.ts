import type { Server } from 'node:http';
import { Worker } from 'node:worker_threads';

/**
 * An open-loop HTTP load generator in a worker thread of its own (its own event loop, so the API
 * under test in the main thread does not delay the sending, and vice versa).
 *
 * Request i is scheduled at t0 + i / rate and sent then, whatever earlier requests are doing; its
 * latency is measured from that scheduled time, so a stall counts against every request it held up
 * (no coordinated omission). `serviceMs` (from the actual send) is kept too, for comparison.
 */
export interface OpenLoopRequest {
  /** Label in the results (e.g. page1, page2). */
  kind: string;
  method: 'GET' | 'POST';
  path: string;
  /** JSON body; `{{uuid}}` in it is replaced by a fresh UUID per request. */
  body?: string;
  /** Requests are picked in proportion to their weights, deterministically interleaved. */
  weight: number;
}

export interface OpenLoopOptions {
  baseUrl: string;
  cookie: string;
  ratePerSecond: number;
  warmupSeconds: number;
  seconds: number;
  requests: OpenLoopRequest[];
  timeoutMs?: number;
}

export interface OpenLoopSample {
  kind: string;
  /** Scheduled send time, ms after the measured window began (negative: warm-up). */
  scheduledMs: number;
  latencyMs: number;
  serviceMs: number;
  status: number;
  /** Response body, only when the bench asked for it (POST responses with a workflow id). */
  body?: string;
}

export interface OpenLoopResult {
  /** Samples of the measured window (warm-up excluded). */
  samples: OpenLoopSample[];
  scheduled: number;
  errors: number;
  errorExamples: string[];
  maxInFlight: number;
  /** How late the sender itself was in sending (should stay ~0–2 ms). */
  sendLagP99Ms: number;
  windowStartEpochMs: number;
}

const workerSource = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { randomUUID } = require('node:crypto');
const { performance } = require('node:perf_hooks');

const o = workerData;
const url = new URL(o.baseUrl);
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
const interval = 1000 / o.ratePerSecond;
const warmup = Math.round(o.warmupSeconds * o.ratePerSecond);
const total = warmup + Math.round(o.seconds * o.ratePerSecond);
const timeoutMs = o.timeoutMs || 10000;

// Deterministic weighted interleave: request i takes the kind whose share is most behind.
const weights = o.requests.map((r) => r.weight);
const weightSum = weights.reduce((a, b) => a + b, 0);
const counts = weights.map(() => 0);
function pick(i) {
  let best = 0, bestLag = -Infinity;
  for (let k = 0; k < weights.length; k++) {
    const lag = ((i + 1) * weights[k]) / weightSum - counts[k];
    if (lag > bestLag) { bestLag = lag; best = k; }
  }
  counts[best]++;
  return o.requests[best];
}

const samples = [];
const lags = [];
let errors = 0, inFlight = 0, maxInFlight = 0, next = 0, done = 0;
const errorExamples = [];
const t0 = performance.now() + 100 + warmup * interval; // start of the measured window
const tStart = t0 - warmup * interval;
const windowStartEpochMs = Date.now() + (t0 - performance.now());

function finish() {
  agent.destroy();
  lags.sort((a, b) => a - b);
  parentPort.postMessage({
    samples, scheduled: total - warmup, errors, errorExamples, maxInFlight,
    sendLagP99Ms: lags.length ? lags[Math.min(lags.length - 1, Math.ceil(lags.length * 0.99) - 1)] : 0,
    windowStartEpochMs,
  });
}

function send(i) {
  const spec = pick(i);
  const scheduled = tStart + i * interval;
  const sent = performance.now();
  lags.push(sent - scheduled);
  const measured = i >= warmup;
  inFlight++;
  if (inFlight > maxInFlight) maxInFlight = inFlight;
  const body = spec.body ? spec.body.split('{{uuid}}').join(randomUUID()) : undefined;
  const headers = { cookie: o.cookie, accept: 'application/json' };
  if (body) { headers['content-type'] = 'application/json'; headers['content-length'] = Buffer.byteLength(body); }
  let settled = false;
  const settle = (status, text, error) => {
    if (settled) return;
    settled = true;
    const end = performance.now();
    inFlight--;
    done++;
    if (error || status >= 400) {
      errors += measured ? 1 : 0;
      if (errorExamples.length < 5) errorExamples.push(error ? String(error.message || error) : status + ' ' + String(text).slice(0, 200));
    }
    if (measured) {
      const sample = { kind: spec.kind, scheduledMs: scheduled - t0, latencyMs: end - scheduled, serviceMs: end - sent, status: error ? 0 : status };
      if (spec.keepBody) sample.body = text;
      samples.push(sample);
    }
    if (done === total) finish();
  };
  const req = http.request({ host: url.hostname, port: url.port, path: spec.path, method: spec.method, agent, headers }, (res) => {
    const chunks = [];
    res.on('data', (chunk) => chunks.push(chunk));
    res.on('end', () => settle(res.statusCode, (spec.keepBody || res.statusCode >= 400) ? Buffer.concat(chunks).toString() : ''));
    res.on('error', (error) => settle(0, '', error));
  });
  req.setTimeout(timeoutMs, () => req.destroy(new Error('timeout after ' + timeoutMs + ' ms')));
  req.on('error', (error) => settle(0, '', error));
  if (body) req.write(body);
  req.end();
}

function tick() {
  const now = performance.now();
  while (next < total && tStart + next * interval <= now) send(next++);
  if (next < total) setTimeout(tick, Math.max(0, tStart + next * interval - performance.now()));
}

// Closed loop (capacity probe): C requests in flight, each sent when the previous one returns.
function closedLoop() {
  const end = performance.now() + (o.warmupSeconds + o.seconds) * 1000;
  const measureFrom = performance.now() + o.warmupSeconds * 1000;
  let completed = 0, failed = 0, i = 0, running = o.closedConcurrency;
  const lat = [];
  const one = () => {
    if (performance.now() >= end) { if (--running === 0) report(); return; }
    const spec = pick(i++);
    const sent = performance.now();
    const req = http.request({ host: url.hostname, port: url.port, path: spec.path, method: spec.method, agent, headers: { cookie: o.cookie } }, (res) => {
      res.resume();
      res.on('end', () => {
        if (sent >= measureFrom) { if (res.statusCode === 200) { completed++; lat.push(performance.now() - sent); } else failed++; }
        one();
      });
    });
    req.on('error', () => { failed++; one(); });
    req.end();
  };
  const report = () => {
    agent.destroy();
    lat.sort((a, b) => a - b);
    parentPort.postMessage({ closed: true, perSecond: completed / o.seconds, failed, p50: lat[Math.floor(lat.length / 2)] || 0 });
  };
  for (let k = 0; k < o.closedConcurrency; k++) one();
}

if (o.closedConcurrency) closedLoop();
else setTimeout(tick, Math.max(0, tStart - performance.now()));
`;

export function runOpenLoop(options: OpenLoopOptions & { keepBodyKinds?: string[] }): Promise<OpenLoopResult> {
  const requests = options.requests.map((request) => ({ ...request, keepBody: options.keepBodyKinds?.includes(request.kind) ?? false }));
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerSource, { eval: true, workerData: { ...options, requests } });
    worker.once('message', (result: OpenLoopResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load generator exited with ${code}`));
    });
  });
}

/** Closed-loop capacity probe: `concurrency` requests always in flight; completed requests per second. */
export function probeCapacity(options: Omit<OpenLoopOptions, 'ratePerSecond'> & { concurrency: number }): Promise<{ perSecond: number; failed: number; p50: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerSource, { eval: true, workerData: { ...options, ratePerSecond: 1, closedConcurrency: options.concurrency } });
    worker.once('message', (result: { perSecond: number; failed: number; p50: number }) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

/** Signs in through the API and returns the session cookie. */
export async function signIn(baseUrl: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in as ${username} failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().find((value) => value.startsWith('steward_session='));
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0];
}

/** The base URL of a server listening on 127.0.0.1. */
export function baseUrlOf(server: Server): string {
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}
