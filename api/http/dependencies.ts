import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ApiContext } from '../context';
import { checkReadiness, type Readiness } from '../use-cases/readiness';
import { HttpProblem, serviceUnavailable } from './problem';

/** What a caller is asked to wait while a dependency is down. */
export const DEPENDENCY_RETRY_AFTER_SECONDS = 5;
/** A readiness answer is reused this long: a burst of failing requests asks the dependencies once. */
const CHECK_REUSE_MS = 1_000;

export type Dependency = keyof Readiness['dependencies'];

export const dependencyDown = (dependency: Dependency): HttpProblem =>
  serviceUnavailable(dependency === 'database' ? 'dependency.database' : 'dependency.temporal', DEPENDENCY_RETRY_AFTER_SECONDS, [
    { field: dependency, message: 'unreachable' },
  ]);

/**
 * Requests fail fast and say why while PostgreSQL or Temporal is down. An unexpected error makes the guard
 * ask both (readiness probes, bounded to 2 s); a dependency found down turns that error into a 503 naming it,
 * and until a probe finds it up again, requests that need it are answered 503 at once instead of each
 * waiting for its own timeout: every request needs the database (its session), writes need Temporal.
 */
export class DependencyGuard {
  private last: { at: number; readiness: Promise<Readiness> } | null = null;
  private down: Readiness['dependencies'] | null = null;
  private watching: NodeJS.Timeout | null = null;

  constructor(private readonly ctx: Pick<ApiContext, 'db' | 'temporal'>) {}

  /** The dependency an error is explained by, if one is down. */
  async explain(): Promise<Dependency | null> {
    const readiness = await this.check();
    if (readiness.ready) return null;
    this.trip(readiness.dependencies);
    return readiness.dependencies.database === 'down' ? 'database' : 'temporal';
  }

  /** Refuses at once what needs a dependency known to be down. */
  readonly failFast: RequestHandler = (req, _res, next) => {
    if (this.down?.database === 'down') return next(dependencyDown('database'));
    if (this.down?.temporal === 'down' && req.method !== 'GET' && req.method !== 'HEAD') return next(dependencyDown('temporal'));
    next();
  };

  stop(): void {
    if (this.watching) clearInterval(this.watching);
    this.watching = null;
  }

  private check(): Promise<Readiness> {
    if (!this.last || Date.now() - this.last.at > CHECK_REUSE_MS) this.last = { at: Date.now(), readiness: checkReadiness(this.ctx) };
    return this.last.readiness;
  }

  /** Marks the dependencies down and probes them each second until they are up. */
  private trip(dependencies: Readiness['dependencies']): void {
    this.down = dependencies;
    if (this.watching) return;
    this.watching = setInterval(() => {
      void this.check().then((readiness) => {
        if (!readiness.ready) {
          this.down = readiness.dependencies;
          return;
        }
        this.down = null;
        this.stop();
      });
    }, CHECK_REUSE_MS);
    this.watching.unref();
  }
}

/** An unexpected error while a dependency is down is that dependency's 503, not a 500. */
export function explainFailures(guard: DependencyGuard): ErrorRequestHandler {
  return (error: unknown, _req, _res, next) => {
    if (error instanceof HttpProblem) return next(error);
    guard.explain().then(
      (dependency) => next(dependency ? dependencyDown(dependency) : error),
      () => next(error),
    );
  };
}
