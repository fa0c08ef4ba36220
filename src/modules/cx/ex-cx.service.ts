import { Injectable } from '@nestjs/common';
import { relation } from '#src/analytics/correlation.js';
import type { Principal } from '#src/common/auth/principal.js';
import { DomainError } from '#src/common/errors/domain-error.js';
import { validationFailed } from '#src/common/http/validation.js';
import { AuditLogRepository } from '#src/modules/audit/audit-log.repository.js';
import { exportAudit } from '#src/modules/audit/domain/audit.js';
import { SegmentsService } from '#src/modules/segments/segments.service.js';
import { SurveyGroups } from '#src/modules/surveys/survey-groups.js';
import { TenantsService } from '#src/modules/tenancy/tenants.service.js';
import type { UnitKind } from '#src/modules/units/unit.entity.js';
import { CxMetricsService } from './cx-metrics.service.js';
import { CxProblems } from './cx.errors.js';
import { cxFor, exGroups, inReach, type CxFigure, type ExCell, type OrgTree } from './domain/ex-groups.js';
import { importancePerformance } from './domain/importance-performance.js';
import { parsePeriod, periodDays, quarterOfMonth, shiftPeriod, type Granularity } from './domain/periods.js';
import type {
  ExCxDriverRowDto,
  ExCxDriversQueryDto,
  ExCxDriversReportDto,
  ExCxExcludedDto,
  ExCxPointDto,
  ExCxQueryDto,
  ExCxReportDto,
  ExCxScopeDto,
  ExCxScopeQueryDto,
  LagScanRowDto,
  NoStatisticsReason,
} from './dto/ex-cx.dto.js';
import { ExCxRepository } from './ex-cx.repository.js';
import type { CxMetricEntity } from './entities/cx-metric.entity.js';

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
    private readonly audit: AuditLogRepository,
    private readonly segments: SegmentsService,
  ) {}

  /** The linkage report; a CSV download of it is an export, and the audit log says who made it. */
  async report(principal: Principal, query: ExCxQueryDto): Promise<ExCxReportDto> {
    const report = await this.linkageReport(principal, query);
    await this.auditExport(principal, 'ex-cx', query);
    return report;
  }

  private async linkageReport(principal: Principal, query: ExCxQueryDto): Promise<ExCxReportDto> {
    const lag = query.lag ?? 0;
    const lags = query.lagScan === undefined ? [lag] : [lag, ...Array.from({ length: query.lagScan + 1 }, (_, i) => i)];
    const driverKey = query.exMeasure.startsWith('driver:') ? query.exMeasure.slice('driver:'.length) : null;
    const scope = await this.scope(principal, query, lags);
    if (driverKey !== null && !(await this.repository.driverExists(scope.tenantId, driverKey))) {
      throw validationFailed([{ field: 'exMeasure', message: `names no survey driver ${driverKey}` }]);
    }
    const cells = await this.exCells(scope, query.exMeasure, driverKey);
    const linkage = this.linkage(scope, cells, transformOf(query.exMeasure));
    const main = linkage.at(lag);
    const stats = relation(main.points.map((p) => p.ex), main.points.map((p) => p.cx));
    const names = scope.tree.names;
    return {
      exMeasure: query.exMeasure,
      ...scope.echo,
      pairs: main.points.length,
      statistics: 'pearson' in stats ? { pearson: stats.pearson, spearman: stats.spearman, regression: stats.regression } : null,
      reason: 'reason' in stats ? reasonOf(stats.reason) : null,
      points: main.points
        .map((p) => ({ ...p, unitName: names.get(p.unitId) ?? '' }))
        .sort((a, b) => a.unitName.localeCompare(b.unitName) || a.unitId.localeCompare(b.unitId) || a.period.localeCompare(b.period)),
      excluded: main.excluded,
      ...(query.lagScan === undefined
        ? {}
        : {
            lagScan: Array.from({ length: query.lagScan + 1 }, (_, atLag): LagScanRowDto => {
              const { points } = linkage.at(atLag);
              const s = relation(points.map((p) => p.ex), points.map((p) => p.cx));
              return 'pearson' in s
                ? { lag: atLag, pairs: points.length, r: s.pearson.r, p: s.pearson.p, rho: s.spearman.rho, rhoP: s.spearman.p, reason: null }
                : { lag: atLag, pairs: points.length, r: null, p: null, rho: null, rhoP: null, reason: reasonOf(s.reason) };
            }),
          }),
    };
  }

  /**
   * Every driver's relation with the CX metric, under the same groups, suppression, reach and
   * pairing as the linkage report with `exMeasure=driver:<key>`; ranked by |r|, each with its mean
   * over the pairs and its importance × performance quadrant.
   */
  async drivers(principal: Principal, query: ExCxDriversQueryDto): Promise<ExCxDriversReportDto> {
    const report = await this.driverReport(principal, query);
    await this.auditExport(principal, 'ex-cx-drivers', query);
    return report;
  }

  /** CSV downloads are exports (a chart or the JSON a page reads are not). */
  private async auditExport(principal: Principal, report: string, query: ExCxQueryDto | ExCxDriversQueryDto): Promise<void> {
    if (query.format !== 'csv') return;
    await this.audit.recordExport(principal.tenantId, principal, exportAudit('report', null, { export: report, format: 'csv', query }));
  }

  private async driverReport(principal: Principal, query: ExCxDriversQueryDto): Promise<ExCxDriversReportDto> {
    const lag = query.lag ?? 0;
    const scope = await this.scope(principal, query, [lag]);
    const [drivers, cellsByDriver] = await Promise.all([
      this.repository.drivers(scope.tenantId),
      this.repository.driverCells(scope.tenantId, scope.days.first, scope.days.next, scope.granularity),
    ]);
    const rows = drivers.map(({ key, name }) => {
      const { points, excluded } = this.linkage(scope, cellsByDriver.get(key) ?? [], (x) => x).at(lag);
      const xs = points.map((p) => p.ex);
      const stats = relation(xs, points.map((p) => p.cx));
      const mean = xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;
      return 'pearson' in stats
        ? { driverKey: key, driverName: name, pairs: points.length, ...stats.pearson, rho: stats.spearman.rho, rhoP: stats.spearman.p, reason: null, mean, excluded }
        : { driverKey: key, driverName: name, pairs: points.length, r: null, ciLow: null, ciHigh: null, p: null, rho: null, rhoP: null, reason: reasonOf(stats.reason), mean, excluded };
    });
    const sign = scope.metric.higherIsBetter ? 1 : -1;
    const placed = importancePerformance(rows.map((row) => (row.r === null || row.mean === null ? null : { importance: sign * row.r, performance: row.mean })));
    return {
      ...scope.echo,
      higherIsBetter: scope.metric.higherIsBetter,
      crosshairs: placed.crosshairs,
      drivers: rows
        .map((row, i): ExCxDriverRowDto => ({ ...row, quadrant: placed.quadrants[i] ?? null }))
        .sort((a, b) => (a.r === null ? 1 : 0) - (b.r === null ? 1 : 0) || Math.abs(b.r ?? 0) - Math.abs(a.r ?? 0) || a.driverKey.localeCompare(b.driverKey)),
    };
  }

  /**
   * What both reports share: the checked periods, the metric, the org tree, the caller's reach,
   * the days EX is read over (months: whole quarters, for the differencing rule) and the CX
   * figures every lag asked for needs.
   */
  private async scope(principal: Principal, query: ExCxScopeQueryDto, lags: readonly number[]): Promise<Scope> {
    const tenantId = principal.tenantId;
    await this.segments.refuse(
      tenantId,
      query.segmentId,
      'CX figures exist per unit only: EX of a segment of people has no customer figure to pair with, and unit groups are compared with each other, not with segments.',
    );
    const granularity = query.granularity ?? 'month';
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
    const roots = await this.reach(principal, tree);

    // Months are also compared with their quarters (differencing), so whole quarters are read.
    const firstRead = granularity === 'month' ? firstMonthOfQuarter(periods[0]!) : periods[0]!;
    const lastRead = granularity === 'month' ? shiftPeriod(firstMonthOfQuarter(periods.at(-1)!), 2) : periods.at(-1)!;
    const cxFrom = shiftPeriod(periods[0]!, Math.min(...lags));
    const cxTo = shiftPeriod(periods.at(-1)!, Math.max(...lags) + cxWindow - 1);
    const figures = await this.repository.cxFigures(tenantId, metric.key, granularity, cxFrom, cxTo);
    return {
      tenantId,
      granularity,
      periods,
      unitLevel,
      cxWindow,
      minCxSample: query.minCxSample,
      metric,
      tree,
      k: tenant.settings.anonymityThreshold,
      timezone: calendar.timezone,
      roots,
      days: { first: periodDays(firstRead).first, next: periodDays(lastRead).next },
      figures,
      echo: {
        cxMetric: metric.key,
        granularity,
        from: periods[0]!,
        to: periods.at(-1)!,
        lag: query.lag ?? 0,
        cxWindow,
        unitLevel,
        minCxSample: query.minCxSample ?? null,
        anonymityThreshold: tenant.settings.anonymityThreshold,
      },
    };
  }

  /** The EX groups of a measure within the caller's reach, and their pairs with CX at any lag. */
  private linkage(scope: Scope, cells: ExCell[], transform: (ratio: number) => number): { at: (lag: number) => Linkage } {
    const { groups, unplaced } = exGroups({ cells, tree: scope.tree, unitLevel: scope.unitLevel, granularity: scope.granularity, periods: scope.periods, k: scope.k, transform });
    const visible = groups.filter((g) => inReach(g.unitId, scope.roots, scope.tree.parents));
    const belowThreshold = visible.filter((g) => !g.shown && g.reason === 'below_threshold').length;
    const differencing = visible.filter((g) => !g.shown && g.reason === 'differencing').length;
    const noUnitAtLevel = unplaced.filter((u) => inReach(u.unitId, scope.roots, scope.tree.parents)).length;
    return {
      at: (lag) => {
        const { points, noCx, smallCx } = pair(visible, scope.figures, scope.tree, scope.unitLevel, lag, scope.cxWindow, scope.minCxSample);
        return { points, excluded: { belowThreshold, differencing, noCx, cxSampleBelowMinimum: smallCx, noUnitAtLevel } };
      },
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

  private exCells(scope: Scope, exMeasure: string, driverKey: string | null): Promise<ExCell[]> {
    const { tenantId, days, granularity } = scope;
    if (exMeasure === 'participation') return this.repository.participationCells(tenantId, scope.timezone, days.first, days.next, granularity);
    const measure = exMeasure === 'enps' ? { type: 'enps' as const, driverKey: null } : { type: 'likert5' as const, driverKey: exMeasure === 'engagement' ? 'engagement' : driverKey };
    return this.repository.answerCells(tenantId, measure, days.first, days.next, granularity);
  }
}

/** What a report is about, checked and loaded once. */
interface Scope {
  readonly tenantId: string;
  readonly granularity: Granularity;
  readonly periods: string[];
  readonly unitLevel: UnitKind | null;
  readonly cxWindow: number;
  readonly minCxSample: number | undefined;
  readonly metric: CxMetricEntity;
  readonly tree: OrgTree & { names: ReadonlyMap<string, string> };
  readonly k: number;
  readonly timezone: string;
  /** Null for HR (everything); else the units a manager manages. */
  readonly roots: string[] | null;
  /** The days EX is read over. */
  readonly days: { first: string; next: string };
  readonly figures: ReadonlyMap<string, readonly CxFigure[]>;
  /** The parameters as the report echoes them. */
  readonly echo: ExCxScopeDto;
}

/** The pairs at one lag, and every group left out, by reason. */
interface Linkage {
  readonly points: Omit<ExCxPointDto, 'unitName'>[];
  readonly excluded: ExCxExcludedDto;
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
  unitLevel: UnitKind | null,
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
