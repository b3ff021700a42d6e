import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { InspectionItem as ChecklistItem, ItemResult as ChecklistResult } from '../../workflows/inspection/messages';
import { buildings, zones } from './core';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A checklist line (P3.1a) and how a run found it (P3.1c): the shapes the inspection process works with. */
export type { InspectionItem as ChecklistItem, ItemResult as ChecklistResult } from '../../workflows/inspection/messages';

/**
 * P3.1a: an inspection plan: its checklist (hardware state, software function, network
 * connectivity), its cycle, the responsible role and the area. Each plan runs as a Temporal
 * Schedule whose id is derived from the plan id.
 */
export const inspectionPlans = pgTable('inspection_plans', {
  /** Chosen by the client, so a retried create makes one plan and one schedule. */
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  checklist: jsonb('checklist').$type<ChecklistItem[]>().notNull(),
  /** The cycle: a run every this many seconds (configuration, so tests run in seconds). */
  cycleSeconds: integer('cycle_seconds').notNull(),
  /** The due window: a run not completed this long after it started is overdue. */
  dueWithinSeconds: integer('due_within_seconds').notNull(),
  responsibleRole: text('responsible_role').notNull(),
  buildingId: text('building_id').references(() => buildings.id),
  zoneId: text('zone_id').references(() => zones.id),
  active: boolean('active').notNull().default(true),
  createdBy: text('created_by').notNull(),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
});

/**
 * P3.1c: the inspection record of one run, kept as maintenance archive: opened when the run starts
 * (so an overdue run is visible), completed with the per-item results and the fault repairs opened.
 */
export const inspectionRecords = pgTable(
  'inspection_records',
  {
    workflowId: text('workflow_id').primaryKey(),
    planId: text('plan_id').notNull().references(() => inspectionPlans.id),
    planTitle: text('plan_title').notNull(),
    responsibleRole: text('responsible_role').notNull(),
    status: text('status', { enum: ['open', 'completed'] }).notNull(),
    startedAt: timestamptz('started_at').notNull(),
    dueAt: timestamptz('due_at').notNull(),
    /** Set once the due time passed with the run still open; stays set after a late completion. */
    overdueAt: timestamptz('overdue_at'),
    completedAt: timestamptz('completed_at'),
    inspectorId: text('inspector_id'),
    inspectorName: text('inspector_name'),
    results: jsonb('results').$type<ChecklistResult[]>().notNull().default([]),
    faultRepairWorkflowIds: text('fault_repair_workflow_ids').array().notNull().default(sql`'{}'`),
  },
  (t) => [
    index('inspection_records_plan_idx').on(t.planId, t.startedAt),
    index('inspection_records_list_idx').on(t.startedAt, t.workflowId),
    index('inspection_records_open_idx').on(t.dueAt).where(sql`${t.status} = 'open'`),
  ],
);
