import { z } from 'zod';
import { label } from '../../contracts/labels';
import { STAFF_ROLES } from '../../contracts/permissions';
import { fieldText } from '../../contracts/problem-texts';
import { SYSTEMS } from '../../contracts/vocabulary';
import { pickMany, pickOne, type Choice } from '../lib/form-fields';
import { COMMON_LABELS, fieldMeta } from '../lib/labels';
import { TRAINING_CYCLE_LABELS as LABELS, TRAINING_METHODS } from './definition';

export { completeTaskUpdate, progressQuery } from '../lib/messages';
export type { TrainingCycleInput, TrainingCycleTimings } from './definition';

/** A staff member as the cycle's forms offer them. */
export interface StaffMember {
  userId: string;
  displayName: string;
  roles: string[];
  department: string | null;
}

/** P6.1a: what Steward already knows about each person's work, shown beside the skills matrix. */
export interface TrainingEvidence {
  staff: StaffMember[];
  repairs: Array<{ technician: string; system: string; repairCount: number; reworked: number; escalated: number }>;
  overdueTasks: Array<{ person: string; overdue: number }>;
  failedAssessments: Array<{ person: string; courseTitle: string; kind: string; score: number | null }>;
  expiringCertificates: Array<{ person: string; courseTitle: string; expiresAt: string }>;
}

export interface TrainingCycleOutcome {
  year: number;
  courses: number;
  /** Completions recorded into training files. */
  completed: number;
}

const choicesOf = (staff: StaffMember[]): Choice[] => staff.map((member) => ({ id: member.userId, label: member.displayName }));

const staffPick = (staff: StaffMember[]) => pickOne({ choices: choicesOf(staff), ...LABELS.userId, refusal: fieldText('not-staff'), noneAvailable: fieldText('no-staff') });

// ---- the forms of the human steps (P5.1a: every record has a schema) ----

/** P6.1a: the skills matrix, a level per staff member, system and role, and the needs HR concludes. */
export const needsForm = (staff: StaffMember[]) =>
  z.object({
    skills: z
      .array(
        z.object({
          userId: staffPick(staff),
          system: z.enum(SYSTEMS).meta(fieldMeta(COMMON_LABELS.system)),
          role: z.enum(STAFF_ROLES as [string, ...string[]]).meta(fieldMeta(LABELS.role)),
          level: z.number().int().min(1).max(5).meta(fieldMeta(LABELS.level)),
          need: z.string().trim().max(500).optional().meta(fieldMeta(LABELS.need)),
        }),
      )
      .min(1)
      .meta(fieldMeta(LABELS.skills)),
    summary: z.string().trim().min(3).max(4000).meta(fieldMeta(LABELS.summary)),
  });
export type NeedsForm = z.output<ReturnType<typeof needsForm>>;

const examQuestion = z
  .object({
    question: z.string().trim().min(3).max(500).meta(fieldMeta(LABELS.question)),
    options: z.array(z.string().trim().min(1).max(200)).min(2).max(6).meta(fieldMeta(LABELS.options)),
    answer: z.number().int().min(1).max(6).meta(fieldMeta(LABELS.answer)),
  })
  .refine((question) => question.answer <= question.options.length, { message: fieldText('answer-among-options'), path: ['answer'] })
  .refine((question) => new Set(question.options).size === question.options.length, { message: fieldText('options-differ'), path: ['options'] });
export type ExamQuestion = z.output<typeof examQuestion>;

/** P6.1b: the annual training plan: objectives, and per course its content, method, time, trainers, attendees and assessments. */
export const trainingPlanForm = (staff: StaffMember[]) =>
  z.object({
    objectives: z.array(z.string().trim().min(3).max(500)).min(1).meta(fieldMeta(LABELS.objectives)),
    courses: z
      .array(
        z
          .object({
            title: z.string().trim().min(2).max(200).meta(fieldMeta(COMMON_LABELS.title)),
            topic: z.enum(['security', 'general']).meta(fieldMeta(LABELS.topic)),
            content: z.string().trim().min(3).max(4000).meta(fieldMeta(LABELS.content)),
            method: z.enum(TRAINING_METHODS).meta(fieldMeta(LABELS.method)),
            startsAt: z.iso.datetime({ offset: true }).meta(fieldMeta(LABELS.startsAt)),
            trainers: z.string().trim().min(2).max(500).meta(fieldMeta(LABELS.trainers)),
            attendees: pickMany({ choices: choicesOf(staff), ...LABELS.attendees, refusal: fieldText('not-staff'), noneAvailable: fieldText('no-staff') }),
            validityMonths: z.number().int().min(1).max(120).optional().meta(fieldMeta(LABELS.validityMonths)),
            passMark: z.number().min(0).max(100).default(60).meta(fieldMeta(LABELS.passMark)),
            questions: z.array(examQuestion).max(50).default([]).meta(fieldMeta(LABELS.questions)),
            practical: z.boolean().default(false).meta(fieldMeta(LABELS.practical)),
          })
          .refine((course) => course.topic !== 'security' || course.method === 'external-course' || course.validityMonths !== undefined, {
            message: fieldText('security-needs-validity'),
            path: ['validityMonths'],
          })
          .refine((course) => course.attendees.length > 0, { message: fieldText('required'), path: ['attendees'] })
          .refine((course) => new Set(course.attendees).size === course.attendees.length, { message: fieldText('each-member-once'), path: ['attendees'] }),
      )
      .min(1)
      .max(30)
      .meta(fieldMeta(LABELS.courses)),
  });
export type TrainingPlanForm = z.output<ReturnType<typeof trainingPlanForm>>;
export type PlannedCourse = TrainingPlanForm['courses'][number];

export const approvalForm = z
  .object({
    decision: z.enum(['approved', 'returned']).meta(fieldMeta(LABELS.decision)),
    comments: z.string().trim().max(4000).optional().meta(fieldMeta(LABELS.comments)),
  })
  .refine((form) => form.decision === 'approved' || (form.comments ?? '').length > 0, { message: fieldText('say-what-to-change'), path: ['comments'] });

/** The certificate's file field: uploaded on its own (kind-checked), the form holds the id the upload returns. */
const certificateFile = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .optional()
  .meta(fieldMeta(LABELS.certificateId, { contentMediaType: 'application/pdf,image/png,image/jpeg', 'x-file-upload': '/training/certificates' }));

/** P6.2a–c: a course's attendance; an external course's attendees each with their certificate and its expiry. */
export const sessionForm = (attendees: StaffMember[], external: boolean) =>
  z.object({
    attendance: z
      .array(
        z
          .object({
            userId: staffPick(attendees),
            attended: z.boolean().meta(fieldMeta(LABELS.attended)),
            certificateId: certificateFile,
            certificateExpiresAt: z.iso.datetime({ offset: true }).optional().meta(fieldMeta(LABELS.certificateExpiresAt)),
          })
          .refine((row) => !external || !row.attended || (row.certificateId !== undefined && row.certificateExpiresAt !== undefined), {
            message: fieldText('certificate-needed'),
            path: ['certificateId'],
          }),
      )
      .refine((rows) => rows.length === attendees.length && new Set(rows.map((row) => row.userId)).size === attendees.length, { message: fieldText('each-attendee-once') })
      .meta(fieldMeta(LABELS.attendance)),
    materials: z.string().trim().max(4000).optional().meta(fieldMeta(LABELS.materials)),
  });
export type SessionForm = z.output<ReturnType<typeof sessionForm>>;

/** The field of exam question n (1-based). */
export const questionKey = (n: number) => `q${n}`;

/** P6.3a: a theory exam, one choice per question; the answers are never part of the form or its context. */
export const examForm = (questions: readonly ExamQuestion[]) =>
  z.object(
    Object.fromEntries(
      questions.map((question, index) => {
        const title = label(`${index + 1}. ${question.question}`, `${index + 1}. ${question.question}`);
        const options = Object.fromEntries(question.options.map((option) => [option, label(option, option)]));
        return [questionKey(index + 1), z.enum(question.options as [string, ...string[]]).meta(fieldMeta({ title, options }))];
      }),
    ),
  );

/** P6.3a: the assessor scores each attendee's practical test (0–100). */
export const practicalForm = (attendees: StaffMember[]) =>
  z.object({
    scores: z
      .array(
        z.object({
          userId: staffPick(attendees),
          score: z.number().min(0).max(100).meta(fieldMeta(LABELS.score)),
          comment: z.string().trim().max(1000).optional().meta(fieldMeta(LABELS.comment)),
        }),
      )
      .refine((rows) => rows.length === attendees.length && new Set(rows.map((row) => row.userId)).size === attendees.length, { message: fieldText('each-attendee-once') })
      .meta(fieldMeta(LABELS.scores)),
  });
export type PracticalForm = z.output<ReturnType<typeof practicalForm>>;
