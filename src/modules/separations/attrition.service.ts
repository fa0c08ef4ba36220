import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { matches, suppressInPartition, visibility, type SegmentCell, type UnitParents } from '#src/analytics/anonymity-guard.js';
import { attritionFigures, daysInclusive, tenurePhaseAtExit, type AttritionFigures, type ExitFact } from '#src/analytics/attrition.js';
import type { Principal } from '#src/common/auth/principal.js';
import { validationFailed } from '#src/common/http/validation.js';
import { tenurePhaseSql } from '#src/modules/employees/domain/tenure-phase.js';
import { headcountOn, STAFF_SEGMENT_COLUMNS } from '#src/modules/employees/headcount.js';
import type { ReportSegment } from '#src/modules/segments/domain/segment-filters.js';
import { toAppliedSegment } from '#src/modules/segments/dto/segment.dto.js';
import { segmentSql } from '#src/modules/segments/segment-sql.js';
import { SegmentsService } from '#src/modules/segments/segments.service.js';
import { SurveyGroups } from '#src/modules/surveys/survey-groups.js';
import type { Queryable } from '#src/modules/tenancy/tenant-calendar.js';
import { subtreeSql, type UnitTree } from '#src/modules/units/unit-tree.js';
import { ReportDatabase } from '#src/database/report-database.js';
import { reportScope } from '#src/modules/surveys/report-scope.js';
import type { AttritionFiguresDto, AttritionGroup, AttritionGroupDto, AttritionQueryDto, AttritionReportDto } from './dto/attrition.dto.js';

/** Longest period a report covers. */
export const MAX_REPORT_DAYS = 5 * 366;

/** A separation of the period, as the report reads it. */
export interface PeriodExit extends ExitFact {
  readonly unitId: string | null;
  readonly managerId: string | null;
  readonly interviewStatus: 'invited' | 'completed' | 'cancelled' | null;
  /** The leaver as they are now (a segment's location, employment type and referral hire). */
  readonly location: string | null;
  readonly employmentType: string | null;
  readonly referralHire: boolean;
}

/** How headcounts are grouped: by the unit or manager people had on the day, or by their tenure phase then. */
const HEADCOUNT_KEYS: Partial<Record<AttritionGroup, string>> = {
  unit: 'unit_id::text',
  manager: 'manager_id::text',
  tenure_phase: 'phase',
};

/** The period's active separations within a unit's subtree (by the unit they left), with their exit interview's status. */
export async function periodExits(db: Queryable, tenantId: string, unitId: string | null, from: string, to: string): Promise<PeriodExit[]> {
  const rows = (await db.query(
    `${subtreeSql('$1', '$2')}
     SELECT s.type, s.regrettable, s.primary_reason, s.secondary_reasons, to_char(s.start_date, 'YYYY-MM-DD') AS start_date,
            to_char(s.last_working_day, 'YYYY-MM-DD') AS last_working_day, s.alumni_opt_in, s.unit_id, s.manager_id, i.status AS interview_status,
            e.location, e.employment_type, e.referred_by_id IS NOT NULL AS referral_hire
     FROM separations s
     JOIN employees e ON e.tenant_id = s.tenant_id AND e.id = s.employee_id
     LEFT JOIN exit_interviews i ON i.tenant_id = s.tenant_id AND i.separation_id = s.id
     WHERE s.tenant_id = $1 AND s.status = 'active' AND s.last_working_day BETWEEN $3::date AND $4::date
       AND ($2::uuid IS NULL OR s.unit_id IN (SELECT id FROM subtree))`,
    [tenantId, unitId, from, to],
  )) as {
    type: ExitFact['type'];
    regrettable: boolean | null;
    primary_reason: string;
    secondary_reasons: string[];
    start_date: string | null;
    last_working_day: string;
    alumni_opt_in: boolean;
    unit_id: string | null;
    manager_id: string | null;
    interview_status: PeriodExit['interviewStatus'];
    location: string | null;
    employment_type: string | null;
    referral_hire: boolean;
  }[];
  return rows.map((r) => ({
    type: r.type,
    regrettable: r.regrettable,
    primaryReason: r.primary_reason,
    secondaryReasons: r.secondary_reasons,
    startDate: r.start_date,
    lastWorkingDay: r.last_working_day,
    alumniOptIn: r.alumni_opt_in,
    unitId: r.unit_id,
    managerId: r.manager_id,
    interviewStatus: r.interview_status,
    location: r.location,
    employmentType: r.employment_type,
    referralHire: r.referral_hire,
  }));
}

/** A leaver in the anonymity guard's terms: unit left, tenure phase at exit, and who they are now (no stage). */
function exitCell(exit: PeriodExit): SegmentCell {
  return {
    unitId: exit.unitId,
    tenurePhase: tenurePhaseAtExit(exit.startDate, exit.lastWorkingDay),
    stage: null,
    location: exit.location,
    employmentType: exit.employmentType,
    referralHire: exit.referralHire ? 'yes' : 'no',
    count: 1,
  };
}

/** The filters a segment may use in attrition figures: no stage is kept per day, and every leaver is in depart. */
const ATTRITION_FILTERS = ['unitIds', 'tenurePhases', 'locations', 'employmentTypes', 'referralHire'] as const;

/**
 * The attrition report: headcounts, separations and their rates over a period, for the whole scope
 * and broken down by unit, manager, tenure phase, reason or type. Formulas: docs/separations.md.
 * HR reads everything; a manager reads their reporting line, and the breakdown of fewer than k
 * separations (why and how people left) is hidden from them, because in a small team it names people.
 */
@Injectable()
export class AttritionService {
  constructor(
    private readonly reports: ReportDatabase,
    private readonly groups: SurveyGroups,
    private readonly segments: SegmentsService,
  ) {}

  async report(principal: Principal, query: AttritionQueryDto): Promise<AttritionReportDto> {
    const { tenantId } = principal;
    const { from, to } = query;
    checkPeriod(from, to);
    const { tree, unitId, timezone, k } = await reportScope(this.reports.primary, this.groups, principal, query.unitId);
    const segment = await this.segments.forReport(tenantId, query.segmentId, {
      filters: ATTRITION_FILTERS,
      why: 'Attrition counts people employed and leaving on given days, and no stage is kept per day (everyone who leaves is in depart).',
    });
    const inSegment = segment && { applied: segment, parents: tree.parents };
    const groupBy = query.groupBy ?? null;
    const key = (groupBy && HEADCOUNT_KEYS[groupBy]) ?? `''`;
    const [atStart, atEnd, scopeExits, moves] = await Promise.all([
      headcountOn(this.reports, tenantId, unitId, from, timezone, key, inSegment),
      headcountOn(this.reports, tenantId, unitId, to, timezone, key, inSegment),
      periodExits(this.reports, tenantId, unitId, from, to),
      this.moves(tenantId, unitId, from, to, timezone, segment, tree.parents),
    ]);
    const exits = segment ? scopeExits.filter((exit) => matches(exitCell(exit), { segment: segment.sets }, tree.parents)) : scopeExits;
    const days = daysInclusive(from, to);
    const sum = (counts: Map<string | null, number>) => [...counts.values()].reduce((a, b) => a + b, 0);
    const hr = principal.role === 'hr_admin';
    // A manager's detail of a segment's leavers also needs the segment to pass the differencing
    // rule among every leaver of the period (the segment without one of its filters, the scope's
    // units above): otherwise two readings would tell about 1 … k − 1 people.
    const differenced =
      !hr && segment && exits.length > 0
        ? !visibility((await periodExits(this.reports, tenantId, null, from, to)).map(exitCell), { unitId: unitId ?? undefined, segment: segment.sets }, tree.parents, k).shown
        : false;
    const total = attritionFigures({ headcountStart: sum(atStart), headcountEnd: sum(atEnd), exits, days });
    const invited = exits.filter((e) => e.interviewStatus === 'invited' || e.interviewStatus === 'completed').length;
    const completed = exits.filter((e) => e.interviewStatus === 'completed').length;
    return {
      from,
      to,
      days,
      unitId,
      k,
      ...(segment ? { segment: toAppliedSegment(segment) } : {}),
      total: hr ? full(total) : this.guarded(total, k, differenced),
      boomerangs: moves.boomerangs,
      unrecordedDepartures: moves.unrecorded,
      exitInterviews: { invited, completed, completionRate: invited > 0 ? Math.round((completed / invited) * 10_000) / 10_000 : null },
      groupBy,
      groups: groupBy ? await this.grouped(tenantId, groupBy, { atStart, atEnd, exits, days, total, tree, hr, k }) : [],
    };
  }

  private async grouped(
    tenantId: string,
    groupBy: AttritionGroup,
    input: { atStart: Map<string | null, number>; atEnd: Map<string | null, number>; exits: PeriodExit[]; days: number; total: AttritionFigures; tree: UnitTree; hr: boolean; k: number },
  ): Promise<AttritionGroupDto[]> {
    const { atStart, atEnd, exits, days, total, tree, hr, k } = input;
    const keyOf: (exit: PeriodExit) => string | null = {
      unit: (e: PeriodExit) => e.unitId,
      manager: (e: PeriodExit) => e.managerId,
      tenure_phase: (e: PeriodExit) => tenurePhaseAtExit(e.startDate, e.lastWorkingDay),
      reason: (e: PeriodExit) => e.primaryReason,
      type: (e: PeriodExit) => e.type,
    }[groupBy];
    const byKey = new Map<string | null, PeriodExit[]>();
    for (const exit of exits) byKey.set(keyOf(exit), [...(byKey.get(keyOf(exit)) ?? []), exit]);
    const ownHeadcount = groupBy in HEADCOUNT_KEYS;
    const keys = [...new Set([...(ownHeadcount ? [...atStart.keys(), ...atEnd.keys()] : []), ...byKey.keys()])];
    const names = await this.names(tenantId, groupBy, keys, tree);

    // Who left for which reason, or how, partitions the separations: a manager sees a part only
    // from k on, and not when the hidden parts add up to fewer than k (rule 3 of the guard).
    const hidden =
      !hr && !ownHeadcount
        ? suppressInPartition(total.separations, keys.map((key) => ({ key: key ?? '', count: byKey.get(key)?.length ?? 0, showable: true })), k)
        : new Set<string>();
    return keys
      .filter((key) => !hidden.has(key ?? ''))
      .map((key) => {
        const figures = attritionFigures({
          headcountStart: ownHeadcount ? (atStart.get(key) ?? 0) : total.headcountStart,
          headcountEnd: ownHeadcount ? (atEnd.get(key) ?? 0) : total.headcountEnd,
          exits: byKey.get(key) ?? [],
          days,
        });
        return { key, name: key === null ? null : (names.get(key) ?? null), ...(hr ? full(figures) : this.guarded(figures, k)) };
      })
      .sort((a, b) => b.separations - a.separations || (a.name ?? '~').localeCompare(b.name ?? '~') || (a.key ?? '').localeCompare(b.key ?? ''));
  }

  /** Figures for a reader who is not HR: the breakdown of fewer than k separations (or of a segment readable by difference) is hidden. */
  private guarded(figures: AttritionFigures, k: number, differenced = false): AttritionFiguresDto {
    if (figures.separations === 0 || (figures.separations >= k && !differenced)) return full(figures);
    return {
      ...full(figures),
      voluntary: null,
      voluntaryRate: null,
      regrettable: null,
      regrettableRate: null,
      earlyAttrition: null,
      reasons: null,
      tenurePhaseAtExit: null,
      alumniOptIns: null,
      alumniOptInRate: null,
      detailSuppressed: true,
    };
  }

  /**
   * Rehires (depart → attract) in the period, and people who moved to depart in it and are still
   * gone without a separation; with a segment, of the people it admits (tenure phase on the last day).
   */
  private async moves(
    tenantId: string,
    unitId: string | null,
    from: string,
    to: string,
    timezone: string,
    segment: ReportSegment | null,
    parents: UnitParents,
  ): Promise<{ boomerangs: number; unrecorded: number }> {
    const params: unknown[] = [tenantId, unitId, from, to, timezone];
    const inSegment = segment ? segmentSql(segment.filters, parents, params, STAFF_SEGMENT_COLUMNS) : 'TRUE';
    const rows: { boomerangs: number; unrecorded: number }[] = await this.reports.query(
      `${subtreeSql('$1', '$2')},
       moved AS (
         SELECT t.from_stage, t.to_stage, t.employee_id, e.stage, ${tenurePhaseSql('$4')} AS phase,
                e.location, e.employment_type, e.referred_by_id IS NOT NULL AS referral_hire,
                coalesce((SELECT s.unit_id FROM separations s
                          WHERE s.tenant_id = t.tenant_id AND s.employee_id = t.employee_id AND s.status = 'active'
                          ORDER BY s.last_working_day DESC LIMIT 1), e.unit_id) AS unit_id
         FROM stage_transitions t JOIN employees e ON e.tenant_id = t.tenant_id AND e.id = t.employee_id
         WHERE t.tenant_id = $1 AND t.to_stage IN ('attract', 'depart')
           AND t.effective_at >= ($3::date)::timestamp AT TIME ZONE $5 AND t.effective_at < ($4::date + 1)::timestamp AT TIME ZONE $5
       )
       SELECT count(*) FILTER (WHERE from_stage = 'depart' AND to_stage = 'attract')::int AS boomerangs,
              count(DISTINCT employee_id) FILTER (
                WHERE to_stage = 'depart' AND stage = 'depart'
                  AND NOT EXISTS (SELECT 1 FROM separations s WHERE s.tenant_id = $1 AND s.employee_id = moved.employee_id AND s.status = 'active')
              )::int AS unrecorded
       FROM moved WHERE ($2::uuid IS NULL OR unit_id IN (SELECT id FROM subtree)) AND ${inSegment}`,
      params,
    );
    return rows[0]!;
  }

  private async names(tenantId: string, groupBy: AttritionGroup, keys: (string | null)[], tree: UnitTree): Promise<Map<string, string>> {
    const present = keys.filter((key): key is string => key !== null);
    if (groupBy === 'unit') return new Map(present.map((key) => [key, tree.names.get(key) ?? key]));
    if (groupBy === 'manager') {
      const rows: { id: string; name: string }[] = await this.reports.query(
        `SELECT id, first_name || ' ' || last_name AS name FROM employees WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
        [tenantId, present],
      );
      return new Map(rows.map((row) => [row.id, row.name]));
    }
    if (groupBy === 'reason') {
      const rows: { key: string; name: string }[] = await this.reports.query(`SELECT key, name FROM separation_reasons WHERE tenant_id = $1`, [tenantId]);
      return new Map(rows.map((row) => [row.key, row.name]));
    }
    return new Map();
  }
}

/** A period of at most {@link MAX_REPORT_DAYS}, `from` not after `to`. */
export function checkPeriod(from: string, to: string): void {
  if (from > to) throw validationFailed([{ field: 'from', message: 'must not be after to' }]);
  if (daysInclusive(from, to) > MAX_REPORT_DAYS) throw validationFailed([{ field: 'to', message: 'must be at most 5 years after from' }]);
}

function full(figures: AttritionFigures): AttritionFiguresDto {
  return { ...figures, detailSuppressed: false };
}
