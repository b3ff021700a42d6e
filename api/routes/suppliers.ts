import type { ApiContext } from '../context';
import { defineRoute } from '../http/route';
import { addDocument, getSupplier, listExpiringDocuments, listSuppliers, registerSupplier, startQualification } from '../use-cases/suppliers';
import { listOf, workflowStarted } from '../../contracts/common';
import { documentRequest, expiringDocument, requalificationRequest, supplierDetail, supplierRegistered, supplierRequest, supplierSummary } from '../../contracts/suppliers';

export const supplierRoutes = (ctx: ApiContext) => [
  defineRoute({
    method: 'get',
    path: '/suppliers',
    summary: 'The supplier registry (P2.2a); a supplier sees its own entry',
    access: 'supplier.read',
    response: listOf(supplierSummary),
    handle: ({ user }) => listSuppliers(ctx, user),
  }),
  defineRoute({
    method: 'post',
    path: '/suppliers',
    summary: 'Register a supplier with its documents and start its qualification (P2.2a); idempotent on supplierId',
    access: 'supplier-qualification.start',
    body: supplierRequest,
    response: supplierRegistered,
    status: 201,
    handle: ({ user, body }) => registerSupplier(ctx, user, body),
  }),
  defineRoute({
    method: 'get',
    path: '/suppliers/documents/expiring',
    summary: 'Supplier documents expired or expiring soon (P2.2a)',
    access: 'supplier.documents.manage',
    response: listOf(expiringDocument),
    handle: () => listExpiringDocuments(ctx),
  }),
  defineRoute({
    method: 'get',
    path: '/suppliers/:vendorId',
    summary: 'A supplier: documents (expiry flagged), qualification reviews and processes',
    access: 'supplier.read',
    response: supplierDetail,
    handle: ({ user, params }) => getSupplier(ctx, user, params.vendorId),
  }),
  defineRoute({
    method: 'post',
    path: '/suppliers/:vendorId/documents',
    summary: "Add a document to a supplier's file; idempotent on documentId",
    access: 'supplier.documents.manage',
    body: documentRequest,
    response: supplierDetail,
    status: 201,
    handle: ({ user, params, body }) => addDocument(ctx, user, params.vendorId, body),
  }),
  defineRoute({
    method: 'post',
    path: '/suppliers/:vendorId/qualifications',
    summary: 'Start a re-qualification of a supplier (P2.2a); idempotent on requestId',
    access: 'supplier-qualification.start',
    body: requalificationRequest,
    response: workflowStarted,
    status: 201,
    handle: async ({ user, params, body }) => {
      await getSupplier(ctx, user, params.vendorId);
      return startQualification(ctx, user, params.vendorId, 'requalification', body.requestId);
    },
  }),
];
