import { z } from 'zod';
import { label, yuanText } from '../../contracts/labels';
import { pickMany } from '../lib/form-fields';
import { fieldMeta } from '../lib/labels';
import { PROCUREMENT_LABELS as LABELS } from './definition';
import { fieldText } from '../../contracts/problem-texts';

export { completeTaskUpdate, progressQuery } from '../lib/messages';
export { PROCUREMENT_SYSTEMS, type ProcurementInput } from './definition';

export type ProcurementMethod = 'inquiry' | 'tender' | 'negotiation';

/** The configuration the process reads once at its start (worker env), so thresholds are not literals. */
export interface ProcurementSettings {
  /** Estimates up to this (yuan) may go by inquiry (at least three quotes); above it, public tender. */
  inquiryMaxYuan: number;
  /** Contracts above this price (yuan) need management's approval. */
  approvalThresholdYuan: number;
  /** Weights of the panel's three scores. */
  weights: { price: number; technical: number; afterSales: number };
  /** Least number of quotes (inquiry) or bids (tender); negotiation needs one. */
  minimumBids: number;
  minimumPanel: number;
  bidWindowSeconds: number;
  taskDueSeconds: number;
  /** Whether project delivery starts after the contract when the input does not say. */
  startDelivery: boolean;
  /** The workflow type of project delivery (P2.3), started by name: it is another process's code. */
  deliveryWorkflowType: string;
}

export interface OpenedBid {
  bidId: string;
  vendorId: string;
  vendorName: string;
  priceYuan: number;
}

export interface BidResult extends OpenedBid {
  /** Average weighted score over the panel, 0–100 with two decimals. */
  score: number;
}

export interface ProcurementOutcome {
  status: 'contracted' | 'cancelled';
  reason?: string;
  method?: ProcurementMethod;
  contractId?: string;
  vendorId?: string;
  vendorName?: string;
  priceYuan?: number;
  deliveryDate?: string;
  deliveryWorkflowId?: string;
}

/** What project delivery is started with (by type name, default `projectDelivery`; child, ABANDON). */
export interface ProjectDeliveryStart {
  contractId: string;
  procurementWorkflowId: string;
  projectId: string;
  vendorId: string;
  title: string;
  deliveryDate: string;
}

/** P2.2b: the method follows the thresholds; negotiation only with a recorded reason. */
export function methodForm(estimate: number, settings: ProcurementSettings, qualified: Array<{ vendorId: string; name: string }>) {
  return z
    .object({
      method: z.enum(['inquiry', 'tender', 'negotiation']).meta(
        fieldMeta({
          ...LABELS.method,
          help: label(`询价适用于 ${yuanText(settings.inquiryMaxYuan)} 以内，超过须公开招标`, `Inquiry up to ${yuanText(settings.inquiryMaxYuan)}, tender above`),
        }),
      ),
      reason: z.string().trim().max(2000).optional().meta(fieldMeta(LABELS.reason)),
      invitedVendorIds: pickMany({
        choices: qualified.map((supplier) => ({ id: supplier.vendorId, label: supplier.name })),
        ...LABELS.invitedVendorIds,
        refusal: fieldText('not-qualified-supplier'),
        noneAvailable: fieldText('no-qualified-supplier'),
      }),
    })
    .superRefine((form, issues) => {
      if (form.method === 'inquiry' && estimate > settings.inquiryMaxYuan) {
        issues.addIssue({ code: 'custom', path: ['method'], message: fieldText('tender-above'), params: { yuan: settings.inquiryMaxYuan } });
      }
      if (form.method === 'negotiation' && (form.reason ?? '').length < 5) {
        issues.addIssue({ code: 'custom', path: ['reason'], message: fieldText('say-why-negotiated') });
      }
      const needed = form.method === 'negotiation' ? 1 : settings.minimumBids;
      if (new Set(form.invitedVendorIds).size < needed) {
        issues.addIssue({ code: 'custom', path: ['invitedVendorIds'], message: fieldText('suppliers-needed'), params: { method: form.method, count: needed } });
      }
    });
}

/** P2.2b: the panel: at least `needed` more members, none appointed before. */
export function panelForm(eligible: Array<{ userId: string; displayName: string }>, needed: number) {
  return z.object({
    memberUserIds: pickMany({
      choices: eligible.map((user) => ({ id: user.userId, label: user.displayName })),
      title: LABELS.memberUserIds.title,
      refusal: fieldText('not-eligible-panelist'),
      noneAvailable: fieldText('no-eligible-panelist'),
    })
      .refine((ids) => new Set(ids).size === ids.length, fieldText('each-member-once'))
      .refine((ids) => ids.length >= needed, { message: fieldText('panel-needs-more'), params: { count: needed } }),
  });
}

export const declarationForm = z
  .object({
    conflict: z.boolean().meta(fieldMeta(LABELS.conflict)),
    statement: z.string().trim().max(2000).optional().meta(fieldMeta(LABELS.statement)),
  })
  .refine((form) => !form.conflict || (form.statement ?? '').length > 0, { message: fieldText('describe-conflict'), path: ['statement'] });

const CRITERIA = { Price: LABELS.price.title, Technical: LABELS.technical.title, AfterSales: LABELS.afterSales.title } as const;

/** Field name of one criterion of the n-th opened bid (1-based): flat, so the generic task form renders it. */
export const scoreField = (index: number, criterion: keyof typeof CRITERIA) => `bid${index + 1}${criterion}`;

/** P2.2b: one score (0–100) per opened bid and criterion. */
export function scoringForm(bids: Array<Pick<OpenedBid, 'vendorName' | 'priceYuan'>>) {
  const shape: Record<string, z.ZodNumber> = {};
  bids.forEach((bid, index) => {
    for (const [criterion, text] of Object.entries(CRITERIA)) {
      shape[scoreField(index, criterion as keyof typeof CRITERIA)] = z
        .number()
        .int()
        .min(0)
        .max(100)
        .meta(fieldMeta({ title: label(`${index + 1}. ${bid.vendorName}（${yuanText(bid.priceYuan)}）：${text['zh-CN']}`, `${index + 1}. ${bid.vendorName} (${yuanText(bid.priceYuan)}): ${text.en}`) }));
    }
  });
  return z.object(shape);
}

export interface BidScore {
  bidId: string;
  price: number;
  technical: number;
  afterSales: number;
}

/** The flat form back into one score per bid. */
export function scoresOf(bids: Array<Pick<OpenedBid, 'bidId'>>, form: Record<string, number>): BidScore[] {
  return bids.map((bid, index) => ({
    bidId: bid.bidId,
    price: form[scoreField(index, 'Price')],
    technical: form[scoreField(index, 'Technical')],
    afterSales: form[scoreField(index, 'AfterSales')],
  }));
}

export const contractForm = z.object({
  rightsAndObligations: z.string().trim().min(5).max(20_000).meta(fieldMeta(LABELS.rightsAndObligations)),
  specs: z.string().trim().min(3).max(20_000).meta(fieldMeta(LABELS.specs)),
  priceYuan: z.number().int().positive().meta(fieldMeta({ ...LABELS.priceYuan, title: label('合同价（元）', 'Price (yuan)') })),
  deliveryDate: z.iso.date().meta(fieldMeta(LABELS.deliveryDate)),
  afterSalesTerms: z.string().trim().min(3).max(20_000).meta(fieldMeta(LABELS.afterSalesTerms)),
  repairSlaSeconds: z
    .number()
    .int()
    .min(1)
    .max(90 * 24 * 3600)
    .meta(fieldMeta({ ...LABELS.repairSlaSeconds, title: label('维修时限（秒）', 'Repair SLA (seconds)') })),
});
export type ContractTerms = z.output<typeof contractForm>;

export const approvalForm = z
  .object({
    decision: z.enum(['approve', 'revise', 'cancel']).meta(fieldMeta(LABELS.decision)),
    comment: z.string().trim().max(2000).optional().meta(fieldMeta(LABELS.comment)),
  })
  .refine((form) => form.decision === 'approve' || (form.comment ?? '').length > 0, { message: fieldText('say-why'), path: ['comment'] });

/** Weighted score of one member's scores for one bid, 0–100. */
export function weightedScore(entry: Pick<BidScore, 'price' | 'technical' | 'afterSales'>, weights: ProcurementSettings['weights']): number {
  const total = weights.price + weights.technical + weights.afterSales;
  return (entry.price * weights.price + entry.technical * weights.technical + entry.afterSales * weights.afterSales) / total;
}

/** The ranking: average weighted score over the panel; ties go to the lower price. */
export function rankBids(bids: OpenedBid[], panelScores: BidScore[][], weights: ProcurementSettings['weights']): BidResult[] {
  return bids
    .map((bid) => {
      const mine = panelScores.map((scores) => scores.find((entry) => entry.bidId === bid.bidId)!);
      const average = mine.reduce((sum, entry) => sum + weightedScore(entry, weights), 0) / mine.length;
      return { ...bid, score: Math.round(average * 100) / 100 };
    })
    .sort((a, b) => b.score - a.score || a.priceYuan - b.priceYuan || a.bidId.localeCompare(b.bidId));
}
