import { z } from 'zod';
import { label, type Vocabulary } from '../../contracts/labels';
import { yesNo } from '../lib/labels';
import { defineProcess } from '../lib/process-definition';
import { SUPPLIER_QUALIFICATION_STEPS } from './steps';
import { recordedName, textField } from '../lib/labels';

/** Durations are inputs (tests run a year's re-qualification cycle in seconds); recorded histories carry seconds. */
export const qualificationTerms = z.lazy(() =>
  z.object({
    reviewDueSeconds: z.number().positive(),
    /** How long a qualification lasts before the sweep re-qualifies the supplier. */
    requalifyAfterSeconds: z.number().positive(),
    /** The average score (0–100) a supplier needs. */
    passMark: z.number().min(0).max(100),
  }),
);

export const supplierQualificationInput = z.lazy(() =>
  qualificationTerms.unwrap().extend({
    vendorId: z.string(),
    kind: z.enum(['initial', 'requalification']),
    /** Who submitted the supplier (registry clerk), or null for the periodic sweep. */
    requestedBy: z.string().nullable(),
  }),
);
export type SupplierQualificationInput = z.infer<typeof supplierQualificationInput>;

/** The wording of the registry's review (P2.2a). */
export const SUPPLIER_QUALIFICATION_LABELS = {
  // The supplier's name is beside its id.
  vendorId: { title: label('供应商', 'Supplier'), format: 'hidden' },
  id: { title: label('编号', 'Id'), format: 'hidden' },
  kind: {
    title: label('类型', 'Kind'),
    options: {
      initial: label('首次资格审查', 'Initial qualification'),
      requalification: label('资格复审', 'Re-qualification'),
      'business-licence': label('营业执照', 'Business licence'),
      certificate: label('资质证书', 'Certificate'),
      reference: label('业绩证明', 'Reference'),
      other: label('其他', 'Other'),
    },
  },
  passMark: { title: label('合格分', 'Pass mark') },
  documents: { title: label('证照材料', 'Documents') },
  expiresOn: { title: label('有效期至', 'Expires on'), format: 'date' },
  state: { title: label('状态', 'State'), options: { valid: label('有效', 'Valid'), expiring: label('即将过期', 'Expiring'), expired: label('已过期', 'Expired') } },
  hasValidLicence: {
    title: label('营业执照有效', 'Valid business licence'),
    options: yesNo(label('是', 'Yes'), label('否：不能通过审查', 'No: it cannot be qualified')),
  },
  qualification: { title: label('资质（0–100）', 'Qualification (0–100)') },
  reputation: { title: label('信誉（0–100）', 'Reputation (0–100)') },
  technicalStrength: { title: label('技术实力（0–100）', 'Technical strength (0–100)') },
  afterSales: { title: label('售后服务（0–100）', 'After-sales service (0–100)') },
  vendorName: { title: label('供应商', 'Supplier') },
} satisfies Vocabulary;

export const supplierQualificationProcess = defineProcess({
  name: 'supplier-qualification',
  workflowType: 'supplierQualification',
  title: { 'zh-CN': '供应商资格审查', en: 'Supplier qualification' },
  clauses: ['P2.2a'],
  startAction: 'supplier-qualification.start',
  input: supplierQualificationInput,
  /** One qualification per request; the sweep's requests are named after the document's due date. */
  workflowId: (vendorId: string, requestId: string) => `supplier-qualification-${vendorId}-${requestId}`,
  steps: SUPPLIER_QUALIFICATION_STEPS,
  instanceTitle: {
    keys: ['vendorName', 'kind'],
    of: ({ title, data }) => {
      const vendor = textField(data, 'vendorName') ?? recordedName(recordedName(title, 'Re-qualification: '), 'Qualification: ');
      return textField(data, 'kind') === 'requalification' ? label(`供应商复审：${vendor}`, `Re-qualification: ${vendor}`) : label(`供应商资格审查：${vendor}`, `Qualification: ${vendor}`);
    },
  },
  labels: SUPPLIER_QUALIFICATION_LABELS,
  load: () => import(/* webpackMode: "eager" */ './workflow'),
});
