import { Injectable } from '@nestjs/common';
import { relation } from '#src/analytics/correlation.js';
import type { Principal } from '#src/common/auth/principal.js';
import { DomainError } from '#src/common/errors/domain-error.js';
import { validationFailed } from '#src/common/http/validation.js';
import { SurveyGroups } from '#src/modules/surveys/survey-groups.js';
import { TenantsService } from '#src/modules/tenancy/tenants.service.js';
import { CxMetricsService } from './cx-metrics.service.js';
import { CxProblems } from './cx.errors.js';
import { cxFor, exGroups, inReach, type CxFigure, type ExCell, type OrgTree } from './domain/ex-groups.js';
import { parsePeriod, periodDays, quarterOfMonth, shiftPeriod, type Granularity } from './domain/periods.js';
import type { ExCxPointDto, ExCxQueryDto, ExCxReportDto, LagScanRowDto, NoStatisticsReason } from './dto/ex-cx.dto.js';
import { ExCxRepository } from './ex-cx.repository.js';

/** At most this many EX periods in one report. */
export const MAX_REPORT_PERIODS = 60;

/**
 * The EX → CX linkage report: EX per unit and period from anonymous survey answers (behind the
 * anonymity threshold and the differencing rule), paired with the CX figure of the same unit
 * some periods later, and the statistics of that relation.
 */
@Injectable()
export class ExCxService {
  constructor(
    private readonly repository: ExCxRepository,
    private readonly metrics: CxMetricsService,
    private readonly tenants: TenantsService,
    private readonly groups: SurveyGroups,
  ) {}

  async report(principal: Principal, query: ExCxQueryDto): Promise<ExCxReportDto> {
    const tenantId = principal.tenantId;
    const granularity = query.granularity ?? 'month';
    const lag = query.lag ?? 0;
    const cxWindow = query.cxWindow ?? 1;
    const unitLevel = query.unitLevel ?? null;
    const periods = this.periods(query.from, query.to, granularity);
    const [metric, tree, tenant, calendar] = await Promise.all([
      this.metrics.find(tenantId, query.cxMetric),
      this.repository.orgTree(tenantId),
      this.tenants.get(tenantId),
      this.repository.calendar(tenantId),
    ]);
    if (!metric) throw validationFailed([{ field: 'cxMetric', message: 'is not a CX metric of the organisation' }]);
    const driverKey = query.exMeasure.startsWith('driver:') ? query.exMeasure.slice('driver:'.length) : null;
    if (driverKey !== null && !(await this.repository.driverExists(tenantId, driverKey))) {
      throw validationFailed([{ field: 'exMeasure', message: `names no survey driver ${driverKey}` }]);
    }
    const roots = await this.reach(principal, tree);

    // Months are also compared with their quarters (differencing), so whole quarters are read.
    const firstRead = granularity === 'month' ? firstMonthOfQuarter(periods[0]!) : periods[0]!;
    const lastRead = granularity === 'month' ? shiftPeriod(firstMonthOfQuarter(periods.at(-1)!), 2) : periods.at(-1)!;
    const days = { first: periodDays(firstRead).first, next: periodDays(lastRead).next };
    const cells = await this.exCells(tenantId, query.exMeasure, driverKey, calendar.timezone, days, granularity);
    const { groups, unplaced } = exGroups({
      cells,
      tree,
      unitLevel,
      granularity,
      periods,
      k: tenant.settings.anonymityThreshold,
      transform: transformOf(query.exMeasure),
    });
    const visible = groups.filter((g) => inReach(g.unitId, roots, tree.parents));

    const lags = query.lagScan === undefined ? [lag] : [lag, ...Array.from({ length: query.lagScan + 1 }, (_, i) => i)];
    const cxFrom = shiftPeriod(periods[0]!, Math.min(...lags));
    const cxTo = shiftPeriod(periods.at(-1)!, Math.max(...lags) + cxWindow - 1);
    const figures = await this.repository.cxFigures(tenantId, metric.key, granularity, cxFrom, cxTo);

    const pairsAt = (atLag: number) => pair(visible, figures, tree, unitLevel, atLag, cxWindow, query.minCxSample);
    const main = pairsAt(lag);
    const stats = relation(main.points.map((p) => p.ex), main.points.map((p) => p.cx));
    const names = tree.names;
    return {
      exMeasure: query.exMeasure,
      cxMetric: metric.key,
      granularity,
      from: periods[0]!,
      to: periods.at(-1)!,
      lag,
      cxWindow,
      unitLevel,
      minCxSample: query.minCxSample ?? null,
      anonymityThreshold: tenant.settings.anonymityThreshold,
      pairs: main.points.length,
      statistics: 'pearson' in stats ? { pearson: stats.pearson, spearman: stats.spearman, regression: stats.regression } : null,
      reason: 'reason' in stats ? reasonOf(stats.reason) : null,
      points: main.points
        .map((p) => ({ ...p, unitName: names.get(p.unitId) ?? '' }))
        .sort((a, b) => a.unitName.localeCompare(b.unitName) || a.unitId.localeCompare(b.unitId) || a.period.localeCompare(b.period)),
      excluded: {
        belowThreshold: visible.filter((g) => !g.shown && g.reason === 'below_threshold').length,
        differencing: visible.filter((g) => !g.shown && g.reason === 'differencing').length,
        noCx: main.noCx,
        cxSampleBelowMinimum: main.smallCx,
        noUnitAtLevel: unplaced.filter((u) => inReach(u.unitId, roots, tree.parents)).length,
      },
      ...(query.lagScan === undefined
        ? {}
        : {
            lagScan: Array.from({ length: query.lagScan + 1 }, (_, atLag): LagScanRowDto => {
              const { points } = pairsAt(atLag);
              const s = relation(points.map((p) => p.ex), points.map((p) => p.cx));
              return 'pearson' in s
                ? { lag: atLag, pairs: points.length, r: s.pearson.r, p: s.pearson.p, rho: s.spearman.rho, rhoP: s.spearman.p, reason: null }
                : { lag: atLag, pairs: points.length, r: null, p: null, rho: null, rhoP: null, reason: reasonOf(s.reason) };
            }),
          }),
    };
  }

  /** The EX periods from … to, checked against the granularity. */
  private periods(from: string, to: string, granularity: Granularity): string[] {
    const first = parsePeriod(from);
    const last = parsePeriod(to);
    const errors = [
      ...(first?.granularity === granularity ? [] : [{ field: 'from', message: `must be a ${granularity} (${EXAMPLES[granularity]})` }]),
      ...(last?.granularity === granularity ? [] : [{ field: 'to', message: `must be a ${granularity} (${EXAMPLES[granularity]})` }]),
    ];
    if (errors.length > 0) throw validationFailed(errors);
    const count = last!.index - first!.index + 1;
    if (count < 1) throw validationFailed([{ field: 'to', message: 'must not be before from' }]);
    if (count > MAX_REPORT_PERIODS) throw validationFailed([{ field: 'to', message: `must be at most ${MAX_REPORT_PERIODS} periods after from` }]);
    return Array.from({ length: count }, (_, i) => shiftPeriod(from, i));
  }

  /** Null for hr_admin (everything); the top units a manager manages, or out of scope when none. */
  private async reach(principal: Principal, tree: OrgTree): Promise<string[] | null> {
    if (principal.role === 'hr_admin') return null;
    const roots = await this.groups.managedRoots(principal, tree.parents);
    if (roots.length === 0) throw new DomainError(CxProblems.outOfScope, 'You manage no unit, so there is no EX → CX linkage for you to read.');
    return roots;
  }

  private exCells(
    tenantId: string,
    exMeasure: string,
    driverKey: string | null,
    timezone: string,
    days: { first: string; next: string },
    granularity: Granularity,
  ): Promise<ExCell[]> {
    if (exMeasure === 'participation') return this.repository.participationCells(tenantId, timezone, days.first, days.next, granularity);
    const measure = exMeasure === 'enps' ? { type: 'enps' as const, driverKey: null } : { type: 'likert5' as const, driverKey: exMeasure === 'engagement' ? 'engagement' : driverKey };
    return this.repository.answerCells(tenantId, measure, days.first, days.next, granularity);
  }
}

const EXAMPLES: Readonly<Record<Granularity, string>> = { month: 'YYYY-MM', week: 'YYYY-Www', quarter: 'YYYY-Qn' };

/** From Σ numerator / Σ denominator to the measure: eNPS ×100, engagement on 0–100, the rest as they are. */
function transformOf(exMeasure: string): (ratio: number) => number {
  if (exMeasure === 'enps') return (x) => 100 * x;
  if (exMeasure === 'engagement') return (x) => ((x - 1) / 4) * 100;
  return (x) => x;
}

function firstMonthOfQuarter(month: string): string {
  const quarter = parsePeriod(quarterOfMonth(month))!;
  return `${Math.floor(quarter.index / 4)}-${String((quarter.index % 4) * 3 + 1).padStart(2, '0')}`;
}

function reasonOf(reason: 'too_few_pairs' | 'constant_x' | 'constant_y'): NoStatisticsReason {
  return reason === 'constant_x' ? 'constant_ex' : reason === 'constant_y' ? 'constant_cx' : 'too_few_pairs';
}

/** The pairs at a lag, and the shown EX groups left out for want of a (large enough) CX figure. */
function pair(
  groups: ReturnType<typeof exGroups>['groups'],
  figures: ReadonlyMap<string, readonly CxFigure[]>,
  tree: OrgTree,
  unitLevel: ExCxQueryDto['unitLevel'] | null,
  lag: number,
  window: number,
  minCxSample: number | undefined,
): { points: Omit<ExCxPointDto, 'unitName'>[]; noCx: number; smallCx: number } {
  const points: Omit<ExCxPointDto, 'unitName'>[] = [];
  let noCx = 0;
  let smallCx = 0;
  for (const group of groups) {
    if (!group.shown) continue;
    const cx = cxFor(figures, tree, unitLevel ?? null, group.unitId, shiftPeriod(group.period, lag), window);
    if (!cx) noCx += 1;
    else if (minCxSample !== undefined && cx.n < minCxSample) smallCx += 1;
    else points.push({ unitId: group.unitId, period: group.period, ex: group.value, cx: cx.value, respondents: group.respondents, cxN: cx.n });
  }
  return { points, noCx, smallCx };
}
