import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError } from '#src/common/errors/domain-error.js';
import { validationFailed } from '#src/common/http/validation.js';
import { localDate, tenurePhase } from '#src/modules/employees/domain/tenure-phase.js';
import type { Stage } from '#src/modules/employees/domain/journey.js';
import { CommentsService } from './comments.service.js';
import { localize, valueRange, type AskedQuestion } from './domain/questions.js';
import { checkAnswers, segmentKey, type Answer, type PendingSubmission, type SubmissionReply } from './domain/submission.js';
import type { SubmitResponseDto, SurveyFormDto } from './dto/response.dto.js';
import { SurveyReceiptEntity } from './entities/survey-receipt.entity.js';
import { SurveyLinks } from './survey-links.js';
import { SurveysProblems } from './surveys.errors.js';

/** How long a retry gets the first reply; after that the receipt is purged. */
const RECEIPT_TTL_MS = 24 * 3_600_000;

interface InvitationRow {
  id: string;
  round_id: string;
  locale: string;
  responded_on: string | null;
  closes_at: Date;
  closed_at: Date | null;
  questions: AskedQuestion[];
  round_number: number;
  survey_name: string;
  anonymity_threshold: number;
  employee_id: string;
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
    const { invitation } = await this.findOpen(this.dataSource.manager, token);
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
      questions: invitation.questions.map((question) => {
        const text = localize(question.texts, wanted);
        return {
          id: question.id,
          type: question.type,
          driverKey: question.driverKey,
          text: text.text,
          locale: text.locale,
          options: question.options?.map((option) => localize(option.texts, wanted).text) ?? null,
          scale: question.type === 'likert5' || question.type === 'enps' ? valueRange(question) : null,
        };
      }),
    };
  }

  async submit(token: string, dto: SubmitResponseDto): Promise<SubmissionReply> {
    const tenantId = this.links.tenantOf(token);
    if (!tenantId) throw linkNotFound();
    const keyHash = receiptKey(token, dto);

    const earlier = await this.dataSource.manager.findOneBy(SurveyReceiptEntity, { tenantId, keyHash });
    if (earlier) return this.replay(tenantId, earlier);

    // Read before the transaction: taking a second connection while holding one can starve the pool.
    const tenant: { timezone: string }[] = await this.dataSource.query(`SELECT timezone FROM tenants WHERE id = $1`, [tenantId]);
    if (!tenant[0]) throw linkNotFound();
    const claimed = await this.dataSource.transaction((manager) => this.claim(manager, token, keyHash, dto, tenant[0]!.timezone));
    if ('replay' in claimed) return this.replay(tenantId, claimed.replay);
    // Written in a transaction of its own: nothing in the database ties the response to the claim.
    await this.dataSource.transaction((manager) => this.apply(manager, tenantId, keyHash, claimed.pending));
    return claimed.reply;
  }

  /**
   * Transaction 1: marks the invitation answered and stores the receipt with the pending answers.
   * A concurrent claim of the same link waits on the row lock and then sees it answered.
   */
  private async claim(
    manager: EntityManager,
    token: string,
    keyHash: string,
    dto: SubmitResponseDto,
    timezone: string,
  ): Promise<{ pending: PendingSubmission; reply: SubmissionReply } | { replay: SurveyReceiptEntity }> {
    const { tenantId, invitation } = await this.findOpen(manager, token, true);
    if (invitation.responded_on) {
      const receipt = await manager.findOneBy(SurveyReceiptEntity, { tenantId, keyHash });
      if (receipt) return { replay: receipt };
      throw linkUsed();
    }
    const checked = checkAnswers(invitation.questions, dto.answers);
    if (checked.problems.length > 0) throw validationFailed(checked.problems);

    const submittedOn = localDate(new Date(), timezone);
    const replyKey = randomBytes(24).toString('base64url');
    const pending: PendingSubmission = {
      responseId: randomUUID(),
      submittedOn,
      locale: invitation.locale,
      segment: await segmentOf(manager, tenantId, invitation.employee_id, submittedOn),
      answers: checked.answers,
      replyKeyHash: sha256(replyKey),
    };
    const reply: SubmissionReply = { status: 'submitted', submittedOn, replyKey };
    await manager.query(`UPDATE survey_invitations SET responded_on = $3 WHERE tenant_id = $1 AND id = $2`, [tenantId, invitation.id, submittedOn]);
    await manager.insert(SurveyReceiptEntity, {
      tenantId,
      keyHash,
      roundId: invitation.round_id,
      pending,
      reply,
      expiresAt: new Date(Date.now() + RECEIPT_TTL_MS),
    });
    return { pending, reply };
  }

  /**
   * Housekeeping: applies receipts still pending a minute after their claim (the process died
   * between the two transactions), then deletes expired receipts.
   */
  async sweepReceipts(now = new Date()): Promise<{ recovered: number; purged: number }> {
    const stuck: SurveyReceiptEntity[] = await this.dataSource.manager
      .createQueryBuilder(SurveyReceiptEntity, 'r')
      .where('r.pending IS NOT NULL AND r.expires_at < :cutoff', { cutoff: new Date(now.getTime() + RECEIPT_TTL_MS - 60_000) })
      .limit(500)
      .getMany();
    for (const receipt of stuck) await this.replay(receipt.tenantId, receipt);
    const purged: unknown[] = await this.dataSource.query(
      `WITH purged AS (DELETE FROM survey_receipts WHERE expires_at <= $1 AND pending IS NULL RETURNING key_hash) SELECT key_hash FROM purged`,
      [now],
    );
    return { recovered: stuck.length, purged: purged.length };
  }

  /** A retry: the first reply again, applying the answers first if that had not happened. */
  private async replay(tenantId: string, receipt: SurveyReceiptEntity): Promise<SubmissionReply> {
    if (receipt.pending) await this.dataSource.transaction((manager) => this.apply(manager, tenantId, receipt.keyHash, receipt.pending!));
    return receipt.reply;
  }

  /**
   * Transaction 2: writes the response, its answers, the rollups and the comments (free-text
   * answers, with their sentiment and watch-list flags), and empties the receipt.
   * Applying twice is harmless: the response id is fixed by the claim, and a second insert of it
   * changes nothing and skips the rollups.
   */
  private async apply(manager: EntityManager, tenantId: string, keyHash: string, pending: PendingSubmission): Promise<void> {
    const receipt: { round_id: string }[] = await manager.query(
      `SELECT round_id FROM survey_receipts WHERE tenant_id = $1 AND key_hash = $2 FOR UPDATE`,
      [tenantId, keyHash],
    );
    const roundId = receipt[0]?.round_id;
    if (!roundId) return;
    const { segment } = pending;
    const inserted: unknown[] = await manager.query(
      `INSERT INTO survey_responses (tenant_id, id, round_id, submitted_on, unit_id, tenure_phase, stage, location, locale, reply_key_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (tenant_id, id) DO NOTHING RETURNING id`,
      [tenantId, pending.responseId, roundId, pending.submittedOn, segment.unitId, segment.tenurePhase, segment.stage, segment.location, pending.locale, pending.replyKeyHash],
    );
    if (inserted.length > 0) {
      const answers = [...pending.answers].sort((a, b) => a.questionId.localeCompare(b.questionId));
      await manager.query(
        `INSERT INTO survey_answers (tenant_id, response_id, question_id, value, choices, text)
         SELECT $1, $2, a.question_id, a.value, a.choices, a.text
         FROM jsonb_to_recordset($3::jsonb) AS a(question_id uuid, value smallint, choices smallint[], text text)`,
        [tenantId, pending.responseId, JSON.stringify(answers.map((a) => ({ question_id: a.questionId, value: a.value, choices: a.choices && `{${a.choices.join(',')}}`, text: a.text })))],
      );
      await this.addToRollups(manager, tenantId, roundId, pending, answers);
      await this.comments.record(manager, tenantId, roundId, pending);
    }
    await manager.query(`UPDATE survey_receipts SET pending = NULL WHERE tenant_id = $1 AND key_hash = $2`, [tenantId, keyHash]);
  }

  /** Counts the respondent in their segment and each scored answer in its question's rollup. */
  private async addToRollups(manager: EntityManager, tenantId: string, roundId: string, pending: PendingSubmission, answers: Answer[]): Promise<void> {
    const key = segmentKey(pending.segment);
    const { unitId, tenurePhase: phase, stage, location } = pending.segment;
    await manager.query(
      `INSERT INTO survey_segment_counts (tenant_id, round_id, segment_key, unit_id, tenure_phase, stage, location, respondents)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 1)
       ON CONFLICT (tenant_id, round_id, segment_key) DO UPDATE SET respondents = survey_segment_counts.respondents + 1`,
      [tenantId, roundId, key, unitId, phase, stage, location],
    );
    const scored = answers.filter((a) => a.value !== null || a.choices !== null);
    if (scored.length === 0) return;
    await manager.query(
      `INSERT INTO survey_rollups (tenant_id, round_id, segment_key, question_id, answered, total, histogram)
       SELECT $1, $2, $3, r.question_id, 1, r.total, r.histogram
       FROM jsonb_to_recordset($4::jsonb) AS r(question_id uuid, total integer, histogram integer[])
       ORDER BY r.question_id
       ON CONFLICT (tenant_id, round_id, segment_key, question_id) DO UPDATE SET
         answered = survey_rollups.answered + 1,
         total = survey_rollups.total + excluded.total,
         histogram = ARRAY(
           SELECT coalesce(a, 0) + coalesce(b, 0)
           FROM unnest(survey_rollups.histogram, excluded.histogram) WITH ORDINALITY AS h(a, b, i) ORDER BY i
         )`,
      [tenantId, roundId, key, JSON.stringify(scored.map((a) => ({ question_id: a.questionId, total: a.value ?? 0, histogram: `{${histogram(a).join(',')}}` })))],
    );
  }

  /** The invitation of a token, with its round; 404 for unknown links, 410 once the round has closed. */
  private async findOpen(manager: EntityManager, token: string, lock = false): Promise<{ tenantId: string; invitation: InvitationRow }> {
    const tenantId = this.links.tenantOf(token);
    if (!tenantId) throw linkNotFound();
    const rows: InvitationRow[] = await manager.query(
      `SELECT i.id, i.round_id, i.locale, to_char(i.responded_on, 'YYYY-MM-DD') AS responded_on, i.employee_id,
              r.closes_at, r.closed_at, r.questions, r.number AS round_number, s.name AS survey_name, s.anonymity_threshold
       FROM survey_invitations i
       JOIN survey_rounds r ON r.tenant_id = i.tenant_id AND r.id = i.round_id
       JOIN surveys s ON s.tenant_id = r.tenant_id AND s.id = r.survey_id
       WHERE i.tenant_id = $1 AND i.token_hash = $2
       ${lock ? 'FOR UPDATE OF i' : ''}`,
      [tenantId, SurveyLinks.hash(token)],
    );
    const invitation = rows[0];
    if (!invitation) throw linkNotFound();
    if (invitation.closed_at || invitation.closes_at.getTime() <= Date.now()) {
      throw new DomainError(SurveysProblems.roundClosed, `This survey closed on ${invitation.closes_at.toISOString().slice(0, 10)}; answers are no longer taken.`);
    }
    return { tenantId, invitation };
  }
}

/** Where the respondent stands today: their unit, tenure phase, stage and location, nothing else. */
async function segmentOf(manager: EntityManager, tenantId: string, employeeId: string, today: string): Promise<PendingSubmission['segment']> {
  const rows: { unit_id: string | null; stage: Stage; location: string | null; start_date: string | null }[] = await manager.query(
    `SELECT unit_id, stage, location, to_char(start_date, 'YYYY-MM-DD') AS start_date FROM employees WHERE tenant_id = $1 AND id = $2`,
    [tenantId, employeeId],
  );
  const employee = rows[0]!;
  return { unitId: employee.unit_id, stage: employee.stage, location: employee.location, tenurePhase: tenurePhase(employee.stage, employee.start_date, today) };
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

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function linkNotFound(): DomainError {
  return new DomainError(SurveysProblems.linkNotFound, 'This survey link is not valid. Check that it was copied whole.');
}

function linkUsed(): DomainError {
  return new DomainError(SurveysProblems.linkUsed, 'Answers were already sent with this link; each link answers once.');
}
