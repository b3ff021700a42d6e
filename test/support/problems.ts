import { expect } from 'vitest';
import type { HttpResponse } from './http-client';

/** The answer is a problem document of this status and code, naming `field` among its errors when given. */
export function expectProblem(response: HttpResponse, status: number, code: string, field?: string) {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.contentType).toMatch(/^application\/problem\+json\b/);
  expect(response.body.code).toBe(code);
  if (field) expect((response.body.errors ?? []).map((error: { field: string }) => error.field)).toContain(field);
}
