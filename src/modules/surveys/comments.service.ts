import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { visibility, type SegmentFilter, type UnitParents } from '#src/analytics/anonymity-guard.js';
import type { Principal } from '#src/common/auth/principal.js';
import { DomainError } from '#src/common/errors/domain-error.js';
import { decodeCursor, DEFAULT_PAGE_SIZE, toPage } from '#src/common/pagination/pagination.js';
import { DomainEventsRepository } from '#src/modules/events/domain-events.repository.js';
import { TenantsService } from '#src/modules/tenancy/tenants.service.js';
import { localize, type AskedQuestion } from './domain/questions.js';
import { analyseSentiment } from './domain/sentiment.js';
import type { PendingSubmission } from './domain/submission.js';
import { matchWatchTerms } from './domain/watch-terms.js';
import type { CommentDetailDto, CommentDto, CommentsPageDto, CommentsQueryDto, MessageDto } from './dto/comments.dto.js';
import type { SuppressedDto } from './dto/results.dto.js';
import { SurveyCommentMessageEntity } from './entities/survey-comment-message.entity.js';
import { SurveyCommentEntity } from './entities/survey-comment.entity.js';
import { SurveyRoundEntity } from './entities/survey-round.entity.js';
import type { SurveyEntity } from './entities/survey.entity.js';
import { isWithin, SurveyGroups, type RoundCell } from './survey-groups.js';
import { SurveysProblems } from './surveys.errors.js';
import { SurveysService } from './surveys.service.js';
import { WatchTermsService } from './watch-terms.service.js';

export const SURVEY_COMMENT_FLAGGED_EVENT = 'survey.comment_flagged';

/** Longest conversation about one comment, in messages: a bound on what one key can write. */
export const MAX_MESSAGES_PER_COMMENT = 200;

type Suppressed = Pick<SuppressedDto, 'suppressed' | 'reason'>;

/**
 * Comments: free-text answers with their sentiment, shown only for groups that pass the anonymity
 * guard at the comment threshold, in random order and dated by their round only; HR's exception
 * for flagged comments; and the staff side of the anonymous conversations. See docs/anonymity.md.
 */
@Injectable()
export class CommentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly surveys: SurveysService,
    private readonly tenants: TenantsService,
    private readonly groups: SurveyGroups,
    private readonly watchTerms: WatchTermsService,
    private readonly events: DomainEventsRepository,
  ) {}

  /**
   * In the apply transaction of a submission: one comment per text answer, scored and matched
   * against the watch lists, and one `survey.comment_flagged` event per flagged comment. The event
   * names the survey, round, comment and categories, never the text or the segment.
   */
  async record(manager: EntityManager, tenantId: string, roundId: string, pending: PendingSubmission): Promise<void> {
    const texts = pending.answers.filter((answer) => answer.text !== null);
    if (texts.length === 0) return;
    const rounds: { survey_id: string; questions: AskedQuestion[] }[] = await manager.query(
      `SELECT survey_id, questions FROM survey_rounds WHERE tenant_id = $1 AND id = $2`,
      [tenantId, roundId],
    );
    const round = rounds[0]!;
    const driverOf = new Map(round.questions.map((question) => [question.id, question.driverKey]));
    const terms = await this.watchTerms.forLocale(manager, tenantId, pending.locale);
    const comments = texts.map((answer) => {
      const text = answer.text!;
      const sentiment = analyseSentiment(text, pending.locale);
      const categories = matchWatchTerms(text, terms);
      return {
        tenantId,
        id: randomUUID(),
        roundId,
        questionId: answer.questionId,
        driverKey: driverOf.get(answer.questionId) ?? null,
        responseId: pending.responseId,
        text,
        sentimentScore: sentiment?.score ?? null,
        sentimentLabel: sentiment?.label ?? null,
        locale: pending.locale,
        flagged: categories.length > 0,
        flagCategories: categories.length > 0 ? categories : null,
        ...pending.segment,
      };
    });
    await manager.insert(SurveyCommentEntity, comments);
    const now = new Date();
    await this.events.record(
      manager,
      tenantId,
      comments
        .filter((comment) => comment.flagged)
        .map((comment) => ({
          type: SURVEY_COMMENT_FLAGGED_EVENT,
          subjectId: comment.id,
          payload: { surveyId: round.survey_id, roundId, commentId: comment.id, categories: comment.flagCategories },
          occurredAt: now,
        })),
    );
  }

  /**
   * The comments of a group, when the group passes the anonymity guard at the larger of the result
   * and comment thresholds. Ordered by id: ids are random v4 UUIDs, so the order is random and says
   * nothing about when comments were written, yet it is fixed, so a keyset on the id pages stably.
   */
  async list(principal: Principal, surveyId: string, query: CommentsQueryDto): Promise<CommentsPageDto> {
    const tenantId = principal.tenantId;
    const { k, commentThreshold } = await this.thresholds(tenantId, await this.surveys.require(tenantId, surveyId));
    const { parents } = await this.groups.units(tenantId);
    const unitId = await this.groups.scopedUnit(principal, parents, query.unitId);
    const round = await this.groups.round(tenantId, surveyId, { roundId: query.roundId });
    const filter: SegmentFilter = { unitId, tenurePhase: query.tenurePhase, stage: query.stage, location: query.location };
    const base = { surveyId, roundId: round.id, roundNumber: round.number, commentThreshold };

    const shown = visibility(await this.groups.cells(tenantId, round.id), filter, parents, k);
    if (!shown.shown) return { ...base, suppressed: true, reason: shown.reason };

    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = query.cursor ? decodeCursor(query.cursor).id : null;
    const units = unitId ? [...parents.keys()].filter((id) => isWithin(id, unitId, parents)) : null;
    const rows: SurveyCommentEntity[] = await this.dataSource.manager
      .createQueryBuilder(SurveyCommentEntity, 'c')
      .where('c.tenant_id = :tenantId AND c.round_id = :roundId', { tenantId, roundId: round.id })
      .andWhere(units ? 'c.unit_id = ANY(CAST(:units AS uuid[]))' : 'TRUE', { units })
      .andWhere(query.tenurePhase ? 'c.tenure_phase = :tenurePhase' : 'TRUE', { tenurePhase: query.tenurePhase })
      .andWhere(query.stage ? 'c.stage = :stage' : 'TRUE', { stage: query.stage })
      .andWhere(query.location ? 'c.location = :location' : 'TRUE', { location: query.location })
      .andWhere(query.driver ? 'c.driver_key = :driver' : 'TRUE', { driver: query.driver })
      .andWhere(query.sentiment ? 'c.sentiment_label = :sentiment' : 'TRUE', { sentiment: query.sentiment })
      .andWhere(after ? 'c.id > :after' : 'TRUE', { after })
      .orderBy('c.id', 'ASC')
      .limit(limit + 1)
      .getMany();
    const page = toPage(rows, limit, (comment) => ({ value: null, id: comment.id }));
    const conversations = await this.conversations(tenantId, page.items.map((c) => c.id));
    return { ...base, items: page.items.map((comment) => toCommentDto(comment, round, conversations.get(comment.id) ?? [])), nextCursor: page.nextCursor };
  }

  /**
   * One comment, for HR. A flagged comment is shown whatever the size of its group, so HR can act
   * on it (the documented exception); any other only when its round, or a unit containing its
   * author's, passes the guard at the comment threshold.
   */
  async detail(principal: Principal, surveyId: string, commentId: string): Promise<CommentDetailDto | Suppressed> {
    const { survey, comment, round } = await this.requireComment(principal.tenantId, surveyId, commentId);
    const shown = comment.flagged ? { shown: true as const } : await this.shownTo(principal, survey, comment);
    if (!shown.shown) return { suppressed: true, reason: shown.reason };
    const conversation = (await this.conversations(principal.tenantId, [comment.id])).get(comment.id) ?? [];
    return { ...toCommentDto(comment, round, conversation), flagCategories: comment.flagCategories };
  }

  /**
   * A staff message to the comment's author. HR may answer any comment shown to them and any
   * flagged comment; a manager only comments of their reporting line that are shown to them.
   */
  async reply(principal: Principal, surveyId: string, commentId: string, message: string): Promise<MessageDto> {
    const { survey, comment } = await this.requireComment(principal.tenantId, surveyId, commentId);
    if (!(principal.role === 'hr_admin' && comment.flagged)) {
      const shown = await this.shownTo(principal, survey, comment);
      if (!shown.shown) {
        throw new DomainError(SurveysProblems.commentHidden, `This comment’s group is too small to show its comments (${shown.reason}), so it cannot be answered.`);
      }
    }
    return this.addMessage(principal.tenantId, comment.id, {
      author: 'staff',
      staffUserId: principal.kind === 'user' ? principal.userId : null,
      staffApiKeyId: principal.kind === 'api_key' ? principal.apiKeyId : null,
      text: message.trim(),
    });
  }

  /** Appends a message, holding the comment's row so the length limit holds under concurrency. */
  async addMessage(
    tenantId: string,
    commentId: string,
    message: Pick<SurveyCommentMessageEntity, 'author' | 'staffUserId' | 'staffApiKeyId' | 'text'>,
  ): Promise<MessageDto> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT 1 FROM survey_comments WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [tenantId, commentId]);
      const count = await manager.countBy(SurveyCommentMessageEntity, { tenantId, commentId });
      if (count >= MAX_MESSAGES_PER_COMMENT) {
        throw new DomainError(SurveysProblems.conversationFull, `A conversation holds at most ${MAX_MESSAGES_PER_COMMENT} messages.`);
      }
      const id = randomUUID();
      await manager.insert(SurveyCommentMessageEntity, { tenantId, id, commentId, ...message });
      return toMessageDto(await manager.findOneByOrFail(SurveyCommentMessageEntity, { tenantId, id }));
    });
  }

  /** Messages of some comments, oldest first, by comment. */
  async conversations(tenantId: string, commentIds: string[]): Promise<Map<string, MessageDto[]>> {
    const byComment = new Map<string, MessageDto[]>();
    if (commentIds.length === 0) return byComment;
    const rows = await this.dataSource.manager
      .createQueryBuilder(SurveyCommentMessageEntity, 'm')
      .where('m.tenant_id = :tenantId AND m.comment_id = ANY(CAST(:ids AS uuid[]))', { tenantId, ids: commentIds })
      .orderBy('m.created_at', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .getMany();
    for (const row of rows) byComment.set(row.commentId, [...(byComment.get(row.commentId) ?? []), toMessageDto(row)]);
    return byComment;
  }

  /**
   * Whether a comment is shown to the caller: whether some group containing its author that the
   * caller can read passes the guard. Groups tried: the whole round (HR only), then the author's
   * unit and each unit above it, up to the top of the caller's reporting line. Outside a manager's
   * reporting line is `surveys.out_of_scope`.
   */
  private async shownTo(principal: Principal, survey: SurveyEntity, comment: SurveyCommentEntity): Promise<{ shown: true } | { shown: false; reason: Suppressed['reason'] }> {
    const tenantId = principal.tenantId;
    const { k } = await this.thresholds(tenantId, survey);
    const { parents } = await this.groups.units(tenantId);
    const roots = await this.groups.reportingLine(principal, parents);
    const root = roots?.find((r) => comment.unitId !== null && isWithin(comment.unitId, r, parents));
    if (roots !== null && !root) throw new DomainError(SurveysProblems.outOfScope, 'This comment is outside your reporting line.');
    const filters: SegmentFilter[] = roots === null ? [{}] : [];
    for (const unit of chain(comment.unitId, parents)) {
      filters.push({ unitId: unit });
      if (unit === root) break;
    }
    const cells: RoundCell[] = await this.groups.cells(tenantId, comment.roundId);
    let reason: Suppressed['reason'] = 'below_threshold';
    for (const filter of filters) {
      const shown = visibility(cells, filter, parents, k);
      if (shown.shown) return { shown: true };
      reason = shown.reason;
    }
    return { shown: false, reason };
  }

  /**
   * The k comments are held to: the larger of the survey's and the organisation's result and
   * comment thresholds, so a group that shows comments also passes everything results need.
   */
  private async thresholds(tenantId: string, survey: SurveyEntity): Promise<{ k: number; commentThreshold: number }> {
    const { settings } = await this.tenants.get(tenantId);
    const commentThreshold = Math.max(survey.commentThreshold, settings.commentThreshold);
    return { k: Math.max(commentThreshold, survey.anonymityThreshold, settings.anonymityThreshold), commentThreshold };
  }

  /**
   * A comment HR may take elsewhere (e.g. promote to a pain point): a flagged one, or one whose
   * group passes the comment threshold. 404 for no such comment, 403 for one still hidden.
   */
  async readableByHr(principal: Principal, commentId: string): Promise<SurveyCommentEntity> {
    const comment = await this.dataSource.manager.findOneBy(SurveyCommentEntity, { tenantId: principal.tenantId, id: commentId });
    const round = comment && (await this.dataSource.manager.findOneBy(SurveyRoundEntity, { tenantId: principal.tenantId, id: comment.roundId }));
    if (!comment || !round) throw new DomainError(SurveysProblems.commentNotFound, `No comment ${commentId}.`);
    if (comment.flagged) return comment;
    const shown = await this.shownTo(principal, await this.surveys.require(principal.tenantId, round.surveyId), comment);
    if (!shown.shown) throw new DomainError(SurveysProblems.commentHidden, `This comment’s group is too small to show its comments (${shown.reason}).`);
    return comment;
  }

  private async requireComment(
    tenantId: string,
    surveyId: string,
    commentId: string,
  ): Promise<{ survey: SurveyEntity; comment: SurveyCommentEntity; round: SurveyRoundEntity }> {
    const survey = await this.surveys.require(tenantId, surveyId);
    const comment = await this.dataSource.manager.findOneBy(SurveyCommentEntity, { tenantId, id: commentId });
    const round = comment && (await this.dataSource.manager.findOneBy(SurveyRoundEntity, { tenantId, id: comment.roundId, surveyId }));
    if (!comment || !round) throw new DomainError(SurveysProblems.commentNotFound, `No comment ${commentId} in survey ${surveyId}.`);
    return { survey, comment, round };
  }
}

/** A unit and its ancestors, nearest first (cycles cut); nothing for a respondent without a unit. */
function chain(unitId: string | null, parents: UnitParents): string[] {
  const units: string[] = [];
  for (let at: string | null | undefined = unitId; at && !units.includes(at); at = parents.get(at)) units.push(at);
  return units;
}

function toCommentDto(comment: SurveyCommentEntity, round: SurveyRoundEntity, conversation: MessageDto[]): CommentDto {
  const question = round.questions.find((q) => q.id === comment.questionId);
  return {
    id: comment.id,
    roundId: round.id,
    roundNumber: round.number,
    questionId: comment.questionId,
    question: question ? localize(question.texts, 'en').text : '',
    driverKey: comment.driverKey,
    text: comment.text,
    sentiment: comment.sentimentLabel === null ? null : { score: comment.sentimentScore!, label: comment.sentimentLabel },
    flagged: comment.flagged,
    conversation,
  };
}

export function toMessageDto(message: SurveyCommentMessageEntity): MessageDto {
  return { id: message.id, author: message.author, text: message.text, createdAt: message.createdAt.toISOString() };
}
