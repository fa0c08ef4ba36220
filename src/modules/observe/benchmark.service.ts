import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { percentileRank, quantile } from '#src/analytics/distribution.js';
import type { Principal } from '#src/common/auth/principal.js';
import { addDays } from '#src/modules/checklists/domain/start.js';
import { addMonths } from '#src/modules/employees/domain/tenure-phase.js';
import { ReportDatabase } from '#src/database/report-database.js';
import { reportScope } from '#src/modules/surveys/report-scope.js';
import { toAppliedSegment } from '#src/modules/segments/dto/segment.dto.js';
import { SegmentsService } from '#src/modules/segments/segments.service.js';
import { SurveyGroups } from '#src/modules/surveys/survey-groups.js';
import { driverMeans, UnitSurveyWindow } from '#src/modules/surveys/unit-survey-window.js';
import { ancestorsOrSelf, isWithin } from '#src/modules/units/domain/unit-tree.js';
import { activeUnitIds } from '#src/modules/units/unit-tree.js';
import type { BenchmarkDto, BenchmarkQueryDto, DriverDistributionDto, UnitBenchmarkDto } from './dto/benchmark.dto.js';
import { roundTo } from '#src/analytics/rounding.js';

/**
 * The internal benchmark: every unit's driver means for a month placed against the units of its
 * level in the tree (percentile rank, quartiles), with the 75th percentile as the bar priorities
 * are measured against. Only units that may be shown count, on either side. Design: docs/observe.md.
 */
@Injectable()
export class BenchmarkService {
  constructor(
    private readonly reports: ReportDatabase,
    private readonly groups: SurveyGroups,
    private readonly segments: SegmentsService,
  ) {}

  async benchmark(principal: Principal, query: BenchmarkQueryDto): Promise<BenchmarkDto> {
    const { tenantId } = principal;
    const { tree, unitId, timezone, k } = await reportScope(this.reports.primary, this.groups, principal, query.unitId);
    const first = `${query.period}-01`;
    const segment = await this.segments.forReport(tenantId, query.segmentId);
    const window = await UnitSurveyWindow.read(this.reports, tenantId, timezone, first, addDays(addMonths(first, 1), -1), segment && { applied: segment, parents: tree.parents });
    const active = await activeUnitIds(this.reports, tenantId, tree, null);
    const level = (id: string) => ancestorsOrSelf(id, tree.parents).length - 1;

    // Every shown unit of the organisation, with its driver means: the distributions.
    const all = active.map((id) => {
      const pool = window.pool(id, tree.parents, k);
      return { id, level: level(id), shown: pool.rounds > 0, means: new Map(driverMeans(pool).map((d) => [d.key, d.mean])) };
    });
    const samples = new Map<string, number[]>(); // `${level}|${driver}` → means
    for (const unit of all.filter((u) => u.shown)) {
      for (const [key, mean] of unit.means) samples.set(`${unit.level}|${key}`, [...(samples.get(`${unit.level}|${key}`) ?? []), mean]);
    }
    const distributions: DriverDistributionDto[] = [...samples.entries()]
      .map(([id, values]) => {
        const [lvl, key] = id.split('|') as [string, string];
        return { key, level: Number(lvl), units: values.length, p25: roundTo(quantile(values, 0.25)!, 2), median: roundTo(quantile(values, 0.5)!, 2), p75: roundTo(quantile(values, 0.75)!, 2) };
      })
      .sort((a, b) => a.level - b.level || a.key.localeCompare(b.key));

    const units: UnitBenchmarkDto[] = all
      .filter((u) => !unitId || isWithin(u.id, unitId, tree.parents))
      .map((u) => {
        const drivers = u.shown
          ? [...u.means.entries()].map(([key, mean]) => {
              const values = samples.get(`${u.level}|${key}`)!;
              return { key, mean, percentile: roundTo(percentileRank(values, mean)!, 1), gapToBar: roundTo(mean - quantile(values, 0.75)!, 2) };
            })
          : [];
        drivers.sort((a, b) => a.key.localeCompare(b.key));
        const priorities = drivers
          .filter((d) => d.gapToBar < 0)
          .sort((a, b) => a.gapToBar - b.gapToBar || a.key.localeCompare(b.key))
          .map((d) => d.key);
        return { unitId: u.id, name: tree.names.get(u.id) ?? u.id, level: u.level, suppressed: !u.shown, drivers, priorities };
      })
      .sort((a, b) => a.level - b.level || a.name.localeCompare(b.name));
    return { period: query.period, k, ...(segment ? { segment: toAppliedSegment(segment) } : {}), distributions, units };
  }
}
