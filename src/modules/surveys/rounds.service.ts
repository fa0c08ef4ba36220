import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { DomainError } from '#src/common/errors/domain-error.js';
import { DEFAULT_PAGE_SIZE, decodeCursor, toPage, type Page, type PageQueryDto } from '#src/common/pagination/pagination.js';
import { localDate, tenurePhaseSql } from '#src/modules/employees/domain/tenure-phase.js';
import { DomainEventsRepository } from '#src/modules/events/domain-events.repository.js';
import type { AskedQuestion } from './domain/questions.js';
import { nextRoundAt, pulseSelection } from './domain/surveys.js';
import type { InvitationDto, RoundDto } from './dto/round.dto.js';
import { SurveyQuestionEntity } from './entities/survey-question.entity.js';
import { SurveyRoundEntity } from './entities/survey-round.entity.js';
import { SurveyEntity } from './entities/survey.entity.js';
import { SurveyLinks } from './survey-links.js';
import { SurveysProblems } from './surveys.errors.js';
import { subtreeSql } from '#src/modules/units/unit-tree.js';
import { asSystem } from '#src/common/tenancy/tenant-scope.js';

export const SURVEY_INVITED_EVENT = 'survey.invited';
export const SURVEY_REMINDER_EVENT = 'survey.reminder';
const DAY_MS = 86_400_000;

/** Opening and closing rounds, and the invitations (personal links) of each. */
@Injectable()
export class RoundsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly links: SurveyLinks,
    private readonly events: DomainEventsRepository,
  ) {}

  /**
   * Opens the next round now: freezes the questions it asks, invites the audience as it stands
   * today, and locks the survey's thresholds. Refused while another round of the survey is open,
   * and when nobody matches the audience.
   */
  open(tenantId: string, surveyId: string, now = new Date()): Promise<RoundDto> {
    return this.dataSource.transaction((manager) => this.openIn(manager, tenantId, surveyId, now));
  }

  /** {@link open} inside the caller's transaction (the scheduler's). */
  async openIn(manager: EntityManager, tenantId: string, surveyId: string, now = new Date()): Promise<RoundDto> {
    {
      const survey = await lockSurvey(manager, tenantId, surveyId);
      if (survey.archivedAt) throw new DomainError(SurveysProblems.archived, 'An archived survey opens no rounds; restore it first.');
      const open = await manager.findOneBy(SurveyRoundEntity, { tenantId, surveyId, closedAt: IsNull() });
      if (open) {
        throw new DomainError(SurveysProblems.roundOpen, `Round ${open.number} is open until ${open.closesAt.toISOString()}; close it first.`, {
          roundId: open.id,
        });
      }
      const round = await this.insertRound(manager, survey, now, null);
      const invited = await this.inviteAudience(manager, survey, round, now);
      if (invited === 0) throw new DomainError(SurveysProblems.emptyAudience, 'Nobody matches this survey’s audience today; nothing was opened.');
      await manager.update(SurveyRoundEntity, { tenantId, id: round.id }, { invitedCount: invited });
      await manager.update(
        SurveyEntity,
        { tenantId, id: surveyId },
        {
          thresholdsLockedAt: survey.thresholdsLockedAt ?? now,
          nextRoundAt: survey.cadence ? nextRoundAt(survey.cadence, now) : null,
        },
      );
      return toRoundDto({ ...round, invitedCount: invited });
    }
  }

  /**
   * Sends each open round's one reminder, half-way through its window, to everyone invited who has
   * not answered: a `survey.reminder` event per person, with their link. Claimed with
   * `reminded_at`, so a round is reminded once whatever the number of instances. Returns how many
   * reminders were recorded.
   */
  remindDue(now = new Date()): Promise<number> {
    return asSystem('survey reminders of every tenant', () =>
      this.dataSource.transaction(async (manager) => {
        const rounds: { tenant_id: string; id: string; survey_id: string; closes_at: Date; name: string }[] = await manager.query(
          `WITH due AS (
             UPDATE survey_rounds r SET reminded_at = $1
             FROM surveys s
             WHERE s.tenant_id = r.tenant_id AND s.id = r.survey_id
               AND r.closed_at IS NULL AND r.reminded_at IS NULL AND r.period IS NULL
               AND r.closes_at > $1 AND r.opened_at + (r.closes_at - r.opened_at) / 2 <= $1
             RETURNING r.tenant_id, r.id, r.survey_id, r.closes_at, s.name
           )
           -- A top-level SELECT, so the rows come back as rows (TypeORM wraps a bare UPDATE's result).
           SELECT * FROM due`,
          [now],
        );
        let reminded = 0;
        for (const round of rounds) {
          const pending: { id: string; employee_id: string }[] = await manager.query(
            `SELECT id, employee_id FROM survey_invitations WHERE tenant_id = $1 AND round_id = $2 AND responded_on IS NULL`,
            [round.tenant_id, round.id],
          );
          await this.events.record(
            manager,
            round.tenant_id,
            pending.map((invitation) => ({
              type: SURVEY_REMINDER_EVENT,
              subjectId: invitation.employee_id,
              payload: {
                surveyId: round.survey_id,
                surveyName: round.name,
                roundId: round.id,
                closesAt: round.closes_at.toISOString(),
                path: SurveyLinks.path(this.links.tokenFor(round.tenant_id, invitation.id)),
              },
              occurredAt: now,
            })),
          );
          reminded += pending.length;
        }
        return reminded;
      }),
    );
  }

  /** Closes an open round now (a closed round stays closed: closing again changes nothing). */
  async close(tenantId: string, surveyId: string, roundId: string, now = new Date()): Promise<RoundDto> {
    const round = await this.requireRound(tenantId, surveyId, roundId);
    if (!round.closedAt) {
      await this.dataSource.manager.update(SurveyRoundEntity, { tenantId, id: roundId, closedAt: IsNull() }, { closedAt: now });
    }
    return toRoundDto(await this.requireRound(tenantId, surveyId, roundId));
  }

  async list(tenantId: string, surveyId: string, query: PageQueryDto): Promise<Page<RoundDto>> {
    await requireSurvey(this.dataSource.manager, tenantId, surveyId);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const q = this.dataSource.manager
      .createQueryBuilder(SurveyRoundEntity, 'r')
      .where('r.tenant_id = :tenantId AND r.survey_id = :surveyId', { tenantId, surveyId });
    if (query.cursor) q.andWhere('r.number < :number', { number: Number(decodeCursor(query.cursor).value) });
    const rows = await q.orderBy('r.number', 'DESC').limit(limit + 1).getMany();
    const page = toPage(rows, limit, (row) => ({ value: String(row.number), id: row.id }));
    return { items: page.items.map(toRoundDto), nextCursor: page.nextCursor };
  }

  /** The round's personal links, in employee order, for HR to hand out. */
  async invitations(tenantId: string, surveyId: string, roundId: string, query: PageQueryDto): Promise<Page<InvitationDto>> {
    await this.requireRound(tenantId, surveyId, roundId);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = query.cursor ? decodeCursor(query.cursor).id : null;
    const rows: { id: string; employee_id: string; name: string; unit_id: string | null; locale: string }[] = await this.dataSource.query(
      `SELECT i.id, i.employee_id, e.first_name || ' ' || e.last_name AS name, i.unit_id, i.locale
       FROM survey_invitations i JOIN employees e ON e.tenant_id = i.tenant_id AND e.id = i.employee_id
       WHERE i.tenant_id = $1 AND i.round_id = $2 AND ($3::uuid IS NULL OR i.employee_id > $3)
       ORDER BY i.employee_id LIMIT $4`,
      [tenantId, roundId, after, limit + 1],
    );
    const page = toPage(rows, limit, (row) => ({ value: '', id: row.employee_id }));
    return {
      items: page.items.map((row) => {
        const token = this.links.tokenFor(tenantId, row.id);
        return { id: row.id, employeeId: row.employee_id, employeeName: row.name, unitId: row.unit_id, locale: row.locale, token, path: SurveyLinks.path(token) };
      }),
      nextCursor: page.nextCursor,
    };
  }

  /**
   * Lifecycle surveys: invites one employee into the survey's round of the current month (opened
   * on first use), so lifecycle results group by month. Inviting someone twice into one round
   * does nothing. Returns the invitation's round, or null when they were already invited.
   */
  async inviteOne(manager: EntityManager, tenantId: string, surveyId: string, employeeId: string, now = new Date()): Promise<{ roundId: string; invited: boolean }> {
    const survey = await lockSurvey(manager, tenantId, surveyId);
    if (survey.archivedAt) throw new DomainError(SurveysProblems.archived, 'An archived survey invites nobody.');
    const settings = await tenantSettings(manager, tenantId);
    const period = localDate(now, settings.timezone).slice(0, 7);
    const round =
      (await manager.findOneBy(SurveyRoundEntity, { tenantId, surveyId, period })) ??
      (await this.insertRound(manager, survey, now, period));
    const ids = await this.insertInvitations(manager, tenantId, round.id, settings.locale, `e.id = $3`, [employeeId]);
    if (ids.length > 0) {
      await manager.increment(SurveyRoundEntity, { tenantId, id: round.id }, 'invitedCount', ids.length);
      if (!survey.thresholdsLockedAt) await manager.update(SurveyEntity, { tenantId, id: surveyId }, { thresholdsLockedAt: now });
      await this.recordInvited(manager, tenantId, survey, round, ids, now);
    }
    return { roundId: round.id, invited: ids.length > 0 };
  }

  private async insertRound(manager: EntityManager, survey: SurveyEntity, now: Date, period: string | null): Promise<SurveyRoundEntity> {
    const [{ next }] = (await manager.query(
      `SELECT coalesce(max(number), 0) + 1 AS next FROM survey_rounds WHERE tenant_id = $1 AND survey_id = $2`,
      [survey.tenantId, survey.id],
    )) as [{ next: number }];
    const questions = await frozenQuestions(manager, survey, next);
    // A lifecycle round gathers a whole month, whatever the window of each invitation.
    const closesAt = period ? endOfMonthAfter(now) : new Date(now.getTime() + survey.windowDays * DAY_MS);
    const values = {
      tenantId: survey.tenantId,
      id: randomUUID(),
      surveyId: survey.id,
      number: next,
      period,
      openedAt: now,
      closesAt,
      closedAt: null,
      questions,
      invitedCount: 0,
      remindedAt: null,
    };
    await manager.insert(SurveyRoundEntity, values);
    return { ...values, createdAt: now };
  }

  /** Invites everyone matching the audience today; returns how many. */
  private async inviteAudience(manager: EntityManager, survey: SurveyEntity, round: SurveyRoundEntity, now: Date): Promise<number> {
    const settings = await tenantSettings(manager, survey.tenantId);
    const today = localDate(now, settings.timezone);
    const { unitIds, stages, tenurePhases, locations } = survey.audience;
    const ids = await this.insertInvitations(
      manager,
      survey.tenantId,
      round.id,
      settings.locale,
      `e.stage = ANY($3::text[])
       AND (cardinality($4::uuid[]) = 0 OR e.unit_id IN (
             ${subtreeSql('$1', 'ANY($4::uuid[])')} SELECT id FROM subtree))
       AND (cardinality($5::text[]) = 0 OR e.location = ANY($5::text[]))
       AND (cardinality($6::text[]) = 0 OR (${tenurePhaseSql('$7')}) = ANY($6::text[]))`,
      [stages, unitIds, locations, tenurePhases, today],
    );
    await this.recordInvited(manager, survey.tenantId, survey, round, ids, now);
    return ids.length;
  }

  /**
   * Inserts one invitation per employee matching `where` (SQL over employees `e`; parameters from
   * `$3`), each with the hash of its link token. Returns the new invitations' ids and employees.
   */
  private async insertInvitations(
    manager: EntityManager,
    tenantId: string,
    roundId: string,
    locale: string,
    where: string,
    params: unknown[],
  ): Promise<{ id: string; employeeId: string }[]> {
    const employees: { id: string; unit_id: string | null }[] = await manager.query(
      `SELECT e.id, e.unit_id FROM employees e
       WHERE e.tenant_id = $1 AND NOT EXISTS (
         SELECT 1 FROM survey_invitations i WHERE i.tenant_id = $1 AND i.round_id = $2 AND i.employee_id = e.id
       ) AND ${where}
       ORDER BY e.id`,
      [tenantId, roundId, ...params],
    );
    if (employees.length === 0) return [];
    const ids = employees.map(() => randomUUID());
    await manager.query(
      `INSERT INTO survey_invitations (tenant_id, id, round_id, employee_id, unit_id, locale, token_hash, responded_on, created_at)
       SELECT $1, i.id, $2, i.employee_id, i.unit_id, $3, i.token_hash, NULL, now()
       FROM unnest($4::uuid[], $5::uuid[], $6::uuid[], $7::text[]) AS i(id, employee_id, unit_id, token_hash)`,
      [
        tenantId,
        roundId,
        locale,
        ids,
        employees.map((e) => e.id),
        employees.map((e) => e.unit_id),
        ids.map((id) => SurveyLinks.hash(this.links.tokenFor(tenantId, id))),
      ],
    );
    return ids.map((id, i) => ({ id, employeeId: employees[i]!.id }));
  }

  /** One `survey.invited` event per invitation, carrying the link, for whatever delivers invitations (webhooks). */
  private async recordInvited(
    manager: EntityManager,
    tenantId: string,
    survey: SurveyEntity,
    round: SurveyRoundEntity,
    invitations: { id: string; employeeId: string }[],
    now: Date,
  ): Promise<void> {
    await this.events.record(
      manager,
      tenantId,
      invitations.map(({ id, employeeId }) => ({
        type: SURVEY_INVITED_EVENT,
        subjectId: employeeId,
        payload: {
          surveyId: survey.id,
          surveyName: survey.name,
          roundId: round.id,
          closesAt: round.closesAt.toISOString(),
          path: SurveyLinks.path(this.links.tokenFor(tenantId, id)),
        },
        occurredAt: now,
      })),
    );
  }

  async requireRound(tenantId: string, surveyId: string, roundId: string): Promise<SurveyRoundEntity> {
    const round = await this.dataSource.manager.findOneBy(SurveyRoundEntity, { tenantId, surveyId, id: roundId });
    if (!round) throw new DomainError(SurveysProblems.roundNotFound, `No round ${roundId} in survey ${surveyId}.`);
    return round;
  }
}

/**
 * The tenant's calendar and language, read through the transaction's own connection: a second
 * connection taken while this one is held could wait forever once the pool is busy.
 */
async function tenantSettings(manager: EntityManager, tenantId: string): Promise<{ timezone: string; locale: string }> {
  const rows: { timezone: string; locale: string }[] = await manager.query(`SELECT timezone, locale FROM tenants WHERE id = $1`, [tenantId]);
  return rows[0]!;
}

async function requireSurvey(manager: EntityManager, tenantId: string, surveyId: string): Promise<SurveyEntity> {
  const survey = await manager.findOneBy(SurveyEntity, { tenantId, id: surveyId });
  if (!survey) throw new DomainError(SurveysProblems.notFound, `No survey ${surveyId}.`);
  return survey;
}

/** The survey, row-locked for the transaction: rounds of one survey open one at a time. */
async function lockSurvey(manager: EntityManager, tenantId: string, surveyId: string): Promise<SurveyEntity> {
  const survey = await manager
    .createQueryBuilder(SurveyEntity, 's')
    .setLock('pessimistic_write')
    .where('s.tenant_id = :tenantId AND s.id = :surveyId', { tenantId, surveyId })
    .getOne();
  if (!survey) throw new DomainError(SurveysProblems.notFound, `No survey ${surveyId}.`);
  return survey;
}

/** The questions round `number` asks, copied from the bank as they read now. */
async function frozenQuestions(manager: EntityManager, survey: SurveyEntity, number: number): Promise<AskedQuestion[]> {
  const rows = await manager.findBy(SurveyQuestionEntity, { tenantId: survey.tenantId });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const chosen: AskedQuestion[] = survey.questionIds
    .map((id) => byId.get(id))
    .filter((row): row is SurveyQuestionEntity => row !== undefined)
    .map((row) => ({ id: row.id, driverKey: row.driverKey, type: row.type, texts: row.texts, options: row.options }));
  return survey.kind === 'pulse' ? pulseSelection(chosen, survey.questionsPerRound, number) : chosen;
}

/** Midnight UTC after the last day of `now`'s month. */
function endOfMonthAfter(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
}

export function toRoundDto(round: Omit<SurveyRoundEntity, 'survey'>): RoundDto {
  return {
    id: round.id,
    surveyId: round.surveyId,
    number: round.number,
    period: round.period,
    status: round.closedAt || round.closesAt.getTime() <= Date.now() ? 'closed' : 'open',
    openedAt: round.openedAt.toISOString(),
    closesAt: round.closesAt.toISOString(),
    closedAt: round.closedAt?.toISOString() ?? null,
    invited: round.invitedCount,
    questions: round.questions.map((q) => ({ id: q.id, driverKey: q.driverKey, type: q.type, text: q.texts.en ?? Object.values(q.texts)[0]! })),
  };
}
