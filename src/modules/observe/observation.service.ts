import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  DEFAULT_OBSERVATION_WEIGHTS,
  OBSERVATION_COMPONENTS,
  observationIndex,
  type ObservationComponent,
  type ObservationScore,
  type ObservationWeights,
} from '#src/analytics/observation-index.js';
import type { Principal } from '#src/common/auth/principal.js';
import { validationFailed } from '#src/common/http/validation.js';
import { addDays } from '#src/modules/checklists/domain/start.js';
import { headcountOn } from '#src/modules/employees/headcount.js';
import { addMonths } from '#src/modules/employees/domain/tenure-phase.js';
import { SegmentsService } from '#src/modules/segments/segments.service.js';
import { ENGAGEMENT_DRIVER } from '#src/modules/surveys/domain/default-bank.js';
import { ReportDatabase } from '#src/database/report-database.js';
import { reportScope } from '#src/modules/surveys/report-scope.js';
import { SurveyGroups } from '#src/modules/surveys/survey-groups.js';
import { UnitSurveyWindow } from '#src/modules/surveys/unit-survey-window.js';
import { ancestorsOrSelf, isWithin } from '#src/modules/units/domain/unit-tree.js';
import { activeUnitIds, type UnitTree } from '#src/modules/units/unit-tree.js';
import type { ObservationQueryDto, ObservationReportDto, ObservationWeightsDto, UnitObservationDto } from './dto/observation.dto.js';
import { ObservationSettingsEntity } from './entities/observation-settings.entity.js';

type Values = Record<ObservationComponent, number | null>;

/** Per unit (direct members), the counts the non-survey components are made of. */
interface Counts {
  headcount: number;
  openPainPoints: number;
  resolvedPainPoints: number;
  recognitions: number;
  tasksDue: number;
  tasksOnTime: number;
  exitsWeighted: number;
  cxWeighted: number;
  cxN: number;
}

/**
 * The 360° observation index per unit and month: engagement, eNPS, participation (survey rollups
 * behind the guard), open and resolved pain points, recognition, checklist tasks on time, attrition
 * (regrettable exits weighted twice) and the unit's CX metric, each normalised against the units of
 * its level and weighted by the tenant's weights. Formulas: docs/observe.md.
 */
@Injectable()
export class ObservationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reports: ReportDatabase,
    private readonly groups: SurveyGroups,
    private readonly segments: SegmentsService,
  ) {}

  async weights(tenantId: string): Promise<ObservationWeights> {
    const row = await this.dataSource.manager.findOneBy(ObservationSettingsEntity, { tenantId });
    return { ...DEFAULT_OBSERVATION_WEIGHTS, ...(row?.weights ?? {}) };
  }

  async setWeights(tenantId: string, dto: ObservationWeightsDto): Promise<ObservationWeights> {
    const weights = Object.fromEntries(OBSERVATION_COMPONENTS.map((key) => [key, dto[key]])) as ObservationWeights;
    if (OBSERVATION_COMPONENTS.every((key) => weights[key] === 0)) throw validationFailed([{ field: 'weights', message: 'at least one weight must be above 0' }]);
    await this.dataSource.manager.upsert(ObservationSettingsEntity, { tenantId, weights }, ['tenantId']);
    return this.weights(tenantId);
  }

  async report(principal: Principal, query: ObservationQueryDto): Promise<ObservationReportDto> {
    const { tenantId } = principal;
    await this.segments.refuse(
      tenantId,
      query.segmentId,
      'The observation index is per unit: its CX, checklist, pain-point, recognition and attrition components have no segment, and a segment cannot be scored against the units it cuts across.',
    );
    const { tree, unitId, timezone, k } = await reportScope(this.reports.primary, this.groups, principal, query.unitId);
    const weights = await this.weights(tenantId);
    const cxMetric = query.cxMetric ?? 'csat';
    const metric: { higher_is_better: boolean }[] = await this.reports.query(`SELECT higher_is_better FROM cx_metrics WHERE tenant_id = $1 AND key = $2`, [tenantId, cxMetric]);
    const cxHigherIsBetter = metric[0]?.higher_is_better ?? true;
    const all = await activeUnitIds(this.reports, tenantId, tree, null);
    const listed = all.filter((id) => !unitId || isWithin(id, unitId, tree.parents));
    const level = (id: string) => ancestorsOrSelf(id, tree.parents).length - 1;

    const months = Array.from({ length: query.months ?? 6 }, (_, i) => addMonths(`${query.period}-01`, -i)).reverse();
    const byMonth: Map<string, { score: ObservationScore; suppressed: boolean }>[] = [];
    for (const first of months) {
      const values = await this.values(tenantId, timezone, first, addDays(addMonths(first, 1), -1), cxMetric, tree, all, k);
      // Peers: the units of the same level that have the component (survey ones only where shown).
      const peers = new Map<number, Record<ObservationComponent, number[]>>();
      for (const id of all) {
        const lvl = level(id);
        const group = peers.get(lvl) ?? (Object.fromEntries(OBSERVATION_COMPONENTS.map((key) => [key, []])) as unknown as Record<ObservationComponent, number[]>);
        for (const key of OBSERVATION_COMPONENTS) if (values.get(id)!.values[key] !== null) group[key].push(values.get(id)!.values[key]!);
        peers.set(lvl, group);
      }
      byMonth.push(
        new Map(
          listed.map((id) => {
            const { values: own, suppressed } = values.get(id)!;
            return [id, { suppressed, score: observationIndex(own, peers.get(level(id))!, weights, cxHigherIsBetter) }];
          }),
        ),
      );
    }

    const latest = byMonth.at(-1)!;
    const units: UnitObservationDto[] = listed.map((id) => {
      const { score, suppressed } = latest.get(id)!;
      return {
        unitId: id,
        name: tree.names.get(id) ?? id,
        level: level(id),
        suppressed,
        index: suppressed ? null : score.index,
        components: suppressed ? [] : score.components,
        missing: suppressed ? [...OBSERVATION_COMPONENTS] : score.missing,
        trend: months.map((first, i) => {
          const point = byMonth[i]!.get(id)!;
          return { period: first.slice(0, 7), index: point.suppressed ? null : point.score.index };
        }),
      };
    });
    units.sort((a, b) => (b.index ?? -1) - (a.index ?? -1) || a.name.localeCompare(b.name));
    return { period: query.period, k, weights, units };
  }

  /** Every unit's component values for one month (with sub-units), and whether its survey figures may be shown. */
  private async values(
    tenantId: string,
    timezone: string,
    from: string,
    to: string,
    cxMetric: string,
    tree: UnitTree,
    units: readonly string[],
    k: number,
  ): Promise<Map<string, { values: Values; suppressed: boolean }>> {
    const [window, counts] = await Promise.all([UnitSurveyWindow.read(this.reports, tenantId, timezone, from, to), this.counts(tenantId, timezone, from, to, cxMetric)]);
    const result = new Map<string, { values: Values; suppressed: boolean }>();
    for (const id of units) {
      const pool = window.pool(id, tree.parents, k);
      const sum = (key: keyof Counts) => [...counts].reduce((total, [unit, c]) => (isWithin(unit, id, tree.parents) ? total + c[key] : total), 0);
      const headcount = sum('headcount');
      const perHead = (n: number) => (headcount > 0 ? n / headcount : null);
      const engagement = pool.drivers.get(ENGAGEMENT_DRIVER);
      const open = sum('openPainPoints');
      const resolved = sum('resolvedPainPoints');
      const due = sum('tasksDue');
      const cxN = sum('cxN');
      const shown = pool.rounds > 0;
      result.set(id, {
        suppressed: !shown,
        values: {
          engagement: shown && engagement && engagement.answered > 0 ? engagement.total / engagement.answered : null,
          enps: shown && pool.enps.answered > 0 ? (100 * (pool.enps.promoters - pool.enps.detractors)) / pool.enps.answered : null,
          participation: shown && pool.invited > 0 ? pool.responded / pool.invited : null,
          openPainPoints: perHead(open),
          resolvedPainPoints: open + resolved > 0 ? resolved / (open + resolved) : null,
          recognition: perHead(sum('recognitions')),
          checklistOnTime: due > 0 ? sum('tasksOnTime') / due : null,
          attrition: perHead(sum('exitsWeighted')),
          cx: cxN > 0 ? sum('cxWeighted') / cxN : null,
        },
      });
    }
    return result;
  }

  /** Per unit (direct members), the month's counts behind the non-survey components. */
  private async counts(tenantId: string, timezone: string, from: string, to: string, cxMetric: string): Promise<Map<string, Counts>> {
    const params = [tenantId, from, to, timezone];
    const inMonth = (column: string) => `${column} >= ($2::date)::timestamp AT TIME ZONE $4 AND ${column} < ($3::date + 1)::timestamp AT TIME ZONE $4`;
    const [headcount, pain, recognitions, tasks, exits, cx] = (await Promise.all([
      headcountOn(this.reports, tenantId, null, to, timezone, 'unit_id::text').then((m) => [...m].map(([unit_id, n]) => ({ unit_id, n }))),
      this.reports.query(
        `SELECT unit_id, count(*) FILTER (WHERE reported_on <= $3::date AND (resolved_on IS NULL OR resolved_on > $3::date))::int AS open,
                count(*) FILTER (WHERE resolved_on BETWEEN $2::date AND $3::date)::int AS resolved
         FROM pain_points WHERE tenant_id = $1 AND unit_id IS NOT NULL AND $4::text IS NOT NULL GROUP BY unit_id`,
        params,
      ),
      this.reports.query(
        `SELECT x.unit_id, count(DISTINCT x.recognition_id)::int AS n
         FROM recognition_recipients x JOIN recognitions r ON r.tenant_id = x.tenant_id AND r.id = x.recognition_id
         WHERE x.tenant_id = $1 AND r.deleted_at IS NULL AND ${inMonth('r.created_at')} AND x.unit_id IS NOT NULL GROUP BY x.unit_id`,
        params,
      ),
      this.reports.query(
        `SELECT e.unit_id, count(*)::int AS due,
                count(*) FILTER (WHERE t.status = 'done' AND (t.completed_at AT TIME ZONE $4)::date <= t.due_on)::int AS on_time
         FROM checklist_tasks t
         JOIN checklists c ON c.tenant_id = t.tenant_id AND c.id = t.checklist_id
         JOIN employees e ON e.tenant_id = c.tenant_id AND e.id = c.employee_id
         WHERE t.tenant_id = $1 AND t.due_on BETWEEN $2::date AND $3::date AND t.status <> 'skipped' AND c.status <> 'cancelled' AND e.unit_id IS NOT NULL
         GROUP BY e.unit_id`,
        params,
      ),
      this.reports.query(
        `SELECT unit_id, sum(CASE WHEN regrettable THEN 2 ELSE 1 END)::int AS n FROM separations
         WHERE tenant_id = $1 AND status = 'active' AND last_working_day BETWEEN $2::date AND $3::date AND unit_id IS NOT NULL AND $4::text IS NOT NULL
         GROUP BY unit_id`,
        params,
      ),
      this.reports.query(
        `SELECT unit_id, sum(value * n)::float8 AS weighted, sum(n)::int AS n FROM cx_observations
         WHERE tenant_id = $1 AND metric_key = $5 AND granularity = 'month' AND period = to_char($2::date, 'YYYY-MM') AND $3::date IS NOT NULL AND $4::text IS NOT NULL
         GROUP BY unit_id`,
        [...params, cxMetric],
      ),
    ])) as [
      { unit_id: string | null; n: number }[],
      { unit_id: string; open: number; resolved: number }[],
      { unit_id: string; n: number }[],
      { unit_id: string; due: number; on_time: number }[],
      { unit_id: string; n: number }[],
      { unit_id: string; weighted: number; n: number }[],
    ];
    const counts = new Map<string, Counts>();
    const at = (unit: string) => {
      let c = counts.get(unit);
      if (!c) {
        c = { headcount: 0, openPainPoints: 0, resolvedPainPoints: 0, recognitions: 0, tasksDue: 0, tasksOnTime: 0, exitsWeighted: 0, cxWeighted: 0, cxN: 0 };
        counts.set(unit, c);
      }
      return c;
    };
    for (const r of headcount) if (r.unit_id) at(r.unit_id).headcount = r.n;
    for (const r of pain) Object.assign(at(r.unit_id), { openPainPoints: r.open, resolvedPainPoints: r.resolved });
    for (const r of recognitions) at(r.unit_id).recognitions = r.n;
    for (const r of tasks) Object.assign(at(r.unit_id), { tasksDue: r.due, tasksOnTime: r.on_time });
    for (const r of exits) at(r.unit_id).exitsWeighted = r.n;
    for (const r of cx) Object.assign(at(r.unit_id), { cxWeighted: r.weighted, cxN: r.n });
    return counts;
  }
}
