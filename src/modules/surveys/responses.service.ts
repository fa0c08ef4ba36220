import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError } from '#src/common/errors/domain-error.js';
import { validationFailed } from '#src/common/http/validation.js';
import { localDate, tenurePhase } from '#src/modules/employees/domain/tenure-phase.js';
import type { EmploymentType, Stage } from '#src/modules/employees/domain/journey.js';
import { asSystem } from '#src/common/tenancy/tenant-scope.js';
import { CommentsService } from './comments.service.js';
import { formQuestion, type AskedQuestion } from './domain/questions.js';
import { checkAnswers, segmentKey, type Answer, type PendingSubmission, type SubmissionReply } from './domain/submission.js';
import type { SubmitResponseDto, SurveyFormDto } from './dto/response.dto.js';
import { openReply, sealReply } from './domain/sealed-reply.js';
import { SurveyReceiptEntity } from './entities/survey-receipt.entity.js';
import { SurveyLinks } from './survey-links.js';
import { SurveysProblems } from './surveys.errors.js';

/** How long a retry gets the first reply; after that the receipt is purged. */
const RECEIPT_TTL_MS = 24 * 3_600_000;

/** A link as reading and answering it need it: invitation, round, survey, tenant calendar, the invitee's segment. */
interface SurveyLink {
  id: string;
  locale: string;
  responded_on: string | null;
  closes_at: Date;
  closed_at: Date | null;
  questions: AskedQuestion[];
  round_number: number;
  survey_name: string;
  anonymity_threshold: number;
  timezone: string;
  unit_id: string | null;
  stage: Stage;
  location: string | null;
  employment_type: EmploymentType | null;
  referral_hire: boolean;
  start_date: string | null;
}

/**
 * The apply statement: every write hangs off `response`, which is empty when the receipt is no
 * longer pending (applied already) or the response exists, so nothing is written twice. Rollups
 * are upserted in question order, so concurrent submissions lock rows in one order.
 */
const APPLY_SQL = `
  WITH receipt AS (
    SELECT round_id FROM survey_receipts WHERE tenant_id = $1 AND key_hash = $2 AND pending IS NOT NULL FOR UPDATE
  ), response AS (
    INSERT INTO survey_responses (tenant_id, id, round_id, submitted_on, unit_id, tenure_phase, stage, location, employment_type, referral_hire, locale, reply_key_hash)
    SELECT $1, $3, round_id, $4, $5, $6, $7, $8, $14, $15, $9, $10 FROM receipt
    ON CONFLICT (tenant_id, id) DO NOTHING
    RETURNING round_id
  ), answers AS (
    INSERT INTO survey_answers (tenant_id, response_id, question_id, value, choices, text)
    SELECT $1, $3, a.question_id, a.value, a.choices, a.text
    FROM response, jsonb_to_recordset($11::jsonb) AS a(question_id uuid, value smallint, choices smallint[], text text)
  ), segment AS (
    INSERT INTO survey_segment_counts (tenant_id, round_id, segment_key, unit_id, tenure_phase, stage, location, employment_type, referral_hire, respondents)
    SELECT $1, round_id, $12, $5, $6, $7, $8, $14, $15, 1 FROM response
    ON CONFLICT (tenant_id, round_id, segment_key) DO UPDATE SET respondents = survey_segment_counts.respondents + 1
    RETURNING segment_key
  ), rollups AS (
    INSERT INTO survey_rollups (tenant_id, round_id, segment_key, question_id, answered, total, histogram)
    SELECT $1, response.round_id, segment.segment_key, r.question_id, 1, r.total, r.histogram
    FROM response, segment, jsonb_to_recordset($13::jsonb) AS r(question_id uuid, total integer, histogram integer[])
    ORDER BY r.question_id
    ON CONFLICT (tenant_id, round_id, segment_key, question_id) DO UPDATE SET
      answered = survey_rollups.answered + 1,
      total = survey_rollups.total + excluded.total,
      histogram = ARRAY(
        SELECT coalesce(a, 0) + coalesce(b, 0)
        FROM unnest(survey_rollups.histogram, excluded.histogram) WITH ORDINALITY AS h(a, b, i) ORDER BY i
      )
  ), emptied AS (
    UPDATE survey_receipts SET pending = NULL WHERE tenant_id = $1 AND key_hash = $2 AND EXISTS (SELECT 1 FROM receipt)
  )
  SELECT round_id FROM response`;

function applyParams(tenantId: string, keyHash: string, pending: PendingSubmission): unknown[] {
  const { segment } = pending;
  const answers = [...pending.answers].sort((a, b) => a.questionId.localeCompare(b.questionId));
  const scored = answers.filter((a) => a.value !== null || a.choices !== null);
  return [
    tenantId,
    keyHash,
    pending.responseId,
    pending.submittedOn,
    segment.unitId,
    segment.tenurePhase,
    segment.stage,
    segment.location,
    pending.locale,
    pending.replyKeyHash,
    JSON.stringify(answers.map((a) => ({ question_id: a.questionId, value: a.value, choices: a.choices && `{${a.choices.join(',')}}`, text: a.text }))),
    segmentKey(segment),
    JSON.stringify(scored.map((a) => ({ question_id: a.questionId, total: a.value ?? 0, histogram: `{${histogram(a).join(',')}}` }))),
    segment.employmentType ?? null,
    segment.referralHire ?? null,
  ];
}

/**
 * The public side of a survey link: read the questions, submit once. See docs/surveys.md
 * ("Answering") for why a submission is two transactions and what a receipt holds.
 */
@Injectable()
export class ResponsesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly links: SurveyLinks,
    private readonly comments: CommentsService,
  ) {}

  async form(token: string, locale?: string): Promise<SurveyFormDto> {
    return this.links.inTenantOf(token, linkNotFound, async () => {
      const invitation = await this.openLink(token);
      if (invitation.responded_on) throw linkUsed();
      const wanted = locale ?? invitation.locale;
      return {
        surveyName: invitation.survey_name,
        roundNumber: invitation.round_number,
        closesAt: invitation.closes_at.toISOString(),
        locale: wanted,
        anonymity:
          `Your answers are anonymous: they are stored without your name or this link, and results are shown ` +
          `only for groups of at least ${invitation.anonymity_threshold} people.`,
        anonymityThreshold: invitation.anonymity_threshold,
        questions: invitation.questions.map((question) => formQuestion(question, wanted)),
      };
    });
  }

  /**
   * Three round trips: read the link (with what the segment snapshot needs), claim it together
   * with the receipt in one statement, and apply the answers in another (see {@link apply}). Each
   * statement is its own transaction: the claim and the response are never written together.
   * `now` dates the response (its day and the invitee's tenure phase then); the routes never pass
   * it, the demo loader does, to answer back-dated rounds (docs/demo.md). The round must be open
   * by the real clock either way.
   */
  async submit(token: string, dto: SubmitResponseDto, now = new Date()): Promise<SubmissionReply> {
    return this.links.inTenantOf(token, linkNotFound, async (tenantId) => {
      const keyHash = receiptKey(token, dto);
      const link = await this.openLink(token);
      if (link.responded_on) return this.replayOrRefuse(tenantId, keyHash, token, dto.submissionId);
      const checked = checkAnswers(link.questions, dto.answers);
      if (checked.problems.length > 0) throw validationFailed(checked.problems);

      const submittedOn = localDate(now, link.timezone);
      const replyKey = randomBytes(24).toString('base64url');
      const pending: PendingSubmission = {
        responseId: randomUUID(),
        submittedOn,
        locale: link.locale,
        segment: {
          unitId: link.unit_id,
          stage: link.stage,
          location: link.location,
          tenurePhase: tenurePhase(link.stage, link.start_date, submittedOn),
          employmentType: link.employment_type,
          referralHire: link.referral_hire,
        },
        answers: checked.answers,
        replyKeyHash: sha256(replyKey),
      };
      const reply: SubmissionReply = { status: 'submitted', submittedOn, replyKey };
      // The claim: only an unanswered link of an open round is marked, and only then is the receipt
      // written. Of two concurrent claims, the second finds the link answered and gets nothing back.
      const claimed: unknown[] = await this.dataSource.query(
        `WITH claimed AS (
           UPDATE survey_invitations i SET responded_on = $3
           FROM survey_rounds r
           WHERE i.tenant_id = $1 AND i.id = $2 AND i.responded_on IS NULL
             AND r.tenant_id = i.tenant_id AND r.id = i.round_id AND r.closed_at IS NULL AND r.closes_at > now()
           RETURNING i.round_id
         )
         INSERT INTO survey_receipts (tenant_id, key_hash, round_id, pending, reply, expires_at)
         SELECT $1, $4, round_id, $5::jsonb, $6::jsonb, $7 FROM claimed
         RETURNING key_hash`,
        [tenantId, link.id, submittedOn, keyHash, JSON.stringify(pending), JSON.stringify(sealReply(reply, token, dto.submissionId)), receiptExpiry()],
      );
      if (claimed.length === 0) return this.replayOrRefuse(tenantId, keyHash, token, dto.submissionId);
      await this.apply(tenantId, keyHash, pending);
      return reply;
    });
  }

  /** A used link: the first reply again when this is a retry of that submission, else 409. */
  private async replayOrRefuse(tenantId: string, keyHash: string, token: string, submissionId: string): Promise<SubmissionReply> {
    const receipt = await this.dataSource.manager.findOneBy(SurveyReceiptEntity, { tenantId, keyHash });
    if (!receipt) throw linkUsed();
    await this.finish(tenantId, receipt);
    return openReply(receipt.reply, token, submissionId);
  }

  /** The link of a token with everything reading and answering it needs; 404 for unknown links, 410 once its round has closed. */
  private async openLink(token: string): Promise<SurveyLink> {
    const tenantId = this.links.tenantOf(token);
    if (!tenantId) throw linkNotFound();
    const rows: SurveyLink[] = await this.dataSource.query(
      `SELECT i.id, i.locale, i.responded_on, r.closes_at, r.closed_at, r.questions, r.number AS round_number,
              s.name AS survey_name, GREATEST(s.anonymity_threshold, t.anonymity_threshold) AS anonymity_threshold, t.timezone,
              e.unit_id, e.stage, e.location, e.employment_type, e.referred_by_id IS NOT NULL AS referral_hire,
              to_char(e.start_date, 'YYYY-MM-DD') AS start_date
       FROM survey_invitations i
       JOIN survey_rounds r ON r.tenant_id = i.tenant_id AND r.id = i.round_id
       JOIN surveys s ON s.tenant_id = r.tenant_id AND s.id = r.survey_id
       JOIN tenants t ON t.id = i.tenant_id
       JOIN employees e ON e.tenant_id = i.tenant_id AND e.id = i.employee_id
       WHERE i.tenant_id = $1 AND i.token_hash = $2`,
      [tenantId, SurveyLinks.hash(token)],
    );
    const link = rows[0];
    if (!link) throw linkNotFound();
    if (link.closed_at || link.closes_at.getTime() <= Date.now()) throw roundClosed(link.closes_at);
    return link;
  }

  /**
   * Housekeeping: applies receipts still pending well after their claim (the process died between
   * the two transactions; a retry by the respondent applies them at once), then deletes expired
   * receipts. A receipt's expiry is rounded to the hour, so "well after" means one to sixty minutes.
   */
  sweepReceipts(now = new Date()): Promise<{ recovered: number; purged: number }> {
    return asSystem('survey receipts of every tenant', async () => {
      const stuck: SurveyReceiptEntity[] = await this.dataSource.manager
        .createQueryBuilder(SurveyReceiptEntity, 'r')
        .where('r.pending IS NOT NULL AND r.expires_at < :cutoff', { cutoff: new Date(now.getTime() + RECEIPT_TTL_MS - 60_000) })
        .limit(500)
        .getMany();
      for (const receipt of stuck) await this.finish(receipt.tenantId, receipt);
      const purged: unknown[] = await this.dataSource.query(
        `WITH purged AS (DELETE FROM survey_receipts WHERE expires_at <= $1 AND pending IS NULL RETURNING key_hash) SELECT key_hash FROM purged`,
        [now],
      );
      return { recovered: stuck.length, purged: purged.length };
    });
  }

  /** Applies a receipt's answers if that has not happened yet (the process died between the transactions). */
  private async finish(tenantId: string, receipt: SurveyReceiptEntity): Promise<void> {
    if (receipt.pending) await this.apply(tenantId, receipt.keyHash, receipt.pending);
  }

  /**
   * The second transaction: writes the response, its answers, the segment count and the rollups,
   * and empties the receipt, in one statement. Free-text answers also become comments (sentiment,
   * watch lists) in the same transaction. Applying twice is harmless: the receipt is locked and
   * must still be pending, and the response id is fixed by the claim.
   */
  private async apply(tenantId: string, keyHash: string, pending: PendingSubmission): Promise<void> {
    const hasText = pending.answers.some((answer) => answer.text !== null);
    const write = async (manager: EntityManager) => {
      const applied: { round_id: string }[] = await manager.query(APPLY_SQL, applyParams(tenantId, keyHash, pending));
      if (applied[0] && hasText) await this.comments.record(manager, tenantId, applied[0].round_id, pending);
    };
    // A single statement is a transaction of its own; comments add statements, so they get one.
    if (hasText) await this.dataSource.transaction(write);
    else await write(this.dataSource.manager);
  }
}

/** Counts per value: index v holds 1 when v was answered (or chosen). */
function histogram(answer: Answer): number[] {
  const values = answer.choices ?? [answer.value!];
  const counts = new Array<number>(Math.max(...values) + 1).fill(0);
  for (const value of values) counts[value] = 1;
  return counts;
}

/** SHA-256 of the token, the client's submission id and the answers: what identifies a retry. */
function receiptKey(token: string, dto: SubmitResponseDto): string {
  const answers = [...dto.answers]
    .map(({ questionId, value, choices, text }) => ({ questionId, value: value ?? null, choices: choices ?? null, text: text ?? null }))
    .sort((a, b) => a.questionId.localeCompare(b.questionId));
  return sha256(`${token}\n${dto.submissionId}\n${JSON.stringify(answers)}`);
}

/**
 * When a receipt expires: a day on, rounded up to the hour, so that its expiry does not carry the
 * claim's exact time.
 */
function receiptExpiry(): Date {
  const hour = 3_600_000;
  return new Date(Math.ceil((Date.now() + RECEIPT_TTL_MS) / hour) * hour);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function linkNotFound(): DomainError {
  return new DomainError(SurveysProblems.linkNotFound, 'This survey link is not valid. Check that it was copied whole.');
}

function roundClosed(closesAt: Date): DomainError {
  return new DomainError(SurveysProblems.roundClosed, `This survey closed on ${closesAt.toISOString().slice(0, 10)}; answers are no longer taken.`);
}

function linkUsed(): DomainError {
  return new DomainError(SurveysProblems.linkUsed, 'Answers were already sent with this link; each link answers once.');
}
