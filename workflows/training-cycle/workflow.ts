import { allHandlersFinished, condition, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { z } from 'zod';
import type { createTrainingActivities, TrainingRecordRow } from '../../activities/training';
import { activityOptions } from '../lib/activities';
import { HumanTasks, type TaskCompletion } from '../lib/human-task';
import { ProcessTracker } from '../lib/progress';
import { addMonths, markExam } from './marking';
import {
  approvalForm,
  examForm,
  needsForm,
  practicalForm,
  sessionForm,
  trainingPlanForm,
  type NeedsForm,
  type PlannedCourse,
  type PracticalForm,
  type SessionForm,
  type StaffMember,
  type TrainingCycleInput,
  type TrainingCycleOutcome,
  type TrainingPlanForm,
} from './messages';
import { TRAINING_CYCLE_STEPS as STEPS } from './steps';

const { trainingEvidence, recordTrainingPlan, recordTrainingResults, remindSecurityTraining } = proxyActivities<ReturnType<typeof createTrainingActivities>>(activityOptions());

/**
 * The training and assessment cycle, P6.1a–P6.3a with P5.3a: the evidence is gathered → HR assesses skills and
 * needs → HR drafts the plan → management approves or returns it (loop) → each course in parallel: its session is
 * recorded (attendance, an external course's certificates) → theory exams (auto-marked) and a practical test
 * (scored by an assessor) → the results into each person's training file, a completed course with its expiry.
 */
export async function trainingCycle(input: TrainingCycleInput): Promise<TrainingCycleOutcome> {
  const year = input.year ?? new Date().getUTCFullYear();
  const { timings } = input;
  const workflowId = workflowInfo().workflowId;
  const tracker = new ProcessTracker({ process: 'training-cycle', title: `${year} 年度培训 Training cycle ${year}`, startedBy: input.requestedBy }, { year });
  const tasks = new HumanTasks('training-cycle', tracker);
  await tracker.pass(STEPS.cycleStarted.id, null, { year });

  await tracker.enter(STEPS.gatherEvidence.id);
  const { staff, ...evidence } = await trainingEvidence({ at: new Date().toISOString() });
  await tracker.complete(STEPS.gatherEvidence.id, null, { staff: staff.length, repairs: evidence.repairs.length });

  const needs: TaskCompletion<NeedsForm> = await tasks.run({
    stepId: STEPS.analyseNeeds.id,
    title: `${year} 年度培训需求分析`,
    form: needsForm(staff),
    candidateRoles: ['hr'],
    dueInMs: timings.needsDueMs,
    priority: 40,
    context: { year, evidence },
  });
  tracker.setData({ needs: needs.payload.summary });

  let returned: { by: string; comments: string } | null = null;
  let plan: TrainingPlanForm | undefined;
  for (;;) {
    const draft: TaskCompletion<TrainingPlanForm> = await tasks.run({
      stepId: STEPS.draftTrainingPlan.id,
      title: `${year} 年度培训计划`,
      form: trainingPlanForm(staff),
      candidateRoles: ['hr'],
      dueInMs: timings.planDueMs,
      priority: 50,
      context: { year, needs: needs.payload.summary, returned },
      prefill: plan,
    });
    plan = draft.payload;
    const approval: TaskCompletion<z.output<typeof approvalForm>> = await tasks.run({
      stepId: STEPS.approveTrainingPlan.id,
      title: `${year} 年度培训计划`,
      form: approvalForm,
      candidateRoles: ['management'],
      dueInMs: timings.approvalDueMs,
      priority: 60,
      context: { year, needs: needs.payload.summary, plan: planSummary(plan, staff) },
    });
    if (approval.payload.decision === 'returned') {
      returned = { by: approval.actor.displayName, comments: approval.payload.comments ?? '' };
      tracker.setData({ returned });
      continue;
    }
    await tracker.enter(STEPS.recordTrainingPlan.id);
    await recordTrainingPlan({ workflowId, year, skills: needs.payload.skills, plan, approvedBy: approval.actor.displayName, approvedAt: approval.completedAt });
    await tracker.complete(STEPS.recordTrainingPlan.id, approval.actor.displayName);
    break;
  }
  const approved = plan;
  tracker.setData({ courses: approved.courses.map((course) => course.title) });

  const completions = await Promise.all(approved.courses.map((course, index) => runCourse({ tasks, tracker, workflowId, staff, timings, course, courseId: `c${index + 1}` })));
  const outcome: TrainingCycleOutcome = { year, courses: approved.courses.length, completed: completions.reduce((sum, count) => sum + count, 0) };
  tracker.setData({ outcome });
  await tracker.finish('completed', STEPS.cycleDone.id, null, outcome);
  await condition(allHandlersFinished);
  return outcome;
}

/** What management reads of a plan: each course with its attendees by name. */
function planSummary(plan: TrainingPlanForm, staff: StaffMember[]) {
  const nameOf = (userId: string) => staff.find((member) => member.userId === userId)?.displayName ?? userId;
  return {
    objectives: plan.objectives,
    courses: plan.courses.map(({ title, topic, content, method, startsAt, trainers, attendees, validityMonths, questions, practical }) => ({
      title,
      topic,
      content,
      method,
      startsAt,
      trainers,
      attendees: attendees.map(nameOf),
      ...(validityMonths ? { validityMonths } : {}),
      questions: questions.length,
      practical,
    })),
  };
}

interface CourseRun {
  tasks: HumanTasks;
  tracker: ProcessTracker;
  workflowId: string;
  staff: StaffMember[];
  timings: TrainingCycleInput['timings'];
  course: PlannedCourse;
  courseId: string;
}

/** One course: its session, its assessments, its results into the training files. Answers the completions recorded. */
async function runCourse({ tasks, tracker, workflowId, staff, timings, course, courseId }: CourseRun): Promise<number> {
  const attendees = course.attendees.map((userId) => staff.find((member) => member.userId === userId)!);
  const external = course.method === 'external-course';
  const about = { courseTitle: course.title, topic: course.topic, method: course.method, startsAt: course.startsAt, trainers: course.trainers, content: course.content };
  const session: TaskCompletion<SessionForm> = await tasks.run({
    stepId: STEPS.recordSession.id,
    title: `${course.title}：出勤登记`,
    form: sessionForm(attendees, external),
    candidateRoles: ['hr'],
    dueInMs: Math.max(0, Date.parse(course.startsAt) - Date.now()) + timings.sessionDueMs,
    priority: 50,
    context: about,
    prefill: { attendance: attendees.map((member) => ({ userId: member.userId, attended: true })) },
  });
  const present = session.payload.attendance.filter((row) => row.attended);
  const presentMembers = attendees.filter((member) => present.some((row) => row.userId === member.userId));

  const [exams, practical] = await Promise.all([
    Promise.all(
      course.questions.length
        ? presentMembers.map(async (member) => {
            const exam = await tasks.run({
              stepId: STEPS.takeExam.id,
              title: `${course.title}：理论考试`,
              form: examForm(course.questions),
              candidateRoles: [],
              candidateUsers: [member.userId],
              dueInMs: timings.examDueMs,
              priority: 50,
              context: { courseTitle: course.title, passMark: course.passMark },
            });
            return { userId: member.userId, completedAt: exam.completedAt, ...markExam(course.questions, exam.payload, course.passMark) };
          })
        : [],
    ),
    course.practical && presentMembers.length
      ? tasks.run({
          stepId: STEPS.scorePractical.id,
          title: `${course.title}：实操考核`,
          form: practicalForm(presentMembers),
          candidateRoles: [course.topic === 'security' ? 'security-supervisor' : 'tech-supervisor'],
          dueInMs: timings.practicalDueMs,
          priority: 50,
          context: { courseTitle: course.title, content: course.content, passMark: course.passMark },
          prefill: { scores: presentMembers.map((member) => ({ userId: member.userId, score: 0 })) },
        })
      : Promise.resolve(null),
  ]);

  await tracker.enter(STEPS.recordResults.id, null, { courseId });
  const practicalDone = practical as TaskCompletion<PracticalForm> | null;
  const base = { workflowId, courseId, courseTitle: course.title, topic: course.topic, method: course.method };
  const recordId = (userId: string, kind: string) => `${workflowId}.${courseId}.${userId}.${kind}`;
  const rows: TrainingRecordRow[] = [];
  for (const row of session.payload.attendance) {
    rows.push({ ...base, id: recordId(row.userId, 'attendance'), userId: row.userId, kind: 'attendance', attended: row.attended, completedAt: session.completedAt, expiresAt: null, recordedBy: session.actor.displayName, detail: session.payload.materials ? { materials: session.payload.materials } : null });
    if (row.attended && row.certificateId) {
      rows.push({ ...base, id: recordId(row.userId, 'certificate'), userId: row.userId, kind: 'certificate', certificateId: row.certificateId, completedAt: session.completedAt, expiresAt: row.certificateExpiresAt ?? null, recordedBy: session.actor.displayName });
    }
  }
  for (const exam of exams) {
    rows.push({ ...base, id: recordId(exam.userId, 'exam'), userId: exam.userId, kind: 'exam', score: exam.score, passed: exam.passed, completedAt: exam.completedAt, expiresAt: null, recordedBy: null, detail: { correct: exam.correct, total: exam.total } });
  }
  for (const score of practicalDone?.payload.scores ?? []) {
    rows.push({
      ...base,
      id: recordId(score.userId, 'practical'),
      userId: score.userId,
      kind: 'practical',
      score: score.score,
      passed: score.score >= course.passMark,
      completedAt: practicalDone!.completedAt,
      expiresAt: null,
      recordedBy: practicalDone!.actor.displayName,
      detail: score.comment ? { comment: score.comment } : null,
    });
  }
  let completed = 0;
  for (const row of present) {
    const exam = exams.find((each) => each.userId === row.userId);
    const practicalScore = practicalDone?.payload.scores.find((each) => each.userId === row.userId);
    if ((exam && !exam.passed) || (practicalScore && practicalScore.score < course.passMark)) continue;
    const completedAt = [session.completedAt, exam?.completedAt, practicalScore ? practicalDone!.completedAt : undefined].filter((at): at is string => !!at).sort().at(-1)!;
    const expiresAt = external ? (row.certificateExpiresAt ?? null) : course.validityMonths ? addMonths(completedAt, course.validityMonths) : null;
    rows.push({ ...base, id: recordId(row.userId, 'completion'), userId: row.userId, kind: 'completion', completedAt, expiresAt, recordedBy: null, certificateId: row.certificateId ?? null });
    completed += 1;
  }
  await recordTrainingResults({ rows });
  await tracker.complete(STEPS.recordResults.id, null, { courseId, completed });
  return completed;
}

/** P5.3a: the daily round: staff whose security course ends soon are reminded (once per person and expiry). */
export async function securityTrainingReminder(input: { warnMs: number }): Promise<{ reminded: number }> {
  const reminded = await remindSecurityTraining({ at: new Date().toISOString(), warnMs: input.warnMs, workflowId: workflowInfo().workflowId });
  return { reminded };
}
