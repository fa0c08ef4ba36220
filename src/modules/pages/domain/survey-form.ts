import type { FormFields } from '#src/common/http/forms.js';
import type { AnswerInput } from '#src/modules/surveys/domain/submission.js';
import type { FormQuestionDto } from '#src/modules/surveys/dto/response.dto.js';

/** Most questions one screen of the survey page shows. */
export const MAX_GROUP_SIZE = 4;
/** Longest free-text answer, as the API takes it. */
const MAX_TEXT = 4000;
const MAX_ANSWERS = 60;
const MAX_CHOICES = 20;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The screens of a survey: consecutive questions of one driver (scored or choice) share a screen,
 * up to {@link MAX_GROUP_SIZE}; the eNPS question and each free-text question have one of their own.
 */
export function groupQuestions<Q extends Pick<FormQuestionDto, 'type' | 'driverKey'>>(questions: readonly Q[]): Q[][] {
  const groups: Q[][] = [];
  for (const question of questions) {
    const last = groups.at(-1);
    const alone = question.type === 'enps' || question.type === 'text' || question.driverKey === null;
    const head = last?.[0];
    if (!alone && last && head && head.type !== 'enps' && head.type !== 'text' && head.driverKey === question.driverKey && last.length < MAX_GROUP_SIZE) {
      last.push(question);
    } else {
      groups.push([question]);
    }
  }
  return groups;
}

/**
 * Field names of an answer. The kind is in the name (`v.` a value, `c.` choices, `t.` a text), so
 * a posted form reads into answers without the questions: a reload of the thank-you page repeats
 * the same answers, which the receipt recognises, even though the link is used by then.
 */
export const field = {
  value: (questionId: string) => `v.${questionId}`,
  choices: (questionId: string) => `c.${questionId}`,
  text: (questionId: string) => `t.${questionId}`,
};

/** The survey page's form as posted. */
export interface PostedSurvey {
  readonly submissionId: string | null;
  /** Where to go: a screen index, or `send`. */
  readonly go: number | 'send';
  readonly locale: string | undefined;
  readonly answers: AnswerInput[];
  /** Answers that could not be read at all (not a number, too long), by question id. */
  readonly problems: ReadonlyMap<string, string>;
}

/**
 * Reads a posted survey form. Values are only parsed here (whole numbers, texts within the
 * API's length); whether they fit the questions is `checkAnswers`' decision, in the service.
 * Empty fields are no answer.
 */
export function readSurveyForm(body: unknown): PostedSurvey {
  // Anything but a parsed form (no body, a JSON array) reads as an empty form.
  const fields: FormFields = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as FormFields) : {};
  const answers = new Map<string, { value?: number; choices?: number[]; text?: string }>();
  const problems = new Map<string, string>();
  const entry = (id: string) => answers.get(id) ?? answers.set(id, {}).get(id)!;
  for (const [name, raw] of Object.entries(fields)) {
    const match = /^([vct])\.(.+)$/.exec(name);
    if (!match || !UUID.test(match[2]!)) continue;
    const [, kind, id] = match as unknown as [string, 'v' | 'c' | 't', string];
    const values = (Array.isArray(raw) ? raw : [raw]).filter((value) => value !== '');
    if (values.length === 0) continue;
    if (kind === 't') {
      const text = values.join('\n').trim();
      if (text.length > MAX_TEXT) problems.set(id, `is longer than ${MAX_TEXT} characters`);
      else if (text) entry(id).text = text;
    } else if (values.some((v) => !/^\d{1,2}$/.test(v))) {
      problems.set(id, 'is not one of the choices');
    } else if (kind === 'v') {
      if (values.length > 1) problems.set(id, 'has more than one answer');
      else entry(id).value = Number(values[0]);
    } else if (values.length > MAX_CHOICES) {
      problems.set(id, `has more than ${MAX_CHOICES} choices`);
    } else {
      entry(id).choices = values.map(Number);
    }
  }
  const list = [...answers].map(([questionId, answer]) => ({ questionId, ...answer }));
  if (list.length > MAX_ANSWERS) problems.set('answers', `has more than ${MAX_ANSWERS} answers`);
  const submissionId = typeof fields.submissionId === 'string' && UUID.test(fields.submissionId) ? fields.submissionId.toLowerCase() : null;
  const go = fields.go === 'send' ? 'send' : /^\d{1,2}$/.test(String(fields.go)) ? Number(fields.go) : 0;
  const locale = typeof fields.locale === 'string' ? fields.locale : undefined;
  return { submissionId, go, locale, answers: list, problems };
}
