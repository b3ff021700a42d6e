import { z } from 'zod';
import { fieldText } from './problem-texts';

/** HR or management start a year's training cycle by hand (P6.1a); idempotent on the client's cycle id. */
export const startTrainingCycleRequest = z.object({
  cycleId: z.uuid(),
  year: z.number().int().min(2000).max(2100),
});
export type StartTrainingCycleRequest = z.output<typeof startTrainingCycleRequest>;

export const trainingCycleStarted = z.object({ workflowId: z.string() });

/** A training certificate (P6.2b) as a data: URL; its bytes must be what its type says. Idempotent on the client's file id. */
export const certificateUpload = z.object({
  fileId: z.uuid(),
  file: z
    .string()
    .regex(/^data:(application\/pdf|image\/png|image\/jpeg);base64,[A-Za-z0-9+/=]+$/, fieldText('certificate-file'))
    .max(2_800_000, fieldText('certificate-too-large')),
});
export type CertificateUpload = z.input<typeof certificateUpload>;

export const certificateUploaded = z.object({ fileId: z.string() });

const TRAINING_RECORD_KINDS = ['attendance', 'certificate', 'exam', 'practical', 'completion'] as const;

/** One entry of a training file (P6.3a). */
export const trainingFileEntry = z.object({
  id: z.string(),
  workflowId: z.string().nullable(),
  courseTitle: z.string(),
  topic: z.enum(['security', 'general']),
  method: z.string(),
  kind: z.enum(TRAINING_RECORD_KINDS),
  attended: z.boolean().nullable(),
  score: z.number().nullable(),
  passed: z.boolean().nullable(),
  /** The certificate's file: GET /training/certificates/:certificateId. */
  certificateId: z.string().nullable(),
  completedAt: z.string(),
  expiresAt: z.string().nullable(),
  expired: z.boolean(),
  recordedBy: z.string().nullable(),
});
export type TrainingFileEntry = z.infer<typeof trainingFileEntry>;

/** P5.3a: where a person's security course stands. */
export const securityStanding = z.object({
  valid: z.boolean(),
  /** The latest end of validity of a completed security course; null: none ever completed. */
  validUntil: z.string().nullable(),
});
export type SecurityStanding = z.infer<typeof securityStanding>;

/** A person's training file: sessions, certificates with expiry, scores, completed courses, skills (P6.3a). */
export const trainingFile = z.object({
  userId: z.string(),
  displayName: z.string(),
  department: z.string().nullable(),
  roles: z.array(z.string()),
  security: securityStanding,
  sessions: z.array(trainingFileEntry),
  certificates: z.array(trainingFileEntry),
  scores: z.array(trainingFileEntry),
  completions: z.array(trainingFileEntry),
  /** The skills matrix rows of the latest needs analysis that assessed them. */
  skills: z.array(z.object({ year: z.number().int(), system: z.string(), role: z.string(), level: z.number().int(), need: z.string().nullable() })),
});
export type TrainingFile = z.infer<typeof trainingFile>;

/** A staff member in the list of training files. */
export const trainingFileSummary = z.object({
  userId: z.string(),
  displayName: z.string(),
  department: z.string().nullable(),
  security: securityStanding,
  completions: z.number().int(),
});
export type TrainingFileSummary = z.infer<typeof trainingFileSummary>;
