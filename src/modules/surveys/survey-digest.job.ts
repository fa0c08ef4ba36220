import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobScheduler } from '#src/common/jobs/job-scheduler.js';
import { localDate } from '#src/modules/employees/domain/tenure-phase.js';
import { DomainEventsRepository } from '#src/modules/events/domain-events.repository.js';
import { isoWeek } from './domain/iso-week.js';
import type { ParticipationDto, SuppressedDto } from './dto/results.dto.js';
import { ResultsService } from './results.service.js';
import { subtreeSql } from '#src/modules/units/unit-tree.js';
import { asSystem } from '#src/common/tenancy/tenant-scope.js';

export const SURVEY_DIGEST_EVENT = 'survey.digest';
/** Advisory-lock key: one digest pass at a time across instances. */
const DIGEST_LOCK = 7_274_100_030;
/** Surveys with a round opened this recently are in a digest. */
const RECENT_DAYS = 35;
/** Below this share of answers, an open round gets a nudge in the digest. */
const LOW_PARTICIPATION = 0.5;

/** One survey in a manager's weekly digest: only numbers the results would show them. */
export interface DigestSurvey {
  readonly surveyId: string;
  readonly name: string;
  readonly roundNumber: number;
  readonly open: boolean;
  readonly participation: ParticipationDto | SuppressedDto | null;
  /** The round is open and fewer than half have answered: worth a reminder in the team. */
  readonly nudge: boolean;
  readonly driverChanges: { key: string; mean: number; change: number | null }[];
  /** Text answers in the round, shown only when the unit's results are. */
  readonly comments: number | SuppressedDto;
}

/**
 * Once a week (in each tenant's time zone), a `survey.digest` event for each unit's manager:
 * participation, score changes, comments and overdue actions of their unit (with sub-units), and
 * a nudge when participation is low in an open round. Every number goes through the same
 * anonymity guard as the results. Hourly passes; one digest per unit and week whatever the
 * number of passes or instances (advisory lock + a check on the events already recorded).
 */
@Injectable()
export class SurveyDigestJob {
  constructor(
    scheduler: JobScheduler,
    private readonly dataSource: DataSource,
    private readonly results: ResultsService,
    private readonly events: DomainEventsRepository,
  ) {
    scheduler.every('survey-digest', 3_600_000, () => this.sendDue());
  }

  /** Records the digests not yet sent this week (as of `now`); returns how many. */
  sendDue(now = new Date()): Promise<number> {
    return asSystem('survey digests of every tenant', () =>
      this.dataSource.transaction(async (manager) => {
        await manager.query('SELECT pg_advisory_xact_lock($1)', [DIGEST_LOCK]);
        const units: { tenant_id: string; unit_id: string; manager_id: string; timezone: string }[] = await manager.query(
          `SELECT u.tenant_id, u.id AS unit_id, u.manager_id, t.timezone
           FROM units u JOIN tenants t ON t.id = u.tenant_id
           WHERE u.manager_id IS NOT NULL AND u.archived_at IS NULL
             AND EXISTS (SELECT 1 FROM surveys s WHERE s.tenant_id = u.tenant_id AND s.archived_at IS NULL)`,
        );
        let sent = 0;
        for (const unit of units) {
          const week = isoWeek(localDate(now, unit.timezone));
          const already: unknown[] = await manager.query(
            `SELECT 1 FROM domain_events WHERE tenant_id = $1 AND type = $2 AND payload->>'unitId' = $3 AND payload->>'week' = $4 LIMIT 1`,
            [unit.tenant_id, SURVEY_DIGEST_EVENT, unit.unit_id, week],
          );
          if (already.length > 0) continue;
          const surveys = await this.surveysFor(unit.tenant_id, unit.unit_id, now);
          if (surveys.length === 0) continue;
          const overdue: { n: number }[] = await manager.query(
            `${subtreeSql('$1', '$2')}
             SELECT count(*)::int AS n FROM survey_actions
             WHERE tenant_id = $1 AND unit_id IN (SELECT id FROM subtree) AND status <> 'done' AND due_on < $3::date`,
            [unit.tenant_id, unit.unit_id, localDate(now, unit.timezone)],
          );
          await this.events.record(manager, unit.tenant_id, [
            {
              type: SURVEY_DIGEST_EVENT,
              subjectId: unit.manager_id,
              payload: { unitId: unit.unit_id, week, surveys, overdueActions: overdue[0]!.n },
              occurredAt: now,
            },
          ]);
          sent += 1;
        }
        return sent;
      }),
    );
  }

  /** The unit's view of each survey with a round opened in the last weeks. */
  private async surveysFor(tenantId: string, unitId: string, now: Date): Promise<DigestSurvey[]> {
    const rounds: { survey_id: string; name: string; id: string; number: number; open: boolean }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (r.survey_id) r.survey_id, s.name, r.id, r.number, (r.closed_at IS NULL AND r.closes_at > $3) AS open
       FROM survey_rounds r JOIN surveys s ON s.tenant_id = r.tenant_id AND s.id = r.survey_id
       WHERE r.tenant_id = $1 AND s.archived_at IS NULL AND r.opened_at > $2 AND r.opened_at <= $3
       ORDER BY r.survey_id, r.number DESC`,
      [tenantId, new Date(now.getTime() - RECENT_DAYS * 86_400_000), now],
    );
    const digest: DigestSurvey[] = [];
    for (const round of rounds) {
      const results = await this.results.compute(tenantId, round.survey_id, { roundId: round.id, unitId });
      const participation = results.participation;
      const rate = participation && 'rate' in participation ? participation.rate : null;
      const shown = typeof results.respondents === 'number';
      digest.push({
        surveyId: round.survey_id,
        name: round.name,
        roundNumber: round.number,
        open: round.open,
        participation,
        nudge: round.open && rate !== null && rate < LOW_PARTICIPATION,
        driverChanges: results.drivers.filter((d) => d.mean !== undefined).map((d) => ({ key: d.key, mean: d.mean!, change: d.change ?? null })),
        comments: shown ? await this.countComments(tenantId, round.id, unitId) : { suppressed: true, reason: 'below_threshold' },
      });
    }
    return digest;
  }

  private async countComments(tenantId: string, roundId: string, unitId: string): Promise<number> {
    const rows: { n: number }[] = await this.dataSource.query(
      `${subtreeSql('$1', '$3')}
       SELECT count(*)::int AS n FROM survey_answers a
       JOIN survey_responses r ON r.tenant_id = a.tenant_id AND r.id = a.response_id
       WHERE a.tenant_id = $1 AND r.round_id = $2 AND a.text IS NOT NULL AND r.unit_id IN (SELECT id FROM subtree)`,
      [tenantId, roundId, unitId],
    );
    return rows[0]!.n;
  }
}
