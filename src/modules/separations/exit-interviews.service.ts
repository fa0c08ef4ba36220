import { randomUUID } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { Principal } from '#src/common/auth/principal.js';
import { DomainError } from '#src/common/errors/domain-error.js';
import { validationFailed } from '#src/common/http/validation.js';
import { DEFAULT_PAGE_SIZE, decodeCursor, toPage, type Page } from '#src/common/pagination/pagination.js';
import { visibility, type SegmentCell } from '#src/analytics/anonymity-guard.js';
import { roundTo } from '#src/analytics/rounding.js';
import { enps, likert } from '#src/analytics/survey-scores.js';
import { addDays } from '#src/modules/checklists/domain/start.js';
import { DomainEventsRepository } from '#src/modules/events/domain-events.repository.js';
import { formQuestion, localize, type AskedQuestion } from '#src/modules/surveys/domain/questions.js';
import { analyseSentiment, type SentimentLabel } from '#src/modules/surveys/domain/sentiment.js';
import { checkAnswers, type Answer } from '#src/modules/surveys/domain/submission.js';
import { SurveyQuestionEntity } from '#src/modules/surveys/entities/survey-question.entity.js';
import { QuestionBankService } from '#src/modules/surveys/question-bank.service.js';
import { SurveyGroups } from '#src/modules/surveys/survey-groups.js';
import { tenantCalendar } from '#src/modules/tenancy/tenant-calendar.js';
import { TenantSetup } from '#src/modules/tenancy/tenant-setup.js';
import { isWithin } from '#src/modules/units/domain/unit-tree.js';
import { localDate } from '#src/modules/employees/domain/tenure-phase.js';
import { DEFAULT_EXIT_QUESTIONS, LINK_DAYS_AFTER_LAST_DAY } from './domain/exit-interviews.js';
import type {
  ExitAnswerDto,
  ExitFormDto,
  ExitInterviewDto,
  ExitQuestionSummaryDto,
  ExitReportDto,
  ExitReportQueryDto,
  ExitSubmissionReplyDto,
  ListExitInterviewsQueryDto,
  QuestionnaireDto,
  SubmitExitAnswersDto,
} from './dto/exit-interview.dto.js';
import type { SeparationExitInterviewDto } from './dto/separation.dto.js';
import { ExitInterviewAnswerEntity } from './entities/exit-interview-answer.entity.js';
import { ExitInterviewEntity } from './entities/exit-interview.entity.js';
import { ExitQuestionnaireQuestionEntity } from './entities/exit-questionnaire-question.entity.js';
import { ExitInterviewLinks } from './exit-interview-links.js';
import { reportScope } from '#src/modules/surveys/report-scope.js';
import { SeparationsProblems } from './separations.errors.js';

export const EXIT_INTERVIEW_INVITED_EVENT = 'exit_interview.invited';

/**
 * Exit interviews: confidential, not anonymous. The answers are linked to the leaver and read by
 * hr_admin only; everyone else (managers included) is told there is no such interview. Managers
 * read aggregates of their reporting line, from k answered interviews on. Design: docs/separations.md.
 */
@Injectable()
export class ExitInterviewsService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly links: ExitInterviewLinks,
    private readonly events: DomainEventsRepository,
    private readonly tenantSetup: TenantSetup,
    private readonly groups: SurveyGroups,
    private readonly bank: QuestionBankService,
  ) {}

  onModuleInit(): void {
    // After the survey question bank's step (this module imports the surveys module): the
    // questions name its drivers.
    this.tenantSetup.register('exit-questionnaire', (manager, tenantId) => this.seedQuestionnaire(manager, tenantId));
  }

  /** Adds the default exit questions to the tenant's bank and makes them its exit questionnaire. */
  async seedQuestionnaire(manager: EntityManager, tenantId: string): Promise<void> {
    const inserted = await manager.insert(
      SurveyQuestionEntity,
      DEFAULT_EXIT_QUESTIONS.map(({ driverKey, type, text, options }) => ({
        tenantId,
        driverKey,
        type,
        texts: { en: text },
        options: options ? options.map((option) => ({ texts: { en: option } })) : null,
        purpose: 'exit' as const,
        builtin: true,
        retiredAt: null,
        version: 1,
      })),
    );
    await manager.insert(
      ExitQuestionnaireQuestionEntity,
      inserted.identifiers.map((identifier, position) => ({ tenantId, questionId: (identifier as { id: string }).id, position })),
    );
  }

  async questionnaire(tenantId: string): Promise<QuestionnaireDto> {
    const questions = await this.questionnaireQuestions(this.dataSource.manager, tenantId);
    return { questions: questions.map((q) => ({ id: q.id, type: q.type, driverKey: q.driverKey, text: localize(q.texts, 'en').text })) };
  }

  /** Replaces the questionnaire; exit interviews already opened keep the questions they were given. */
  async setQuestionnaire(tenantId: string, questionIds: readonly string[]): Promise<QuestionnaireDto> {
    // Survey questions may be asked of leavers too (eNPS, say); exit questions never of people who stay.
    await this.bank.requireUsable(tenantId, questionIds, 'questionIds', ['survey', 'exit']);
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(ExitQuestionnaireQuestionEntity, { tenantId });
      await manager.insert(
        ExitQuestionnaireQuestionEntity,
        questionIds.map((questionId, position) => ({ tenantId, questionId, position })),
      );
    });
    return this.questionnaire(tenantId);
  }

  /**
   * Opens a leaver's exit interview inside the separation's transaction: freezes the
   * questionnaire, makes the personal link, and records `exit_interview.invited` with it (webhooks
   * deliver it, like survey invitations). Returns null when the questionnaire is empty.
   */
  async openIn(
    manager: EntityManager,
    tenantId: string,
    separation: { id: string; employeeId: string; lastWorkingDay: string },
    locale: string | undefined,
  ): Promise<string | null> {
    const questions = await this.questionnaireQuestions(manager, tenantId);
    if (questions.length === 0) return null;
    const tenant: { locale: string }[] = await manager.query(`SELECT locale FROM tenants WHERE id = $1`, [tenantId]);
    const id = randomUUID();
    const token = this.links.tokenFor(tenantId, id);
    const linkExpiresOn = addDays(separation.lastWorkingDay, LINK_DAYS_AFTER_LAST_DAY);
    await manager.insert(ExitInterviewEntity, {
      tenantId,
      id,
      separationId: separation.id,
      employeeId: separation.employeeId,
      status: 'invited',
      tokenHash: ExitInterviewLinks.hash(token),
      locale: locale ?? tenant[0]!.locale,
      questions: questions.map(({ id: questionId, driverKey, type, texts, options }) => ({ id: questionId, driverKey, type, texts, options })),
      linkExpiresOn,
      mode: null,
      completedAt: null,
      enteredByUserId: null,
    });
    await this.events.record(manager, tenantId, [
      {
        type: EXIT_INTERVIEW_INVITED_EVENT,
        subjectId: separation.employeeId,
        payload: { exitInterviewId: id, separationId: separation.id, path: ExitInterviewLinks.path(token), linkExpiresOn },
        occurredAt: new Date(),
      },
    ]);
    return id;
  }

  /** Cancels the separation's exit interview if it is still unanswered; true when it did. */
  async cancelIn(manager: EntityManager, tenantId: string, separationId: string): Promise<boolean> {
    const result = await manager.update(ExitInterviewEntity, { tenantId, separationId, status: 'invited' }, { status: 'cancelled' });
    return (result.affected ?? 0) > 0;
  }

  /** The exit interview of each separation, as a separation shows it to HR. */
  async summaries(tenantId: string, separationIds: readonly string[]): Promise<Map<string, SeparationExitInterviewDto>> {
    if (separationIds.length === 0) return new Map();
    const rows = await this.dataSource.manager.findBy(ExitInterviewEntity, { tenantId, separationId: In([...separationIds]) });
    return new Map(rows.map((row) => [row.separationId, { id: row.id, status: row.status, link: this.linkOf(row) }]));
  }

  /** The questions for the leaver, from their link. */
  async form(token: string, locale?: string): Promise<ExitFormDto> {
    return this.links.inTenantOf(token, linkNotFound, async () => {
      const interview = await this.openLink(token);
      if (interview.status === 'completed') throw answered();
      const wanted = locale ?? interview.locale;
      return {
        locale: wanted,
        confidentiality:
          'Your answers are confidential, not anonymous: they are kept with your name and read only by HR. ' +
          'Your manager never sees them; managers see only totals across several leavers.',
        linkExpiresOn: interview.linkExpiresOn,
        questions: interview.questions.map((question) => formQuestion(question, wanted)),
      };
    });
  }

  /**
   * The leaver answers from their link, once. A retry with the same answers after a success gets
   * the same reply; different answers on an answered interview are a 409.
   */
  async submit(token: string, dto: SubmitExitAnswersDto): Promise<ExitSubmissionReplyDto> {
    return this.links.inTenantOf(token, linkNotFound, async () => {
      const interview = await this.openLink(token);
      const answers = checked(interview.questions, dto);
      if (interview.status === 'completed') return this.replayed(interview, answers);
      const completedAt = await this.complete(interview, answers, 'link', null);
      if (!completedAt) return this.replayed(await this.reload(interview), answers);
      return { status: 'completed', completedAt: completedAt.toISOString() };
    });
  }

  /** HR enters the answers after a conversation with the leaver (the link then stops working). */
  async enter(principal: Principal, id: string, dto: SubmitExitAnswersDto): Promise<ExitInterviewDto> {
    const interview = await this.requireForHr(principal, id);
    if (interview.status === 'cancelled') throw cancelled();
    if (interview.status === 'completed') throw answered();
    const answers = checked(interview.questions, dto);
    const completedAt = await this.complete(interview, answers, 'hr', principal.userId);
    if (!completedAt) throw answered();
    return this.get(principal, id);
  }

  async get(principal: Principal, id: string): Promise<ExitInterviewDto> {
    const interview = await this.requireForHr(principal, id);
    const [dto] = await this.toDtos(principal.tenantId, [interview], true);
    return dto!;
  }

  async list(principal: Principal, query: ListExitInterviewsQueryDto): Promise<Page<ExitInterviewDto>> {
    const { tenantId } = principal;
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const q = this.dataSource.manager.createQueryBuilder(ExitInterviewEntity, 'i').where('i.tenant_id = :tenantId', { tenantId });
    if (query.status) q.andWhere('i.status = :status', { status: query.status });
    if (query.employeeId) q.andWhere('i.employee_id = :employeeId', { employeeId: query.employeeId });
    if (query.cursor) {
      const position = decodeCursor(query.cursor);
      q.andWhere('(i.created_at, i.id) < (:cursorValue::timestamptz, :cursorId::uuid)', { cursorValue: position.value, cursorId: position.id });
    }
    const rows = await q.orderBy('i.created_at', 'DESC').addOrderBy('i.id', 'DESC').limit(limit + 1).getMany();
    const page = toPage(rows, limit, (i) => ({ value: i.createdAt.toISOString(), id: i.id }));
    return { items: await this.toDtos(tenantId, page.items, false), nextCursor: page.nextCursor };
  }

  /**
   * Answers of the exit interviews of a period's leavers, aggregated: nothing below k answered
   * interviews (or when the unit could be read by difference from a larger one), and each
   * question's figures only from k answers on. No text is shown, only sentiment counts.
   */
  async report(principal: Principal, query: ExitReportQueryDto): Promise<ExitReportDto> {
    const { tenantId } = principal;
    const { tree, unitId, timezone, k } = await reportScope(this.dataSource, this.groups, principal, query.unitId);
    const to = query.to ?? localDate(new Date(), timezone);
    const from = query.from ?? addDays(to, -365);
    if (from > to) throw validationFailed([{ field: 'from', message: 'must not be after to' }]);

    const counts: { unit_id: string | null; n: number }[] = await this.dataSource.query(
      `SELECT s.unit_id, count(*)::int AS n
       FROM exit_interviews i JOIN separations s ON s.tenant_id = i.tenant_id AND s.id = i.separation_id
       WHERE i.tenant_id = $1 AND i.status = 'completed' AND s.last_working_day BETWEEN $2::date AND $3::date
       GROUP BY s.unit_id`,
      [tenantId, from, to],
    );
    const cells: SegmentCell[] = counts.map((c) => ({ unitId: c.unit_id, tenurePhase: null, stage: null, location: null, count: c.n }));
    const seen = visibility(cells, unitId ? { unitId } : {}, tree.parents, k);
    const base = { from, to, unitId, k };
    if (!seen.shown) return { ...base, suppressed: true, reason: seen.reason, interviews: null, questions: [] };

    const units = unitId ? [...tree.parents.keys()].filter((id) => isWithin(id, unitId, tree.parents)) : null;
    const answers: (Pick<ExitInterviewAnswerEntity, 'questionId' | 'questionType' | 'driverKey' | 'value' | 'choices' | 'sentimentLabel'> & { questions: AskedQuestion[] })[] =
      await this.dataSource.query(
        `SELECT a.question_id AS "questionId", a.question_type AS "questionType", a.driver_key AS "driverKey", a.value, a.choices,
                a.sentiment_label AS "sentimentLabel", i.questions
         FROM exit_interview_answers a
         JOIN exit_interviews i ON i.tenant_id = a.tenant_id AND i.id = a.interview_id
         JOIN separations s ON s.tenant_id = i.tenant_id AND s.id = i.separation_id
         WHERE a.tenant_id = $1 AND i.status = 'completed' AND s.last_working_day BETWEEN $2::date AND $3::date
           AND ($4::uuid[] IS NULL OR s.unit_id = ANY($4::uuid[]))`,
        [tenantId, from, to, units],
      );
    return { ...base, suppressed: false, reason: null, interviews: seen.count, questions: summarise(answers, k) };
  }

  private async complete(interview: ExitInterviewEntity, answers: Answer[], mode: 'link' | 'hr', userId: string | null): Promise<Date | null> {
    return this.dataSource.transaction(async (manager) => {
      const completedAt = new Date();
      const claimed = await manager.update(
        ExitInterviewEntity,
        { tenantId: interview.tenantId, id: interview.id, status: 'invited' },
        { status: 'completed', mode, completedAt, enteredByUserId: userId },
      );
      if ((claimed.affected ?? 0) === 0) return null;
      const asked = new Map(interview.questions.map((q) => [q.id, q]));
      await manager.insert(
        ExitInterviewAnswerEntity,
        answers.map((answer) => {
          const question = asked.get(answer.questionId)!;
          const sentiment = answer.text ? analyseSentiment(answer.text, interview.locale) : null;
          return {
            tenantId: interview.tenantId,
            interviewId: interview.id,
            questionId: answer.questionId,
            questionType: question.type,
            driverKey: question.driverKey,
            value: answer.value,
            choices: answer.choices,
            text: answer.text,
            sentimentScore: sentiment?.score ?? null,
            sentimentLabel: sentiment?.label ?? null,
          };
        }),
      );
      return completedAt;
    });
  }

  /** The reply to a submission on an answered interview: the first reply if it is the same submission, else 409. */
  private async replayed(interview: ExitInterviewEntity, answers: Answer[]): Promise<ExitSubmissionReplyDto> {
    if (interview.status !== 'completed' || interview.mode !== 'link') throw interview.status === 'cancelled' ? cancelled() : answered();
    const stored = await this.dataSource.manager.findBy(ExitInterviewAnswerEntity, { tenantId: interview.tenantId, interviewId: interview.id });
    const canonical = (list: readonly Pick<Answer, 'questionId' | 'value' | 'choices' | 'text'>[]) =>
      JSON.stringify([...list].map((a) => [a.questionId, a.value, a.choices, a.text]).sort((x, y) => String(x[0]).localeCompare(String(y[0]))));
    if (canonical(stored) !== canonical(answers)) throw answered();
    return { status: 'completed', completedAt: interview.completedAt!.toISOString() };
  }

  private async openLink(token: string): Promise<ExitInterviewEntity> {
    const tenantId = this.links.tenantOf(token);
    const interview = tenantId ? await this.dataSource.manager.findOneBy(ExitInterviewEntity, { tenantId, tokenHash: ExitInterviewLinks.hash(token) }) : null;
    if (!interview) throw linkNotFound();
    if (interview.status === 'cancelled') throw cancelled();
    if (interview.status === 'invited') {
      const { today } = await tenantCalendar(this.dataSource, interview.tenantId);
      if (today > interview.linkExpiresOn) throw new DomainError(SeparationsProblems.linkExpired, `This link worked until ${interview.linkExpiresOn}.`);
    }
    return interview;
  }

  private async reload(interview: ExitInterviewEntity): Promise<ExitInterviewEntity> {
    return this.dataSource.manager.findOneByOrFail(ExitInterviewEntity, { tenantId: interview.tenantId, id: interview.id });
  }

  /** Exit interviews exist for hr_admin only: anyone else is told there is no such interview. */
  private async requireForHr(principal: Principal, id: string): Promise<ExitInterviewEntity> {
    const interview = principal.role === 'hr_admin' ? await this.dataSource.manager.findOneBy(ExitInterviewEntity, { tenantId: principal.tenantId, id }) : null;
    if (!interview) throw new DomainError(SeparationsProblems.interviewNotFound, `No exit interview ${id}.`);
    return interview;
  }

  private async questionnaireQuestions(manager: EntityManager, tenantId: string): Promise<SurveyQuestionEntity[]> {
    const order = await manager.find(ExitQuestionnaireQuestionEntity, { where: { tenantId }, order: { position: 'ASC' } });
    if (order.length === 0) return [];
    const questions = await manager.findBy(SurveyQuestionEntity, { tenantId, id: In(order.map((o) => o.questionId)) });
    const byId = new Map(questions.map((q) => [q.id, q]));
    return order.map((o) => byId.get(o.questionId)).filter((q): q is SurveyQuestionEntity => q !== undefined && q.retiredAt === null);
  }

  private linkOf(interview: ExitInterviewEntity): string | null {
    return interview.status === 'invited' ? ExitInterviewLinks.path(this.links.tokenFor(interview.tenantId, interview.id)) : null;
  }

  private async toDtos(tenantId: string, interviews: readonly ExitInterviewEntity[], withAnswers: boolean): Promise<ExitInterviewDto[]> {
    if (interviews.length === 0) return [];
    const names: { id: string; name: string }[] = await this.dataSource.query(
      `SELECT id, first_name || ' ' || last_name AS name FROM employees WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
      [tenantId, [...new Set(interviews.map((i) => i.employeeId))]],
    );
    const nameOf = new Map(names.map((n) => [n.id, n.name]));
    const answers = withAnswers
      ? await this.dataSource.manager.findBy(ExitInterviewAnswerEntity, { tenantId, interviewId: In(interviews.map((i) => i.id)) })
      : [];
    return interviews.map((i) => {
      const asked = i.questions;
      const mine = answers.filter((a) => a.interviewId === i.id);
      return {
        id: i.id,
        separationId: i.separationId,
        employeeId: i.employeeId,
        employeeName: nameOf.get(i.employeeId) ?? '',
        status: i.status,
        mode: i.mode,
        locale: i.locale,
        linkExpiresOn: i.linkExpiresOn,
        link: this.linkOf(i),
        completedAt: i.completedAt?.toISOString() ?? null,
        enteredByUserId: i.enteredByUserId,
        createdAt: i.createdAt.toISOString(),
        answers: asked.flatMap((question) => {
          const answer = mine.find((a) => a.questionId === question.id);
          return answer ? [toAnswerDto(question, answer, i.locale)] : [];
        }),
      };
    });
  }
}

function checked(questions: readonly AskedQuestion[], dto: SubmitExitAnswersDto): Answer[] {
  const result = checkAnswers(questions, dto.answers);
  if (result.problems.length > 0) throw validationFailed(result.problems);
  return result.answers;
}

function toAnswerDto(question: AskedQuestion, answer: ExitInterviewAnswerEntity, locale: string): ExitAnswerDto {
  const options = question.options?.map((option) => localize(option.texts, locale).text) ?? null;
  const picked = answer.choices ?? (question.type === 'single_choice' && answer.value !== null ? [answer.value] : null);
  return {
    questionId: question.id,
    type: question.type,
    driverKey: question.driverKey,
    question: localize(question.texts, locale).text,
    value: answer.value,
    choices: answer.choices,
    chosen: options && picked ? picked.map((index) => options[index] ?? String(index)) : null,
    text: answer.text,
    sentimentScore: answer.sentimentScore,
    sentiment: answer.sentimentLabel,
  };
}

interface AnswerRow {
  questionId: string;
  questionType: AskedQuestion['type'];
  driverKey: string | null;
  value: number | null;
  choices: number[] | null;
  sentimentLabel: SentimentLabel | null;
  questions: AskedQuestion[];
}

/** Per question: answers, and from k answers on its mean, eNPS, distribution or sentiment counts. */
export function summarise(rows: readonly AnswerRow[], k: number): ExitQuestionSummaryDto[] {
  const byQuestion = new Map<string, AnswerRow[]>();
  for (const row of rows) byQuestion.set(row.questionId, [...(byQuestion.get(row.questionId) ?? []), row]);
  return [...byQuestion.entries()].map(([questionId, list]) => {
    const asked = list[0]!.questions.find((q) => q.id === questionId)!;
    const n = list.length;
    const summary: ExitQuestionSummaryDto = {
      questionId,
      type: asked.type,
      driverKey: asked.driverKey,
      question: localize(asked.texts, 'en').text,
      answers: n,
      suppressed: n < k,
      mean: null,
      enps: null,
      distribution: null,
      options: asked.options?.map((o) => localize(o.texts, 'en').text) ?? null,
      sentiment: null,
    };
    if (summary.suppressed) return summary;
    const values = list.map((r) => r.value).filter((v): v is number => v !== null);
    if (asked.type === 'likert5' || asked.type === 'enps') {
      // The same measures as survey results (src/analytics/survey-scores.ts), from a tally of the values.
      const histogram = new Array<number>(asked.type === 'enps' ? 11 : 6).fill(0);
      for (const v of values) histogram[v]! += 1;
      const tally = { answered: values.length, total: values.reduce((a, b) => a + b, 0), histogram };
      summary.mean = asked.type === 'likert5' ? likert(tally)!.mean : roundTo(tally.total / tally.answered, 2);
      summary.distribution = asked.type === 'likert5' ? histogram.slice(1) : histogram;
      if (asked.type === 'enps') summary.enps = enps(tally)!.score;
    } else if (asked.type === 'single_choice' || asked.type === 'multi_choice') {
      const picks = list.flatMap((r) => r.choices ?? (r.value !== null ? [r.value] : []));
      summary.distribution = (summary.options ?? []).map((_, index) => picks.filter((p) => p === index).length);
    } else {
      const count = (label: SentimentLabel | null) => list.filter((r) => r.sentimentLabel === label).length;
      summary.sentiment = { positive: count('positive'), neutral: count('neutral'), negative: count('negative'), unscored: count(null) };
    }
    return summary;
  });
}

function answered(): DomainError {
  return new DomainError(SeparationsProblems.interviewAnswered, 'This exit interview has been answered.');
}

function cancelled(): DomainError {
  return new DomainError(SeparationsProblems.interviewCancelled, 'This exit interview was cancelled (the separation was withdrawn).');
}

function linkNotFound(): DomainError {
  return new DomainError(SeparationsProblems.interviewNotFound, 'This exit interview link is not valid.');
}
