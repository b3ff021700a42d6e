import type { ApiContext } from '../context';
import { defineRoute } from '../http/route';
import { listEvaluations, listSuppliers, requestEvaluation } from '../use-cases/supplier-evaluation';
import { listOf, workflowStarted } from '../../contracts/common';
import { evaluationQuery, evaluationRequest, evaluationRow, supplierStatus } from '../../contracts/supplier-evaluation';

export const supplierEvaluationRoutes = (ctx: ApiContext) => [
  defineRoute({
    method: 'post',
    path: '/supplier-evaluations',
    summary: 'Evaluate a supplier on demand (P2.2c); idempotent on requestId',
    access: 'supplier-evaluation.start',
    body: evaluationRequest,
    response: workflowStarted,
    status: 201,
    handle: ({ user, body }) => requestEvaluation(ctx, user, body),
  }),
  defineRoute({
    method: 'get',
    path: '/supplier-evaluations',
    summary: 'Evaluation scores, newest first',
    access: 'supplier-evaluation.read',
    query: evaluationQuery,
    response: listOf(evaluationRow),
    handle: ({ query }) => listEvaluations(ctx, query.vendorId),
  }),
  defineRoute({
    method: 'get',
    path: '/supplier-standing',
    summary: 'The supplier registry: contracts in force, penalties, terminations',
    access: 'supplier-evaluation.read',
    response: listOf(supplierStatus),
    handle: () => listSuppliers(ctx),
  }),
];
