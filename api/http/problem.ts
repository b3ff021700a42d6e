import type { ErrorRequestHandler, Request, Response } from 'express';
import type { Language } from '../../contracts/language';
import { fieldMessage, fillText, PROBLEM_DETAILS, PROBLEM_TITLES, type DetailKey, type FieldFault, type TextParams } from '../../contracts/problem-texts';

/**
 * An error that becomes an `application/problem+json` response (RFC 9457). It holds keys and values, not
 * sentences: the answer is written in the caller's language (contracts/problem-texts.ts); its message,
 * for logs, is the English detail.
 */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly detailKey: DetailKey,
    readonly params: TextParams = {},
    readonly errors: FieldFault[] = [],
    /** Sent as Retry-After: when the caller may try again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(fillText(PROBLEM_DETAILS[detailKey], 'en', params));
  }

  /** The fields at fault in a language. */
  fieldsIn(language: Language) {
    return this.errors.map((fault) => ({ field: fault.field, message: fieldMessage(fault, language) }));
  }
}

/** The values a detail names, then the fields at fault; either may be left out. */
type Detail = [params?: TextParams | FieldFault[], errors?: FieldFault[]];

const problemOf =
  (status: number) =>
  (key: DetailKey, ...[first, second]: Detail) =>
    Array.isArray(first) ? new HttpProblem(status, key, {}, first) : new HttpProblem(status, key, first, second);

export const badRequest = problemOf(400);
export const unauthorized = (key: DetailKey = 'auth.sign-in') => new HttpProblem(401, key);
export const forbidden = problemOf(403);
export const notFound = problemOf(404);
export const conflict = problemOf(409);
export const unprocessable = problemOf(422);
export const tooManyRequests = (key: DetailKey, retryAfterSeconds: number, errors: FieldFault[] = []) => new HttpProblem(429, key, {}, errors, retryAfterSeconds);
export const serviceUnavailable = (key: DetailKey, retryAfterSeconds: number, errors: FieldFault[] = []) => new HttpProblem(503, key, {}, errors, retryAfterSeconds);

/**
 * The caller's language: zh-CN when its Accept-Language asks for Chinese before English, else English
 * (also for callers that ask for neither: devices and scripts). The UI always says which it shows.
 */
export function languageOf(req: Request): Language {
  const preferred = req.acceptsLanguages('en', 'zh-CN', 'zh');
  return preferred === 'zh-CN' || preferred === 'zh' ? 'zh-CN' : 'en';
}

const problemType = (status: number) => `https://steward.invalid/problems/${status}`;

export const problemHandler: ErrorRequestHandler = (error, req, res, _next) => {
  let problem: HttpProblem;
  if (error instanceof HttpProblem) problem = error;
  else if (error?.type === 'entity.parse.failed') problem = badRequest('request.malformed-json', [{ field: '(body)', message: 'malformed-json' }]);
  else if (error?.type === 'entity.too.large') problem = new HttpProblem(413, 'request.too-large');
  else {
    console.error(loggable(error));
    problem = new HttpProblem(500, 'request.internal');
  }
  sendProblem(req, res, problem);
};

/** Answers with a problem at once, as the problem handler would: for refusals that must cost next to nothing (load shedding). */
export function sendProblem(req: Request, res: Response, problem: HttpProblem): void {
  const language = languageOf(req);
  if (problem.retryAfterSeconds !== undefined) res.setHeader('retry-after', String(Math.max(1, Math.ceil(problem.retryAfterSeconds))));
  res
    .status(problem.status)
    .vary('Accept-Language')
    .set('Content-Language', language)
    .type('application/problem+json')
    .send(
      JSON.stringify({
        type: problemType(problem.status),
        title: (PROBLEM_TITLES[problem.status] ?? PROBLEM_TITLES[500])[language],
        status: problem.status,
        detail: fillText(PROBLEM_DETAILS[problem.detailKey], language, problem.params),
        code: problem.detailKey,
        ...(problem.errors.length ? { errors: problem.fieldsIn(language) } : {}),
      }),
    );
}

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
