import type { ErrorRequestHandler } from 'express';
import { z } from 'zod';

export interface FieldProblem {
  field: string;
  message: string;
}

/** An error that becomes an `application/problem+json` response (RFC 9457). */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly errors: FieldProblem[] = [],
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

export function fieldProblems(error: z.ZodError, prefix?: string): FieldProblem[] {
  return error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(body)',
    message: issue.message,
  }));
}

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});

const problemType = (status: number) => `https://steward.invalid/problems/${status}`;

export const problemHandler: ErrorRequestHandler = (error, _req, res, _next) => {
  let problem: HttpProblem;
  if (error instanceof HttpProblem) problem = error;
  else if (error?.type === 'entity.parse.failed') problem = badRequest('the body is not valid JSON', [{ field: '(body)', message: 'malformed JSON' }]);
  else if (error?.type === 'entity.too.large') problem = new HttpProblem(413, 'Payload too large', 'the body is too large');
  else {
    console.error(error);
    problem = new HttpProblem(500, 'Internal error', 'something went wrong on our side');
  }
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
