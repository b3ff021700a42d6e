import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Role } from '../../workflows/lib/roles';
import type { SessionUser } from '../auth/session';
import { badRequest, fieldProblems, forbidden, problemSchema, unauthorized } from './problem';

export type Access = 'public' | 'signed-in' | readonly Role[];

export interface RouteInput<Query, Body> {
  params: Record<string, string>;
  query: Query;
  body: Body;
  user: SessionUser;
  req: Request;
  res: Response;
}

export interface RouteSpec<Query = unknown, Body = unknown, Result = unknown> {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  summary: string;
  access: Access;
  query?: z.ZodType<Query>;
  body?: z.ZodType<Body>;
  response?: z.ZodType<Result>;
  /** A non-JSON response (XML, a download): the handler writes it itself. */
  raw?: { contentType: string };
  status?: number;
  handle(input: RouteInput<Query, Body>): Promise<Result>;
}

export function defineRoute<Query = undefined, Body = undefined, Result = unknown>(spec: RouteSpec<Query, Body, Result>) {
  return spec as RouteSpec<unknown, unknown, unknown>;
}

function authorize(access: Access, user: SessionUser | null): asserts user is SessionUser {
  if (access === 'public') return;
  if (!user) throw unauthorized();
  if (access === 'signed-in') return;
  if (!user.roles.some((role) => access.includes(role as Role))) {
    throw forbidden(`this needs one of the roles: ${access.join(', ')}`);
  }
}

/** Mounts routes: access check, zod on the way in and on the way out, errors to problem+json. */
export function mountRoutes(routes: RouteSpec[]): Router {
  const router = Router();
  for (const route of routes) {
    router[route.method](route.path, async (req, res, next) => {
      try {
        const user = (req as Request & { user?: SessionUser | null }).user ?? null;
        authorize(route.access, user);
        const query = route.query ? route.query.safeParse(req.query) : undefined;
        if (query && !query.success) throw badRequest('the query string is invalid', fieldProblems(query.error, 'query'));
        const body = route.body ? route.body.safeParse(req.body ?? {}) : undefined;
        if (body && !body.success) throw badRequest('the body is invalid', fieldProblems(body.error));
        const result = await route.handle({ params: req.params as Record<string, string>, query: query?.data, body: body?.data, user, req, res });
        if (route.raw) return;
        if (result === undefined) {
          res.status(route.status ?? 204).end();
          return;
        }
        res.status(route.status ?? 200).json(route.response ? route.response.parse(result) : result);
      } catch (error) {
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
        description: route.access === 'public' ? 'public' : `access: ${route.access === 'signed-in' ? 'any signed-in user' : route.access.join(', ')}`,
        parameters,
        ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: schema(route.body, 'input') } } } } : {}),
        responses: {
          [String(route.status ?? 200)]: route.raw
            ? { description: 'ok', content: { [route.raw.contentType]: {} } }
            : { description: 'ok', ...(route.response ? { content: { 'application/json': { schema: schema(route.response, 'output') } } } : {}) },
          '4XX': problem,
        },
      },
    };
  }
  return { openapi: '3.1.0', info: { title: 'Steward API', version: '1' }, paths };
}
