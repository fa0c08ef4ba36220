import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CommonProblems } from '#src/common/errors/common-problems.js';
import { DomainError } from '#src/common/errors/domain-error.js';
import { ResponsesService } from '#src/modules/surveys/responses.service.js';
import type { SubmitResponseDto } from '#src/modules/surveys/dto/response.dto.js';
import { groupQuestions, readSurveyForm, type PostedSurvey } from './domain/survey-form.js';
import type { Page } from './page-response.js';
import { plainLocale, surveyMessages } from './views/messages.js';
import { surveyPage, thanksPage } from './views/survey.view.js';

type Answers = Map<string, { value?: number; choices?: number[]; text?: string }>;

/**
 * The survey page over `ResponsesService`, the service behind `/api/v1/responses/{token}`: the
 * page adds screens and words, never a rule of its own about answering (docs/pages.md).
 */
@Injectable()
export class SurveyPageService {
  constructor(private readonly responses: ResponsesService) {}

  /** The first screen of a link. Unknown, used or closed links throw the service's problems. */
  async show(token: string, requestedLocale: unknown): Promise<Page> {
    const locale = plainLocale(requestedLocale);
    return this.render(token, { locale, step: 0, submissionId: randomUUID(), answers: new Map(), problems: new Map() }, 200);
  }

  /**
   * A post of the form: another screen with the answers so far (no JavaScript), or the answers
   * sent through `ResponsesService.submit()`, whose problems with single answers come back as the
   * form with the problems shown.
   */
  async post(token: string, body: unknown): Promise<Page> {
    const posted = readSurveyForm(body);
    if (!posted.submissionId) throw new DomainError(CommonProblems.validationFailed, 'This form is out of date; open the survey link again.');
    const locale = plainLocale(posted.locale);
    const answers: Answers = new Map(posted.answers.map(({ questionId, ...answer }) => [questionId, answer]));
    const state = { locale, submissionId: posted.submissionId, answers, problems: new Map(posted.problems) };
    if (posted.go !== 'send') return this.render(token, { ...state, step: posted.go }, 200);
    if (posted.problems.size > 0) return this.render(token, { ...state, step: 'first-problem' }, 400);
    try {
      const dto: SubmitResponseDto = { submissionId: posted.submissionId, answers: posted.answers };
      const reply = await this.responses.submit(token, dto);
      const { locale: lang, m } = surveyMessages(locale);
      return { status: 200, body: thanksPage({ lang, m, replyKey: posted.answers.some((a) => a.text) ? reply.replyKey : null }) };
    } catch (error) {
      if (!(error instanceof DomainError) || error.problem !== CommonProblems.validationFailed) throw error;
      return this.render(token, { ...state, problems: answerProblems(error, posted), step: 'first-problem' }, 400);
    }
  }

  private async render(
    token: string,
    state: { locale: string | undefined; step: number | 'first-problem'; submissionId: string; answers: Answers; problems: Map<string, string> },
    status: number,
  ): Promise<Page> {
    const form = await this.responses.form(token, state.locale);
    const groups = groupQuestions(form.questions);
    const problemStep = groups.findIndex((questions) => questions.some((q) => state.problems.has(q.id)));
    // A problem with the form as a whole (nothing answered) is shown where it was sent: the last screen.
    const step = state.step === 'first-problem' ? (problemStep >= 0 ? problemStep : groups.length - 1) : Math.min(Math.max(state.step, 0), groups.length - 1);
    const { locale: lang, m } = surveyMessages(form.locale);
    const body = surveyPage({
      token,
      form,
      groups,
      step,
      submissionId: state.submissionId,
      // The form carries the locale it is shown in, so every later screen and the thank-you page keep it.
      locale: form.locale,
      answers: state.answers,
      problems: state.problems,
      lang,
      m,
    });
    return { status, body };
  }
}

/** The service's validation problems (`answers.3.value: …`) by question id; `answers` for the whole. */
function answerProblems(error: DomainError, posted: PostedSurvey): Map<string, string> {
  const errors = (error.extensions.errors as { field: string; message: string }[] | undefined) ?? [];
  const problems = new Map<string, string>();
  for (const { field, message } of errors) {
    const index = /^answers\.(\d+)/.exec(field)?.[1];
    const questionId = index === undefined ? undefined : posted.answers[Number(index)]?.questionId;
    problems.set(questionId ?? 'answers', message);
  }
  return problems;
}
