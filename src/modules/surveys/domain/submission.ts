import type { EmploymentType, Stage, TenurePhase } from '#src/modules/employees/domain/journey.js';
import { valueRange, type AskedQuestion } from './questions.js';

/** Longest free-text answer kept. */
export const MAX_TEXT_ANSWER = 4000;

export interface AnswerInput {
  readonly questionId: string;
  readonly value?: number;
  readonly choices?: number[];
  readonly text?: string;
}

/** An answer checked against the question asked, in the shape it is stored. */
export interface Answer {
  readonly questionId: string;
  readonly value: number | null;
  readonly choices: number[] | null;
  readonly text: string | null;
}

/** Where the respondent stood when answering: the only thing a response keeps about them. */
export interface SegmentSnapshot {
  readonly unitId: string | null;
  readonly tenurePhase: TenurePhase | null;
  readonly stage: Stage | null;
  readonly location: string | null;
  /** Absent on receipts claimed before employment type and referral hire were part of the snapshot. */
  readonly employmentType?: EmploymentType | null;
  readonly referralHire?: boolean | null;
}

/** A claimed submission waiting to be written as a response (kept on the receipt until then). */
export interface PendingSubmission {
  readonly responseId: string;
  readonly submittedOn: string;
  readonly locale: string;
  readonly segment: SegmentSnapshot;
  readonly answers: Answer[];
  readonly replyKeyHash: string;
}

/** What a submission answers, the first time and to every identical retry. */
export interface SubmissionReply {
  readonly status: 'submitted';
  readonly submittedOn: string;
  /** Private key to read and answer replies to one's comments, anonymously. Shown only here. */
  readonly replyKey: string;
}

/** The segment key rollups are grouped by: `unit|phase|stage|location|employment type|referral hire (yes, no)`, empty for unknown. */
export function segmentKey(segment: SegmentSnapshot): string {
  const referral = segment.referralHire === true ? 'yes' : segment.referralHire === false ? 'no' : null;
  return [segment.unitId, segment.tenurePhase, segment.stage, segment.location, segment.employmentType, referral].map((part) => part ?? '').join('|');
}

/**
 * Checks answers against the questions the round asked; returns the answers to store, or the
 * problems (one per field) when any is wrong. Questions may be left unanswered, but not all of them.
 */
export function checkAnswers(
  asked: readonly AskedQuestion[],
  answers: readonly AnswerInput[],
): { answers: Answer[]; problems: [] } | { answers: []; problems: { field: string; message: string }[] } {
  const byId = new Map(asked.map((question) => [question.id, question]));
  const problems: { field: string; message: string }[] = [];
  const seen = new Set<string>();
  const result: Answer[] = [];
  answers.forEach((answer, index) => {
    const field = `answers.${index}`;
    const question = byId.get(answer.questionId);
    if (!question) return problems.push({ field: `${field}.questionId`, message: 'is not a question of this survey round' });
    if (seen.has(answer.questionId)) return problems.push({ field: `${field}.questionId`, message: 'is answered twice' });
    seen.add(answer.questionId);
    const problem = checkAnswer(question, answer);
    if (problem) return problems.push({ field: `${field}.${problem.field}`, message: problem.message });
    result.push({
      questionId: answer.questionId,
      value: answer.value ?? null,
      choices: answer.choices ? [...new Set(answer.choices)].sort((a, b) => a - b) : null,
      text: answer.text?.trim() ?? null,
    });
  });
  if (problems.length === 0 && result.length === 0) problems.push({ field: 'answers', message: 'must answer at least one question' });
  return problems.length > 0 ? { answers: [], problems } : { answers: result, problems: [] };
}

function checkAnswer(question: AskedQuestion, answer: AnswerInput): { field: string; message: string } | null {
  const given = (['value', 'choices', 'text'] as const).filter((key) => answer[key] !== undefined);
  const expected = question.type === 'multi_choice' ? 'choices' : question.type === 'text' ? 'text' : 'value';
  if (given.length !== 1 || given[0] !== expected) return { field: expected, message: `is how a ${question.type} question is answered, and the only field it takes` };
  const range = valueRange(question);
  if (expected === 'value') {
    const value = answer.value!;
    if (!Number.isInteger(value) || value < range!.min || value > range!.max) return { field: 'value', message: `must be a whole number from ${range!.min} to ${range!.max}` };
  }
  if (expected === 'choices') {
    const choices = answer.choices!;
    if (choices.length === 0 || choices.some((c) => !Number.isInteger(c) || c < range!.min || c > range!.max)) {
      return { field: 'choices', message: `must list option numbers from ${range!.min} to ${range!.max}` };
    }
  }
  if (expected === 'text') {
    const text = answer.text!.trim();
    if (text.length === 0 || text.length > MAX_TEXT_ANSWER) return { field: 'text', message: `must be 1 to ${MAX_TEXT_ANSWER} characters` };
  }
  return null;
}
