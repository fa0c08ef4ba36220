import { Injectable } from '@nestjs/common';
import { DomainError } from '#src/common/errors/domain-error.js';
import { validationFailed } from '#src/common/http/validation.js';
import { CxMetricsService } from '#src/modules/cx/cx-metrics.service.js';
import { parsePeriod, periodDays, shiftPeriod } from '#src/modules/cx/domain/periods.js';
import { ExCxService, MAX_REPORT_PERIODS } from '#src/modules/cx/ex-cx.service.js';
import { TouchpointAnalysisService } from '#src/modules/journey-map/touchpoint-analysis.service.js';
import { AttritionService } from '#src/modules/separations/attrition.service.js';
import { RetentionService } from '#src/modules/separations/retention.service.js';
import { ResultsService } from '#src/modules/surveys/results.service.js';
import { isWithin, SurveyGroups } from '#src/modules/surveys/survey-groups.js';
import { SurveysService } from '#src/modules/surveys/surveys.service.js';
import { BoardService, type PageUser } from './board.service.js';
import { rankingFromPriorities, type DriverRanking } from './domain/driver-ranking.js';
import type { Page } from './page-response.js';
import type { InsightsQueryDto } from './pages.dto.js';
import { PagesRepository } from './pages.repository.js';
import { insightsPage, type InsightsView, type Section } from './views/insights.view.js';

/** The dashboard's period when none is asked for: the twelve months up to the current one. */
const DEFAULT_MONTHS = 12;
/** The lags the scan covers: 0 … this. */
const LAG_SCAN = 6;
/** Top touchpoints and riskiest units shown. */
const TOP = 5;

/**
 * The leader's dashboard (docs/pages.md): every figure comes from the service behind its API —
 * survey results and trend (`ResultsService`), the EX → CX report (`ExCxService`), touchpoint
 * analysis, attrition and retention risk — called with the viewer's principal, so the reach
 * (a manager's reporting line) and the anonymity guard are exactly the API's. The page only
 * picks the defaults, lays the answers side by side and draws them.
 */
@Injectable()
export class InsightsPageService {
  constructor(
    private readonly names: PagesRepository,
    private readonly groups: SurveyGroups,
    private readonly surveys: SurveysService,
    private readonly results: ResultsService,
    private readonly exCx: ExCxService,
    private readonly metrics: CxMetricsService,
    private readonly touchpoints: TouchpointAnalysisService,
    private readonly attrition: AttritionService,
    private readonly retention: RetentionService,
    private readonly board: BoardService,
  ) {}

  async dashboard(user: PageUser, query: InsightsQueryDto): Promise<Page> {
    const { principal } = user;
    const tenantId = principal.tenantId;
    const [tree, calendar, surveyOptions, metricList, unitRows, viewer] = await Promise.all([
      this.groups.units(tenantId),
      this.names.calendar(tenantId),
      this.names.findSurveyOptions(tenantId),
      this.metrics.list(tenantId),
      this.names.findUnitOptions(tenantId),
      this.board.viewer(user),
    ]);
    // The reach of the APIs: a manager who manages nothing, or a unit outside their line, is refused here as there.
    const roots = await this.groups.reportingLine(principal, tree.parents);
    const units = roots === null ? unitRows : unitRows.filter((u) => roots.some((root) => isWithin(u.id, root, tree.parents)));
    const unitId = await this.groups.scopedUnit(principal, tree.parents, query.unitId ?? (roots === null ? undefined : units.find((u) => roots.includes(u.id))?.id));

    const to = query.to ?? calendar.today.slice(0, 7);
    const from = query.from ?? shiftPeriod(to, 1 - DEFAULT_MONTHS);
    const months = parsePeriod(to)!.index - parsePeriod(from)!.index + 1;
    if (months < 1) throw validationFailed([{ field: 'to', message: 'must not be before from' }]);
    if (months > MAX_REPORT_PERIODS) throw validationFailed([{ field: 'to', message: `must be at most ${MAX_REPORT_PERIODS} months after from` }]);
    const firstDay = periodDays(from).first;
    const nextDay = periodDays(to).next;
    const lastDay = previousDay(nextDay);

    if (query.surveyId) await this.surveys.get(tenantId, query.surveyId);
    const surveyId = query.surveyId ?? surveyOptions[0]?.id;
    const cxMetric = query.cxMetric ?? (metricList.items.some((m) => m.key === 'csat') ? 'csat' : metricList.items[0]?.key);
    const exMeasure = query.exMeasure ?? 'enps';
    const lag = query.lag ?? 0;
    const rounds = surveyId ? await this.names.findRoundsOpenedIn(tenantId, surveyId, firstDay, nextDay, calendar.timezone) : [];
    const latest = rounds.at(-1);

    const [trend, results, exCx, touchpoints, attrition, risk] = await Promise.all([
      latest ? section(() => this.results.trend(principal, surveyId!, { unitId, fromRound: rounds[0]!.number, toRound: latest.number })) : null,
      latest ? section(() => this.results.results(principal, surveyId!, { unitId, roundId: latest.id, groupBy: 'unit' })) : null,
      cxMetric ? section(() => this.exCx.report(principal, { exMeasure, cxMetric, from, to, granularity: 'month', lag, lagScan: LAG_SCAN })) : null,
      // The touchpoint report is HR's alone in the API, so it is on the dashboard for HR only.
      principal.role === 'hr_admin' ? section(() => this.touchpoints.report(principal, { period: to, unitId })) : ('hr_only' as const),
      section(() => this.attrition.report(principal, { from: firstDay, to: lastDay, unitId })),
      section(() => this.retention.risk(principal, { unitId, asOf: lastDay < calendar.today ? lastDay : calendar.today })),
    ]);

    const view: InsightsView = {
      viewer,
      filters: { unitId, surveyId, from, to, cxMetric, exMeasure, lag },
      options: { units, allUnits: roots === null, surveys: surveyOptions, metrics: metricList.items.map((m) => ({ id: m.key, name: m.name })) },
      scope: unitId ? (tree.names.get(unitId) ?? 'This unit') : 'The whole organisation',
      roundsInPeriod: rounds.length,
      trend,
      results,
      drivers: results && 'value' in results ? this.driverRanking(results.value) : null,
      exCx,
      touchpoints: touchpoints === 'hr_only' ? touchpoints : mapSection(touchpoints, (report) => ({ ...report, touchpoints: report.touchpoints.slice(0, TOP) })),
      attrition,
      risk: mapSection(risk, (report) => ({ ...report, units: report.units.slice(0, TOP) })),
    };
    return { status: 200, body: insightsPage(view) };
  }

  /**
   * The driver ranking: today the survey results' priorities. When `GET /reports/ex-cx/drivers`
   * lands, call its service here (with the same principal and filters) and map it to
   * {@link DriverRanking}; the view needs no change.
   */
  private driverRanking(results: Parameters<typeof rankingFromPriorities>[0]): DriverRanking {
    return rankingFromPriorities(results);
  }
}

/**
 * One part of the dashboard: its figures, or the service's own refusal in words (a survey with no
 * round, a metric that does not exist, …) so that one part cannot take the whole page down.
 */
async function section<T>(work: () => Promise<T>): Promise<Section<T>> {
  try {
    return { value: await work() };
  } catch (error) {
    if (error instanceof DomainError && error.problem.kind !== 'internal') return { unavailable: error.detail };
    throw error;
  }
}

function mapSection<T, U>(part: Section<T>, map: (value: T) => U): Section<U> {
  return 'value' in part ? { value: map(part.value) } : part;
}

function previousDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
