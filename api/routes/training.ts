import { listOf } from '../../contracts/common';
import { certificateUpload, certificateUploaded, startTrainingCycleRequest, trainingCycleStarted, trainingFile, trainingFileSummary } from '../../contracts/training';
import type { ApiContext } from '../context';
import { defineRoute, listed } from '../http/route';
import { getCertificate, getTrainingFile, listTrainingFiles, startTrainingCycle, uploadCertificate } from '../use-cases/training';

/** P6, P5.3a: the training cycle's start, the training files and their certificates. */
export const trainingRoutes = (ctx: ApiContext) => [
  defineRoute({
    method: 'post',
    path: '/training-cycles',
    summary: "Start a year's training cycle (needs analysis, plan, sessions, assessments) besides the year-start Schedule; idempotent on cycleId",
    access: 'training-cycle.start',
    body: startTrainingCycleRequest,
    response: trainingCycleStarted,
    status: 201,
    handle: ({ user, body }) => startTrainingCycle(ctx, user, body),
  }),
  defineRoute({
    method: 'get',
    path: '/training-files',
    summary: 'Every active staff member: where their security course stands (P5.3a) and the courses they completed',
    access: 'training-file.read',
    response: listOf(trainingFileSummary),
    personalData: { kind: 'training-file', scope: 'list', read: ({ result }) => listed(result.items.map((item) => item.userId)) },
    handle: () => listTrainingFiles(ctx),
  }),
  defineRoute({
    method: 'get',
    path: '/training-files/:userId',
    summary: "A person's training file: sessions, certificates with expiry, exam and practical scores, completed courses, skills (HR and management anyone's, anyone their own)",
    access: 'training-file.read',
    response: trainingFile,
    personalData: { kind: 'training-file', scope: 'record', read: ({ params, user }) => ({ recordIds: [params.userId], subjectIds: [params.userId], self: params.userId === user.id }) },
    handle: ({ user, params }) => getTrainingFile(ctx, user, params.userId),
  }),
  defineRoute({
    method: 'post',
    path: '/training/certificates',
    summary: 'Upload a training certificate (PDF, PNG or JPEG; its bytes must be what its type says) before recording the session; idempotent on fileId',
    access: 'training.certificate.upload',
    body: certificateUpload,
    response: certificateUploaded,
    status: 201,
    handle: ({ user, body }) => uploadCertificate(ctx, user, body),
  }),
  defineRoute({
    method: 'get',
    path: '/training/certificates/:certificateId',
    summary: "A training certificate: to those who may read its holder's training file, and to its uploader before it is recorded",
    access: 'training-file.read',
    raw: { contentType: 'application/pdf' },
    personalData: {
      kind: 'training-certificate',
      scope: 'record',
      read: ({ params, user, result }) => {
        const holder = (result as { holder: string | null } | undefined)?.holder ?? null;
        return { recordIds: [params.certificateId], subjectIds: holder ? [holder] : [], self: holder === user.id };
      },
    },
    handle: async ({ user, params, res }) => {
      const file = await getCertificate(ctx, user, params.certificateId);
      res.type(file.contentType).setHeader('content-disposition', `inline; filename="certificate-${params.certificateId}"`);
      res.send(file.content);
      return { holder: file.holder };
    },
  }),
];
