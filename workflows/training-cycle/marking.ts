import { questionKey, type ExamQuestion } from './messages';

/** P6.3a: a theory exam marked against the plan's answers: the share of questions answered right, 0–100 (one decimal). */
export function markExam(questions: readonly ExamQuestion[], answers: Record<string, unknown>, passMark: number) {
  const correct = questions.filter((question, index) => answers[questionKey(index + 1)] === question.options[question.answer - 1]).length;
  const score = questions.length ? Math.round((correct / questions.length) * 1000) / 10 : 0;
  return { correct, total: questions.length, score, passed: score >= passMark };
}

/** The end of a validity that starts at `from` and lasts `months` calendar months (UTC). */
export function addMonths(from: string, months: number): string {
  const start = new Date(from);
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + months, start.getUTCDate(), start.getUTCHours(), start.getUTCMinutes(), start.getUTCSeconds())).toISOString();
}
