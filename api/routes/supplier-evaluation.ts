import { z } from 'zod';
import type { ApiContext } from '../context';
import { defineRoute } from '../http/route';
import {
  evaluationRequest,
  evaluationRow,
  listEvaluations,
  listSuppliers,
  requestEvaluation,
  supplierStatus,
} from '../use-cases/supplier-evaluation';

export const supplierEvaluationRoutes = (ctx: ApiContext) => [
  defineRoute({
    method: 'post',
    path: '/supplier-evaluations',
    summary: 'Evaluate a supplier on demand (P2.2c); idempotent on requestId',
    access: 'supplier-evaluation.start',
    body: evaluationRequest,
    response: z.object({ workflowId: z.string() }),
    status: 201,
    handle: ({ user, body }) => requestEvaluation(ctx, user, body),
  }),
  defineRoute({
    method: 'get',
    path: '/supplier-evaluations',
    summary: 'Evaluation scores, newest first',
    access: 'supplier-evaluation.read',
    query: z.object({ vendorId: z.string().min(1).optional() }),
    response: z.object({ items: z.array(evaluationRow) }),
    handle: ({ query }) => listEvaluations(ctx, query.vendorId),
  }),
  defineRoute({
    method: 'get',
    path: '/supplier-standing',
    summary: 'The supplier registry: contracts in force, penalties, terminations',
    access: 'supplier-evaluation.read',
    response: z.object({ items: z.array(supplierStatus) }),
    handle: () => listSuppliers(ctx),
  }),
];
