import { Router, type RequestHandler } from 'express';
import { sendProblem, serviceUnavailable } from './problem';

export interface AdmissionLimits {
  /** Requests of one route served at once. */
  concurrency: number;
  /** Requests of one route waiting for a turn; past that, refused at once. */
  queue: number;
  /** The longest a request waits for its turn before it is refused. */
  maxWaitMs: number;
}

/** What a refused caller is asked to wait: the queue drains within about that. */
const SHED_RETRY_AFTER_SECONDS = 1;

/**
 * Bounded work per route: beyond its concurrency a request waits its turn in a bounded queue, and beyond the
 * queue (or past the longest wait) it is refused with 503 and Retry-After. Overload then costs callers a retry
 * instead of growing sockets, memory and latency until the process dies.
 */
export function admission(limits: AdmissionLimits): RequestHandler {
  let running = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  };
  return (req, res, next) => {
    const admitted = () => {
      let released = false;
      const done = () => {
        if (released) return;
        released = true;
        release();
      };
      res.once('finish', done);
      res.once('close', done);
      next();
    };
    if (running < limits.concurrency) {
      running += 1;
      return admitted();
    }
    // Refused here and now, not through the error handlers: past every later route of the app, a refusal would
    // cost as much as the work it saves, and an overloaded API would spend itself refusing.
    if (waiting.length >= limits.queue) return sendProblem(req, res, serviceUnavailable('request.overloaded', SHED_RETRY_AFTER_SECONDS, [{ field: req.path, message: 'overloaded' }]));
    const turn = () => {
      clearTimeout(timer);
      admitted();
    };
    const timer = setTimeout(() => {
      const index = waiting.indexOf(turn);
      if (index >= 0) waiting.splice(index, 1);
      sendProblem(req, res, serviceUnavailable('request.waited-too-long', SHED_RETRY_AFTER_SECONDS, [{ field: req.path, message: 'overloaded' }]));
    }, limits.maxWaitMs);
    waiting.push(turn);
  };
}

/**
 * One gate per route (method and path), mounted before the body is parsed and the session loaded, so a route
 * beyond its bounds costs next to nothing.
 */
export function admissionGates(routes: ReadonlyArray<{ method: 'get' | 'post' | 'put' | 'delete'; path: string }>, limits: AdmissionLimits): Router {
  const router = Router();
  for (const route of routes) router[route.method](route.path, admission(limits));
  return router;
}
