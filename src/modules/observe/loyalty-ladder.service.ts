import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '#src/common/auth/principal.js';
import { addDays } from '#src/modules/checklists/domain/start.js';
import { addMonths, tenurePhaseSql } from '#src/modules/employees/domain/tenure-phase.js';
import type { ReportSegment } from '#src/modules/segments/domain/segment-filters.js';
import { toAppliedSegment } from '#src/modules/segments/dto/segment.dto.js';
import { segmentSql } from '#src/modules/segments/segment-sql.js';
import { SegmentsService } from '#src/modules/segments/segments.service.js';
import { ReportDatabase } from '#src/database/report-database.js';
import { reportScope } from '#src/modules/surveys/report-scope.js';
import { SurveyGroups } from '#src/modules/surveys/survey-groups.js';
import { UnitSurveyWindow, type PooledFigures } from '#src/modules/surveys/unit-survey-window.js';
import { isWithin } from '#src/modules/units/domain/unit-tree.js';
import { activeUnitIds, type UnitTree } from '#src/modules/units/unit-tree.js';
import type { LadderDto, LadderQueryDto, LadderRungsDto, UnitLadderDto } from './dto/ladder.dto.js';
import { roundTo } from '#src/analytics/rounding.js';

const DEFAULT_SNAKE_POINTS = 10;

/**
 * The ladder of loyalty per unit and month, aggregate only: detractors, passives and promoters
 * from eNPS answers (behind the anonymity guard, like every survey figure), advocates (referrals
 * the unit's people made, boomerang rehires), and the "snake": units whose promoter share fell by
 * more than a set number of points since the month before. Design: docs/observe.md.
 */
@Injectable()
export class LoyaltyLadderService {
  constructor(
    private readonly reports: ReportDatabase,
    private readonly groups: SurveyGroups,
    private readonly segments: SegmentsService,
  ) {}

  async ladder(principal: Principal, query: LadderQueryDto): Promise<LadderDto> {
    const { tenantId } = principal;
    const { tree, unitId, timezone, k } = await reportScope(this.reports.primary, this.groups, principal, query.unitId);
    const snakePoints = query.snakePoints ?? DEFAULT_SNAKE_POINTS;
    const first = `${query.period}-01`;
    const last = addDays(addMonths(first, 1), -1);
    const previousFirst = addMonths(first, -1);
    const segment = await this.segments.forReport(tenantId, query.segmentId);
    const inSegment = segment && { applied: segment, parents: tree.parents };
    const [now, before, advocates, active] = await Promise.all([
      UnitSurveyWindow.read(this.reports, tenantId, timezone, first, last, inSegment),
      UnitSurveyWindow.read(this.reports, tenantId, timezone, previousFirst, addDays(first, -1), inSegment),
      this.advocates(tenantId, first, last, timezone, segment, tree),
      activeUnitIds(this.reports, tenantId, tree, unitId),
    ]);
    const units = active;
    const within = (id: string, counts: Map<string, number>) => [...counts].reduce((sum, [unit, n]) => (isWithin(unit, id, tree.parents) ? sum + n : sum), 0);

    const rows = units.map((id): UnitLadderDto => {
      const rungs = rungsOf(now.pool(id, tree.parents, k));
      const previous = rungsOf(before.pool(id, tree.parents, k));
      const referrals = within(id, advocates.referrals);
      const boomerangs = within(id, advocates.boomerangs);
      const change = rungs && previous ? roundTo(rungs.promoterShare - previous.promoterShare, 1) : null;
      return {
        unitId: id,
        name: tree.names.get(id) ?? id,
        suppressed: rungs === null,
        rungs,
        referrals,
        boomerangs,
        advocates: referrals + boomerangs,
        promoterShareChange: change,
        snake: change !== null && -change > snakePoints,
      };
    });
    rows.sort((a, b) => Number(b.snake) - Number(a.snake) || (a.promoterShareChange ?? Infinity) - (b.promoterShareChange ?? Infinity) || a.name.localeCompare(b.name));
    return { period: query.period, previousPeriod: previousFirst.slice(0, 7), k, snakePoints, ...(segment ? { segment: toAppliedSegment(segment) } : {}), units: rows };
  }

  /**
   * Per unit: people the unit's people referred (added in the month), and rehires whose last unit
   * it was. With a segment, only referrers and rehires who match it now (their stage, location,
   * employment type and referral hire today, their tenure phase on the month's last day).
   */
  private async advocates(
    tenantId: string,
    from: string,
    to: string,
    timezone: string,
    segment: ReportSegment | null,
    tree: UnitTree,
  ): Promise<{ referrals: Map<string, number>; boomerangs: Map<string, number> }> {
    const window = (column: string) => `${column} >= ($2::date)::timestamp AT TIME ZONE $4 AND ${column} < ($3::date + 1)::timestamp AT TIME ZONE $4`;
    // One parameter list per query: each holds only the segment parameters its own SQL uses.
    const matching = (unit: string) => {
      const params: unknown[] = [tenantId, from, to, timezone];
      const where = segment
        ? segmentSql(segment.filters, tree.parents, params, {
            unit,
            stage: 'e.stage',
            tenurePhase: tenurePhaseSql('$3'),
            location: 'e.location',
            employmentType: 'e.employment_type',
            referralHire: '(e.referred_by_id IS NOT NULL)',
          })
        : 'TRUE';
      return { params, where };
    };
    const lastUnit = `coalesce((SELECT s.unit_id FROM separations s WHERE s.tenant_id = t.tenant_id AND s.employee_id = t.employee_id AND s.status = 'active'
                                ORDER BY s.last_working_day DESC LIMIT 1), e.unit_id)`;
    const referring = matching('e.unit_id');
    const returning = matching(lastUnit);
    const [referrals, boomerangs] = (await Promise.all([
      this.reports.query(
        `SELECT e.unit_id, count(*)::int AS n
         FROM employees hire JOIN employees e ON e.tenant_id = hire.tenant_id AND e.id = hire.referred_by_id
         WHERE hire.tenant_id = $1 AND ${window('hire.created_at')} AND e.unit_id IS NOT NULL AND ${referring.where}
         GROUP BY e.unit_id`,
        referring.params,
      ),
      this.reports.query(
        `SELECT ${lastUnit} AS unit_id, count(*)::int AS n
         FROM stage_transitions t JOIN employees e ON e.tenant_id = t.tenant_id AND e.id = t.employee_id
         WHERE t.tenant_id = $1 AND t.from_stage = 'depart' AND t.to_stage = 'attract' AND ${window('t.effective_at')} AND ${returning.where}
         GROUP BY 1`,
        returning.params,
      ),
    ])) as { unit_id: string | null; n: number }[][];
    const map = (rows: { unit_id: string | null; n: number }[]) => new Map(rows.filter((r) => r.unit_id !== null).map((r) => [r.unit_id!, r.n]));
    return { referrals: map(referrals!), boomerangs: map(boomerangs!) };
  }
}

function rungsOf(pool: PooledFigures): LadderRungsDto | null {
  const { answered, detractors, promoters } = pool.enps;
  if (pool.rounds === 0 || answered === 0) return null;
  return {
    respondents: answered,
    detractors,
    passives: answered - detractors - promoters,
    promoters,
    promoterShare: roundTo((100 * promoters) / answered, 1),
    enps: roundTo((100 * (promoters - detractors)) / answered, 1),
  };
}
