/**
 * The owners' side of `bench:vote`, in a process of its own so that sending takes no CPU from the API under
 * test: reads one JSON command on stdin, casts every ballot open loop at the asked rate, and writes one JSON
 * report on stdout.
 *
 * Ballot i is sent at t0 + i / rate whatever the earlier ones are doing; right after its answer the live
 * participation is read. Latency counts from the scheduled time (no coordinated omission) to the
 * participation answer that includes the ballot. Requests go through a bounded pool of keep-alive sockets, as
 * a client fleet behind a load balancer does: requests beyond it wait in the client, and their wait counts.
 * Only a shed request (503 or 429) is sent again, after its Retry-After; anything else is the ballot's answer.
 */
import http from 'node:http';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';

export interface BallotCommand {
  baseUrl: string;
  voteId: string;
  rate: number;
  maxSockets: number;
  ballots: Array<{ cookie: string; choice: string }>;
}

/** Per ballot, in the order sent (columns, to keep 100,000 of them small). */
export interface BallotReport {
  /** Scheduled send, ms after t0. */
  scheduledMs: number[];
  /** Scheduled send → the ballot's answer. */
  castMs: number[];
  /** Scheduled send → the participation answer read after it. */
  participationMs: number[];
  /** The ballot's final HTTP status (0: no answer). */
  status: number[];
  /** 1 when the API said the ballot was already there (a repeat, not counted again). */
  repeated: number[];
  /** 1 when the participation read after the ballot included it. */
  seen: number[];
  /** 503/429 answers (ballot and participation read) before the ballot went through. */
  shed: number[];
  /** How late the sender itself was in sending: p99, ms (should stay ~0–2 ms). */
  sendLagP99Ms: number;
  /** Most requests in flight at once (waiting for a socket included). */
  maxInFlight: number;
  errorExamples: string[];
}

const REQUEST_TIMEOUT_MS = 60_000;
/** A shed request is sent again at most this often before the ballot counts as failed. */
const MAX_ATTEMPTS = 60;

interface Answer {
  status: number;
  retryAfterSeconds: number;
  text: string;
}

function castAll(command: BallotCommand): Promise<BallotReport> {
  const url = new URL(command.baseUrl);
  // With a timeout set, the agent closes an idle socket a second before the server's Keep-Alive hint (5 s)
  // instead of sending on one the server is closing (ECONNRESET); without one, Node 20 ignores the hint.
  const agent = new http.Agent({ keepAlive: true, maxSockets: command.maxSockets, maxFreeSockets: command.maxSockets, timeout: REQUEST_TIMEOUT_MS });
  const total = command.ballots.length;
  const report: BallotReport = {
    scheduledMs: new Array<number>(total),
    castMs: new Array<number>(total),
    participationMs: new Array<number>(total),
    status: new Array<number>(total),
    repeated: new Array<number>(total),
    seen: new Array<number>(total),
    shed: new Array<number>(total),
    sendLagP99Ms: 0,
    maxInFlight: 0,
    errorExamples: [],
  };
  const lags: number[] = [];
  let inFlight = 0;
  const request = (method: 'GET' | 'POST', path: string, cookie: string, body?: string) =>
    new Promise<Answer>((resolve, reject) => {
      const headers: http.OutgoingHttpHeaders = { cookie, accept: 'application/json' };
      if (body) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      const req = http.request({ host: url.hostname, port: url.port, method, path, agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfterSeconds: Number(res.headers['retry-after'] ?? 1) || 1, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`no answer in ${REQUEST_TIMEOUT_MS} ms`)));
      req.on('error', reject);
      req.end(body);
    });

  return new Promise((resolve) => {
    const interval = 1000 / command.rate;
    const t0 = performance.now() + 200;
    let next = 0;
    let done = 0;
    const one = async (i: number) => {
      const scheduled = t0 + i * interval;
      lags.push(performance.now() - scheduled);
      const { cookie, choice } = command.ballots[i];
      let shed = 0;
      const send = async (method: 'GET' | 'POST', path: string, body?: string) => {
        for (let attempt = 1; ; attempt += 1) {
          const answer = await request(method, path, cookie, body);
          if ((answer.status !== 503 && answer.status !== 429) || attempt >= MAX_ATTEMPTS) return answer;
          shed += 1;
          await new Promise((wake) => setTimeout(wake, answer.retryAfterSeconds * 1000));
        }
      };
      inFlight += 1;
      report.maxInFlight = Math.max(report.maxInFlight, inFlight);
      let status = 0;
      let repeated = 0;
      let seen = 0;
      let castMs = Number.NaN;
      let participationMs = Number.NaN;
      try {
        const cast = await send('POST', `/api/v1/votes/${command.voteId}/ballots`, JSON.stringify({ choice }));
        castMs = performance.now() - scheduled;
        status = cast.status;
        if (status !== 200) throw new Error(`ballot ${i}: ${status} ${cast.text.slice(0, 200)}`);
        const ballot = JSON.parse(cast.text) as { repeated: boolean; participation: { heads: number } };
        repeated = ballot.repeated ? 1 : 0;
        const read = await send('GET', `/api/v1/votes/${command.voteId}/participation`);
        participationMs = performance.now() - scheduled;
        if (read.status !== 200) throw new Error(`participation after ballot ${i}: ${read.status} ${read.text.slice(0, 200)}`);
        seen = (JSON.parse(read.text) as { heads: number }).heads >= ballot.participation.heads ? 1 : 0;
      } catch (error) {
        if (report.errorExamples.length < 5) report.errorExamples.push(error instanceof Error ? error.message : String(error));
      }
      inFlight -= 1;
      report.scheduledMs[i] = scheduled - t0;
      report.castMs[i] = castMs;
      report.participationMs[i] = participationMs;
      report.status[i] = status;
      report.repeated[i] = repeated;
      report.seen[i] = seen;
      report.shed[i] = shed;
      done += 1;
      if (done === total) {
        agent.destroy();
        lags.sort((a, b) => a - b);
        report.sendLagP99Ms = lags[Math.min(lags.length - 1, Math.ceil(lags.length * 0.99) - 1)] ?? 0;
        resolve(report);
      }
    };
    const tick = () => {
      const now = performance.now();
      while (next < total && t0 + next * interval <= now) void one(next++);
      if (next < total) setTimeout(tick, Math.max(0, t0 + next * interval - performance.now()));
    };
    setTimeout(tick, Math.max(0, t0 - performance.now()));
  });
}

const lines = createInterface({ input: process.stdin });
lines.once('line', (line) => {
  lines.close();
  void castAll(JSON.parse(line) as BallotCommand).then((report) => {
    process.stdout.write(`${JSON.stringify(report)}\n`, () => process.exit(0));
  });
});
