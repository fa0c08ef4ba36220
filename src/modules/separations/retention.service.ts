import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RISK_WEIGHTS, retentionRisk, type RiskSignals } from '#src/analytics/attrition.js';
import type { Principal } from '#src/common/auth/principal.js';
import { addDays } from '#src/modules/checklists/domain/start.js';
import { addMonths } from '#src/modules/employees/domain/tenure-phase.js';
import { ENGAGEMENT_DRIVER } from '#src/modules/surveys/domain/default-bank.js';
import { SurveyGroups } from '#src/modules/surveys/survey-groups.js';
import { tenantCalendar } from '#src/modules/tenancy/tenant-calendar.js';
import { isWithin } from '#src/modules/units/domain/unit-tree.js';
import { activeUnitIds } from '#src/modules/units/unit-tree.js';
import { headcountOn } from '#src/modules/employees/headcount.js';
import { checkPeriod, periodExits } from './attrition.service.js';
import { ReportDatabase } from '#src/database/report-database.js';
import { reportScope } from '#src/modules/surveys/report-scope.js';
import type {
  BeforeExitQueryDto,
  BeforeExitReportDto,
  ComparisonWindowDto,
  RetentionRiskQueryDto,
  RetentionRiskReportDto,
  RiskSignalDto,
  UnitRiskDto,
  WindowScoresDto,
} from './dto/attrition.dto.js';
import { driverMeans, UnitSurveyWindow } from '#src/modules/surveys/unit-survey-window.js';
import { roundTo } from '#src/analytics/rounding.js';

/** Each look-back window spans this many months, ending `monthsBefore` months before the reference date. */
const WINDOW_MONTHS = 3;

/**
 * What leavers' teams were saying before they left, and where people may leave next: unit-level
 * only, from survey figures that pass the anonymity guard. Formulas: docs/separations.md.
 */
@Injectable()
export class RetentionService {
  constructor(
    private readonly reports: ReportDatabase,
    private readonly groups: SurveyGroups,
  ) {}

  /**
   * For the units the period's leavers left: their driver means in windows counted back from the
   * median last working day (e.g. 3, 6, 9 months before), beside the mean of the same drivers in
   * the units of the scope that lost nobody.
   */
  async beforeExit(principal: Principal, query: BeforeExitQueryDto): Promise<BeforeExitReportDto> {
    const { tenantId } = principal;
    checkPeriod(query.from, query.to);
    const { tree, unitId, timezone, k } = await reportScope(this.reports.primary, this.groups, principal, query.unitId);
    const offsets = [...new Set(query.monthsBefore ?? [3, 6, 9])].sort((a, b) => a - b);
    const exits = await periodExits(this.reports, tenantId, unitId, query.from, query.to);
    const base = { from: query.from, to: query.to, unitId, k };
    if (exits.length === 0) return { ...base, referenceDate: null, leaverUnits: [], unitsWithoutLeavers: [] };

    const days = exits.map((e) => e.lastWorkingDay).sort();
    const referenceDate = days[Math.floor((days.length - 1) / 2)]!;
    const windows = offsets.map((monthsBefore) => ({
      monthsBefore,
      from: addMonths(referenceDate, -(monthsBefore + WINDOW_MONTHS)),
      to: addDays(addMonths(referenceDate, -monthsBefore), -1),
    }));
    const data = await Promise.all(windows.map((w) => UnitSurveyWindow.read(this.reports, tenantId, timezone, w.from, w.to)));

    const leaversByUnit = new Map<string, number>();
    for (const exit of exits) if (exit.unitId) leaversByUnit.set(exit.unitId, (leaversByUnit.get(exit.unitId) ?? 0) + 1);
    const leaverUnits = [...leaversByUnit.entries()]
      .map(([id, leavers]) => ({
        unitId: id,
        name: tree.names.get(id) ?? id,
        leavers,
        windows: windows.map((w, i): WindowScoresDto => {
          const pool = data[i]!.pool(id, tree.parents, k);
          return { ...w, rounds: pool.rounds, responses: pool.responses, suppressed: pool.rounds === 0, drivers: driverMeans(pool) };
        }),
      }))
      .sort((a, b) => b.leavers - a.leavers || a.name.localeCompare(b.name));

    // The largest subtrees of the scope with no leaver: each counts once, as one unit.
    const scope = await activeUnitIds(this.reports, tenantId, tree, unitId);
    const hasLeaver = (id: string) => [...leaversByUnit.keys()].some((leaverUnit) => isWithin(leaverUnit, id, tree.parents));
    const quiet = scope.filter((id) => !hasLeaver(id) && !(tree.parents.get(id) && scope.includes(tree.parents.get(id)!) && !hasLeaver(tree.parents.get(id)!)));
    const unitsWithoutLeavers = windows.map((w, i): ComparisonWindowDto => {
      const perUnit = quiet.map((id) => data[i]!.pool(id, tree.parents, k)).filter((pool) => pool.rounds > 0);
      const byDriver = new Map<string, { means: number[]; answered: number }>();
      for (const pool of perUnit) {
        for (const driver of driverMeans(pool)) {
          const entry = byDriver.get(driver.key) ?? { means: [], answered: 0 };
          entry.means.push(driver.mean);
          entry.answered += driver.answered;
          byDriver.set(driver.key, entry);
        }
      }
      return {
        monthsBefore: w.monthsBefore,
        units: perUnit.length,
        drivers: [...byDriver.entries()]
          .map(([key, entry]) => ({ key, mean: roundTo(entry.means.reduce((a, b) => a + b, 0) / entry.means.length, 2), answered: entry.answered }))
          .sort((a, b) => a.key.localeCompare(b.key)),
      };
    });
    return { ...base, referenceDate, leaverUnits, unitsWithoutLeavers };
  }

  /**
   * An explainable retention-risk score per unit (with its sub-units), never per person: recent
   * eNPS detractors, drops in participation and engagement against the previous window, the share
   * of people 3–12 months in, and recent regrettable exits. Units below k respondents in the recent
   * window get no score.
   */
  async risk(principal: Principal, query: RetentionRiskQueryDto): Promise<RetentionRiskReportDto> {
    const { tenantId } = principal;
    const { tree, unitId, timezone, k } = await reportScope(this.reports.primary, this.groups, principal, query.unitId);
    const asOf = query.asOf ?? (await tenantCalendar(this.reports, tenantId)).today;
    const recentFrom = addDays(addMonths(asOf, -WINDOW_MONTHS), 1);
    const previousFrom = addDays(addMonths(asOf, -2 * WINDOW_MONTHS), 1);
    const [recent, previous, byUnit, early, exits] = await Promise.all([
      UnitSurveyWindow.read(this.reports, tenantId, timezone, recentFrom, asOf),
      UnitSurveyWindow.read(this.reports, tenantId, timezone, previousFrom, addDays(recentFrom, -1)),
      headcountOn(this.reports, tenantId, unitId, asOf, timezone, 'unit_id::text'),
      this.earlyTenure(tenantId, unitId, asOf, timezone),
      periodExits(this.reports, tenantId, unitId, addDays(addMonths(asOf, -12), 1), asOf),
    ]);
    const within = (id: string, counts: Map<string | null, number>) =>
      [...counts.entries()].reduce((sum, [unit, n]) => (unit && isWithin(unit, id, tree.parents) ? sum + n : sum), 0);

    const units = (await activeUnitIds(this.reports, tenantId, tree, unitId)).map((id): UnitRiskDto => {
      const headcount = within(id, byUnit);
      const now = recent.pool(id, tree.parents, k);
      const before = previous.pool(id, tree.parents, k);
      const base = { unitId: id, name: tree.names.get(id) ?? id, headcount };
      if (now.rounds === 0) return { ...base, suppressed: true, score: null, signals: null };
      const engagement = (pool: typeof now) => pool.drivers.get(ENGAGEMENT_DRIVER);
      const mean = (tally: { answered: number; total: number } | undefined) => (tally && tally.answered > 0 ? tally.total / tally.answered : null);
      const participation = (pool: typeof now) => (pool.invited > 0 ? pool.responded / pool.invited : null);
      const drop = (then: number | null, latest: number | null, span = 1) => (then === null || latest === null ? null : Math.max(0, then - latest) / span);
      const regrettable = exits.filter((e) => e.regrettable === true && e.unitId && isWithin(e.unitId, id, tree.parents)).length;
      const signals: RiskSignals = {
        detractorShare: now.enps.answered > 0 ? now.enps.detractors / now.enps.answered : null,
        participationDrop: before.rounds > 0 ? drop(participation(before), participation(now)) : null,
        engagementDrop: before.rounds > 0 ? drop(mean(engagement(before)), mean(engagement(now)), 4) : null,
        earlyTenureShare: headcount > 0 ? within(id, early) / headcount : null,
        regrettableExits: headcount > 0 ? Math.min(1, regrettable / headcount) : null,
      };
      const scored = retentionRisk(signals);
      const explained = Object.fromEntries(
        (Object.keys(RISK_WEIGHTS) as (keyof RiskSignals)[]).map((key): [string, RiskSignalDto] => [
          key,
          { value: signals[key] === null ? null : roundTo(signals[key]!, 4), weight: RISK_WEIGHTS[key], points: scored.contributions[key] },
        ]),
      );
      return { ...base, suppressed: false, score: scored.score, signals: explained };
    });
    units.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.name.localeCompare(b.name));
    return { asOf, recentFrom, previousFrom, k, units };
  }

  /** People employed on the day who started 3 to 12 months before it, per unit. */
  private earlyTenure(tenantId: string, unitId: string | null, asOf: string, timezone: string): Promise<Map<string | null, number>> {
    const key = `CASE WHEN start_date <= ($3::date - interval '3 months')::date AND start_date > ($3::date - interval '12 months')::date THEN unit_id::text END`;
    return headcountOn(this.reports, tenantId, unitId, asOf, timezone, key);
  }

}
