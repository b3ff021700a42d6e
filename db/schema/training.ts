import { boolean, index, integer, jsonb, pgTable, real, text, timestamp } from 'drizzle-orm/pg-core';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

// ---- P6: the training cycle, each person's training file, and the security course (P5.3a) ----

/** P6.1a–b: a year's needs analysis (the skills matrix) and the training plan management approved. */
export const trainingPlans = pgTable('training_plans', {
  workflowId: text('workflow_id').primaryKey(),
  year: integer('year').notNull(),
  /** The skills matrix HR recorded: per staff member, system and role, a level (P6.1a). */
  skills: jsonb('skills').notNull(),
  plan: jsonb('plan').notNull(),
  approvedBy: text('approved_by').notNull(),
  approvedAt: timestamptz('approved_at').notNull(),
});

export const TRAINING_RECORD_KINDS = ['attendance', 'certificate', 'exam', 'practical', 'completion'] as const;
export type TrainingRecordKind = (typeof TRAINING_RECORD_KINDS)[number];
/** A course on the security policy (P5.3a) or any other. */
export const TRAINING_TOPICS = ['security', 'general'] as const;
export type TrainingTopic = (typeof TRAINING_TOPICS)[number];

/**
 * One entry of a person's training file (P6.3a): a session attended, a certificate, an exam or practical score,
 * a course completed (with its expiry). The id is the entry's business key, so a retried write writes it once.
 */
export const trainingRecords = pgTable(
  'training_records',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    workflowId: text('workflow_id'),
    courseId: text('course_id').notNull(),
    courseTitle: text('course_title').notNull(),
    topic: text('topic', { enum: TRAINING_TOPICS }).notNull(),
    method: text('method').notNull(),
    kind: text('kind', { enum: TRAINING_RECORD_KINDS }).notNull(),
    attended: boolean('attended'),
    /** 0–100, exams and practicals. */
    score: real('score'),
    passed: boolean('passed'),
    /** The uploaded certificate (attachments, kind `training-certificate`). */
    certificateId: text('certificate_id'),
    completedAt: timestamptz('completed_at').notNull(),
    /** A certificate's or a completed course's end of validity; null: it does not expire. */
    expiresAt: timestamptz('expires_at'),
    recordedBy: text('recorded_by'),
    detail: jsonb('detail'),
  },
  (t) => [index('training_records_user_idx').on(t.userId, t.completedAt), index('training_records_expiry_idx').on(t.topic, t.kind, t.expiresAt)],
);
