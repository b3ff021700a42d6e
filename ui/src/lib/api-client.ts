/**
 * A thin fetch wrapper for /api/v1: cookie session, JSON in/out, problem+json errors as ApiError. Every
 * request asks for the UI's language (Accept-Language), so the API's refusals come back in it.
 */
import type { FieldProblem, Problem } from '../../../contracts/problem';
import { currentLanguage } from './language';

export const API_BASE = '/api/v1';

/** How long a read, and a write (which may carry photos over a slow network), waits before it fails instead of spinning on. */
const READ_TIMEOUT_MS = 30_000;
const WRITE_TIMEOUT_MS = 120_000;

/**
 * A failed request. `problem`: the API's own answer, whose title and detail are in the UI's language; else
 * `failure` says what happened on the way (no connection, no answer in time, an answer that is no problem).
 */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string | null;
  readonly errors: FieldProblem[];
  readonly failure: 'problem' | 'network' | 'timeout' | 'http';
  /** The refusal's code (contracts/problem-texts.ts), for a screen that acts on it; null when the API gave none. */
  readonly code: string | null;

  constructor(status: number, title: string, detail: string | null = null, errors: FieldProblem[] = [], failure: ApiError['failure'] = 'problem', code: string | null = null) {
    super(detail ? `${title}: ${detail}` : title);
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.errors = errors;
    this.failure = failure;
    this.code = code;
  }
}

type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
}

/** Called whenever the API answers 401, so the session can drop the signed-in user. */
const unauthorizedListeners = new Set<() => void>();

export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export function apiUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

async function send(path: string, options: RequestOptions, accept: string): Promise<Response> {
  const headers: Record<string, string> = { Accept: `${accept}, application/problem+json`, 'Accept-Language': currentLanguage() };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const method = options.method ?? (body === undefined ? 'GET' : 'POST');
  const timeout = AbortSignal.timeout(method === 'GET' ? READ_TIMEOUT_MS : WRITE_TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      credentials: 'include',
      headers,
      body,
      signal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'TimeoutError') throw new ApiError(0, 'Timeout', null, [], 'timeout');
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'Network error', cause instanceof Error ? cause.message : null, [], 'network');
  }
  if (!response.ok) {
    const error = await toApiError(response);
    if (response.status === 401 && !path.startsWith('/auth/')) {
      unauthorizedListeners.forEach((listener) => listener());
    }
    throw error;
  }
  return response;
}

async function toApiError(response: Response): Promise<ApiError> {
  const contentType = response.headers.get('Content-Type') ?? '';
  if (contentType.includes('json')) {
    try {
      const problem = (await response.json()) as Partial<Problem>;
      return new ApiError(
        response.status,
        problem.title ?? response.statusText,
        problem.detail ?? null,
        Array.isArray(problem.errors) ? problem.errors : [],
        'problem',
        typeof problem.code === 'string' ? problem.code : null,
      );
    } catch {
      // fall through to a plain error
    }
  }
  return new ApiError(response.status, response.statusText || `HTTP ${response.status}`, null, [], 'http');
}

/** Sends a request and parses the JSON answer (undefined for 204 No Content). */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options, 'application/json');
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Sends a request and returns the body as text (e.g. BPMN XML). */
export async function apiRequestText(path: string, options: RequestOptions = {}): Promise<string> {
  const response = await send(path, options, 'application/xml, text/plain, */*');
  return response.text();
}

/** Field errors keyed by form field: "payload.cause" and "cause" both become "cause". */
export function fieldErrorsByName(error: unknown, stripPrefixes: string[] = []): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const result: Record<string, string> = {};
  for (const { field, message } of error.errors) {
    let name = field;
    for (const prefix of stripPrefixes) {
      if (name.startsWith(`${prefix}.`)) name = name.slice(prefix.length + 1);
    }
    name = name.split(/[.[]/)[0] ?? name;
    result[name] = result[name] ? `${result[name]}; ${message}` : message;
  }
  return result;
}
