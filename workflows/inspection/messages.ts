import { z } from 'zod';
import { label, SYSTEM_LABELS } from '../../contracts/labels';
import type { SystemKind } from '../../contracts/vocabulary';
import { fieldMeta } from '../lib/labels';
import { fieldText } from '../../contracts/problem-texts';

export { completeTaskUpdate, progressQuery } from '../lib/messages';
export type { InspectionInput } from './definition';

/** One checklist item as the run sees it (P3.1a: hardware state, software function, network connectivity). */
export interface InspectionItem {
  id: string;
  text: string;
  system: string;
  deviceId?: string;
  zoneId?: string;
  buildingId?: string;
}

/** The plan as loaded for one run, with the run's open record. */
export interface InspectionRun {
  active: boolean;
  title: string;
  responsibleRole: string;
  buildingId: string | null;
  zoneId: string | null;
  checklist: InspectionItem[];
  dueAt: string;
  dueInMs: number;
}

/** How one checklist item was found on a run (P3.1c). */
export interface ItemResult {
  itemId: string;
  text: string;
  system: string;
  result: 'pass' | 'fail';
  note: string | null;
  photoId: string | null;
  /** The fault repair a failed item opened. */
  faultRepairWorkflowId: string | null;
}

export interface InspectionOutcome {
  status: 'recorded' | 'plan-inactive';
  failedItems: string[];
  faultRepairWorkflowIds: string[];
}

/** A failed item's fault repair: one per run and item, so a retried start finds the same process. */
export const faultRepairIdFor = (inspectionWorkflowId: string, itemId: string) => `fault-repair-${inspectionWorkflowId}-${itemId}`;

export const RESULT_FIELD = (itemId: string) => `result_${itemId}`;
export const NOTE_FIELD = (itemId: string) => `note_${itemId}`;
export const PHOTO_FIELD = (itemId: string) => `photo_${itemId}`;

/**
 * P3.1a/P3.1c: the checklist form of one run, built from the plan's items: per item a pass/fail
 * result, a note (required on a fail: it becomes the fault's symptoms) and an optional photo
 * (an attachment id; the photo itself is uploaded first so history carries only its id).
 */
export function checklistForm(items: readonly InspectionItem[]) {
  const shape: Record<string, z.ZodType> = {};
  items.forEach((item, index) => {
    const n = index + 1;
    const system = SYSTEM_LABELS[item.system as SystemKind] ?? label(item.system, item.system);
    shape[RESULT_FIELD(item.id)] = z.enum(['pass', 'fail']).meta(
      fieldMeta({ title: label(`${n}. ${item.text}`, `${n}. ${item.text}`), help: system, options: { pass: label('通过', 'Pass'), fail: label('不通过', 'Fail') } }),
    );
    shape[NOTE_FIELD(item.id)] = z
      .string()
      .trim()
      .max(4000)
      .optional()
      .meta(fieldMeta({ title: label(`${n}. 备注`, `${n}. Note`), help: label('不通过时必填：现象', 'Required on a fail: what is wrong') }));
    shape[PHOTO_FIELD(item.id)] = z
      .uuid()
      .optional()
      // The form renderer uploads the picked photo to this API path and submits the id it returns.
      .meta(fieldMeta({ title: label(`${n}. 照片`, `${n}. Photo`) }, { contentMediaType: 'image/*', 'x-photo-upload': '/inspections/photos' }));
  });
  return z.object(shape).superRefine((values, context) => {
    for (const item of items) {
      const note = values[NOTE_FIELD(item.id)] as string | undefined;
      if (values[RESULT_FIELD(item.id)] === 'fail' && (note ?? '').length < 3) {
        context.addIssue({ code: 'custom', path: [NOTE_FIELD(item.id)], message: fieldText('describe-failure') });
      }
    }
  });
}
