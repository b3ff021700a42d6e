import type { ErrorRequestHandler } from 'express';
import type { z } from 'zod';
import type { FieldProblem } from '../../contracts/problem';

/** An error that becomes an `application/problem+json` response (RFC 9457). */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly errors: FieldProblem[] = [],
    /** Sent as Retry-After: when the caller may try again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(detail);
  }
}

export const badRequest = (detail: string, errors: FieldProblem[] = []) => new HttpProblem(400, 'Invalid request', detail, errors);
export const unauthorized = (detail = 'sign in first') => new HttpProblem(401, 'Not signed in', detail);
export const forbidden = (detail: string, errors: FieldProblem[] = []) => new HttpProblem(403, 'Forbidden', detail, errors);
export const notFound = (detail: string) => new HttpProblem(404, 'Not found', detail);
export const conflict = (detail: string, errors: FieldProblem[] = []) => new HttpProblem(409, 'Conflict', detail, errors);
export const unprocessable = (detail: string, errors: FieldProblem[]) => new HttpProblem(422, 'Unprocessable content', detail, errors);
export const tooManyRequests = (detail: string, retryAfterSeconds: number, errors: FieldProblem[] = []) =>
  new HttpProblem(429, 'Too many requests', detail, errors, retryAfterSeconds);
export const serviceUnavailable = (detail: string, retryAfterSeconds: number, errors: FieldProblem[] = []) =>
  new HttpProblem(503, 'Service unavailable', detail, errors, retryAfterSeconds);

export function fieldProblems(error: z.ZodError, prefix?: string): FieldProblem[] {
  return error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(body)',
    message: issue.message,
  }));
}

const problemType = (status: number) => `https://steward.invalid/problems/${status}`;

export const problemHandler: ErrorRequestHandler = (error, _req, res, _next) => {
  let problem: HttpProblem;
  if (error instanceof HttpProblem) problem = error;
  else if (error?.type === 'entity.parse.failed') problem = badRequest('the body is not valid JSON', [{ field: '(body)', message: 'malformed JSON' }]);
  else if (error?.type === 'entity.too.large') problem = new HttpProblem(413, 'Payload too large', 'the body is too large');
  else {
    console.error(loggable(error));
    problem = new HttpProblem(500, 'Internal error', 'something went wrong on our side');
  }
  if (problem.retryAfterSeconds !== undefined) res.setHeader('retry-after', String(Math.max(1, Math.ceil(problem.retryAfterSeconds))));
  res
    .status(problem.status)
    .type('application/problem+json')
    .send(
      JSON.stringify({
        type: problemType(problem.status),
        title: problem.title,
        status: problem.status,
        detail: problem.message,
        ...(problem.errors.length ? { errors: problem.errors } : {}),
      }),
    );
};

/**
 * What an unexpected error may put in the log (M12): a failed query's message and detail carry its
 * parameters (PINs, faces, card numbers, bids), so a database error is logged by its codes alone.
 */
export function loggable(error: unknown): unknown {
  type PostgresFailure = { code?: string; constraint_name?: string; table_name?: string; routine?: string };
  const failure = error as (PostgresFailure & { name?: string; query?: unknown; cause?: PostgresFailure }) | null;
  const driver = failure?.name === 'PostgresError' ? failure : failure?.cause;
  if (failure?.query === undefined && driver?.code === undefined) return error;
  return {
    error: failure?.name ?? 'DatabaseError',
    code: driver?.code,
    constraint: driver?.constraint_name,
    table: driver?.table_name,
    routine: driver?.routine,
  };
}
