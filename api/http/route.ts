import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { badRequest, forbidden, unauthorized } from './problem';
import type { SessionUser } from '../auth/session';
import { type Action, can, OWN_RULES, permissionOf, rolesFor } from '../../contracts/permissions';
import { problemSchema } from '../../contracts/problem';
import { fieldFaults, issueKey, roleNames } from '../../contracts/problem-texts';
import type { AccessKind, AccessScope } from '../../contracts/vocabulary';

/** Who may call a route: anyone, any signed-in user, or those the permission table admits to an action. */
export type Access = 'public' | 'signed-in' | Action;

export interface RouteInput<Query, Body> {
  params: Record<string, string>;
  query: Query;
  body: Body;
  user: SessionUser;
  req: Request;
  res: Response;
}

/** One read of personal data, as the access log records it (P5.3c). */
export interface PersonalDataRead {
  user: SessionUser;
  kind: AccessKind;
  scope: AccessScope;
  recordIds: string[];
  subjectIds: string[];
  /** The user read their own data (an owner's own record): no shift applies to that. */
  self: boolean;
  /** Why: the method and the route's path pattern. */
  route: string;
  ip: string | null;
}

/** A route that serves personal data declares what it serves; mountRoutes logs each read before answering. */
export interface PersonalData<Query, Result> {
  kind: AccessKind;
  scope: AccessScope;
  /** The records served and whom they are about; null when this answer held no personal data. */
  read(served: { params: Record<string, string>; query: Query; user: SessionUser; result: Result }): { recordIds: string[]; subjectIds?: string[]; self?: boolean } | null;
}

/** A list read for the access log: the records shown and whom they are about (by default the records); an empty list read nobody's data. */
export const listed = (recordIds: string[], { subjectIds = recordIds, self = false }: { subjectIds?: string[]; self?: boolean } = {}) =>
  recordIds.length ? { recordIds: [...new Set(recordIds)], subjectIds: [...new Set(subjectIds)], self } : null;

export interface RouteSpec<Query = unknown, Body = unknown, Result = unknown> {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  summary: string;
  access: Access;
  query?: z.ZodType<Query>;
  body?: z.ZodType<Body>;
  response?: z.ZodType<Result>;
  /** A non-JSON response (XML, a download), or JSON sent as it was encoded once: the handler writes it itself. `schema` documents it. */
  raw?: { contentType: string; schema?: z.ZodType };
  status?: number;
  /** Open to a user who must change their password first (after an administrator's reset): the change of password itself. */
  openBeforePasswordChange?: boolean;
  /** Set on routes that read personal data (P5.3c); a raw handler must answer with res.send or res.json. */
  personalData?: PersonalData<Query, Result>;
  handle(input: RouteInput<Query, Body>): Promise<Result>;
}

export function defineRoute<Query = undefined, Body = undefined, Result = unknown>(spec: RouteSpec<Query, Body, Result>) {
  return spec as RouteSpec<unknown, unknown, unknown>;
}

function authorize(access: Access, user: SessionUser | null): asserts user is SessionUser {
  if (access === 'public') return;
  if (!user) throw unauthorized();
  if (access === 'signed-in' || can(user, access)) return;
  throw forbidden('auth.needs-role', { roles: roleNames([rolesFor(access)].flat()) });
}

/** What the OpenAPI document says of a route's access: 'public', 'signed-in', or the roles an action admits. */
const admitted = (access: Access) => (access === 'public' || access === 'signed-in' ? access : rolesFor(access));

function describeAccess(access: Access): string {
  if (access === 'public') return 'public';
  if (access === 'signed-in') return 'access: any signed-in user';
  const { roles, own } = permissionOf(access);
  const ownText = own ? `; ${own.roles === 'signed-in' ? 'any signed-in user' : own.roles.join(', ')} on their own: ${OWN_RULES[own.rule]}` : '';
  return `access: ${access} (${roles.join(', ') || 'nobody'} on any record${ownText})`;
}

/**
 * Keeps what a raw handler sends until the read is logged: a read that cannot be logged is not
 * served. Only res.send is held (res.json and the download helpers end in it).
 */
function holdResponse(res: Response) {
  const send = res.send.bind(res);
  let held: { body: unknown } | null = null;
  res.send = ((body?: unknown) => {
    held = { body };
    return res;
  }) as Response['send'];
  return {
    release() {
      res.send = send;
      if (held) send(held.body);
    },
    discard() {
      res.send = send;
      res.removeHeader('content-disposition');
    },
  };
}

export interface MountOptions {
  /** Appends a personal-data read to the access log; a failure fails the request (nothing is served). */
  recordRead?: (read: PersonalDataRead) => Promise<void>;
  /** P5.3a: throws the refusal when the user may not be shown another person's personal data at all (no valid security course). */
  admitPersonalData?: (user: SessionUser) => Promise<void>;
}

/** Mounts routes: access check, zod on the way in and on the way out, personal-data reads gated (P5.3a) and logged, errors to problem+json. */
export function mountRoutes(routes: RouteSpec[], { recordRead, admitPersonalData }: MountOptions = {}): Router {
  const router = Router();
  for (const route of routes) {
    const personalData = route.personalData;
    if (personalData && !recordRead) throw new Error(`${route.method.toUpperCase()} ${route.path} reads personal data: mountRoutes needs recordRead`);
    router[route.method](route.path, async (req, res, next) => {
      const held = personalData && route.raw ? holdResponse(res) : null;
      try {
        const user = (req as Request & { user?: SessionUser | null }).user ?? null;
        authorize(route.access, user);
        if (user?.mustChangePassword && route.access !== 'public' && !route.openBeforePasswordChange) throw forbidden('auth.must-change-password');
        const query = route.query ? route.query.safeParse(req.query, { error: issueKey }) : undefined;
        if (query && !query.success) throw badRequest('request.query-invalid', fieldFaults(query.error.issues, 'query'));
        const body = route.body ? route.body.safeParse(req.body ?? {}, { error: issueKey }) : undefined;
        if (body && !body.success) throw badRequest('request.body-invalid', fieldFaults(body.error.issues));
        const params = req.params as Record<string, string>;
        const result = await route.handle({ params, query: query?.data, body: body?.data, user, req, res });
        const read = personalData?.read({ params, query: query?.data, user, result });
        // Decided on what the answer holds: someone else's personal data is refused, and nothing of it sent.
        if (read && !read.self && admitPersonalData) await admitPersonalData(user);
        // The row is written while the answer is checked against its schema; nothing is sent before both are done.
        const logging =
          personalData && read
            ? recordRead!({
                user,
                kind: personalData.kind,
                scope: personalData.scope,
                recordIds: read.recordIds,
                subjectIds: read.subjectIds ?? [],
                self: read.self ?? false,
                route: `${route.method.toUpperCase()} ${req.baseUrl}${route.path}`,
                ip: req.ip ?? null,
              })
            : undefined;
        let payload: unknown;
        try {
          payload = route.raw || result === undefined || !route.response ? result : route.response.parse(result);
        } finally {
          await logging;
        }
        if (route.raw) {
          held?.release();
          return;
        }
        if (result === undefined) {
          res.status(route.status ?? 204).end();
          return;
        }
        res.status(route.status ?? 200).json(payload);
      } catch (error) {
        held?.discard();
        next(error);
      }
    });
  }
  return router;
}

/** The OpenAPI 3.1 document, generated from the same zod schemas the routes validate with. */
export function openApiDocument(routes: RouteSpec[], basePath: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  const schema = (type: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(type, { io, unrepresentable: 'any' });
  for (const route of routes) {
    const path = basePath + route.path.replace(/:(\w+)/g, '{$1}');
    const parameters = [
      ...[...route.path.matchAll(/:(\w+)/g)].map((match) => ({ name: match[1], in: 'path', required: true, schema: { type: 'string' } })),
      ...Object.entries((route.query ? (schema(route.query, 'input') as { properties?: Record<string, unknown> }).properties : undefined) ?? {}).map(
        ([name, property]) => ({ name, in: 'query', required: false, schema: property }),
      ),
    ];
    const problem = { description: 'problem', content: { 'application/problem+json': { schema: schema(problemSchema, 'output') } } };
    paths[path] = {
      ...paths[path],
      [route.method]: {
        summary: route.summary,
        description: [
          describeAccess(route.access),
          ...(route.personalData ? [`personal data (${route.personalData.kind}): every read is written to the access log (P5.3c)`] : []),
        ].join('; '),
        // Machine-readable: 'public', 'signed-in' or the roles admitted; and the action of the permission table.
        'x-access': admitted(route.access),
        ...(route.access === 'public' || route.access === 'signed-in' ? {} : { 'x-action': route.access }),
        parameters,
        ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: schema(route.body, 'input') } } } } : {}),
        responses: {
          [String(route.status ?? 200)]: route.raw
            ? { description: 'ok', content: { [route.raw.contentType]: route.raw.schema ? { schema: schema(route.raw.schema, 'output') } : {} } }
            : { description: 'ok', ...(route.response ? { content: { 'application/json': { schema: schema(route.response, 'output') } } } : {}) },
          '4XX': problem,
        },
      },
    };
  }
  return { openapi: '3.1.0', info: { title: 'Steward API', version: '1' }, paths };
}
