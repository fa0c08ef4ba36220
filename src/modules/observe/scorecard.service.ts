import { Injectable } from '@nestjs/common';
import { ReportDatabase } from '#src/database/report-database.js';
import type { Principal } from '#src/common/auth/principal.js';
import { toCsv } from '#src/common/http/csv.js';
import { AuditLogRepository } from '#src/modules/audit/audit-log.repository.js';
import { exportAudit } from '#src/modules/audit/domain/audit.js';
import { subtreeSql } from '#src/modules/units/unit-tree.js';
import { BenchmarkService } from './benchmark.service.js';
import type { ScorecardDto } from './dto/scorecard.dto.js';
import { LoyaltyLadderService } from './loyalty-ladder.service.js';
import { ObservationService } from './observation.service.js';

const TOP_PAIN_POINTS = 5;

/**
 * One page about one unit: its observation index, ladder, benchmark position, top pain points and
 * open actions. Each part comes from its own report, with that report's scope and anonymity rules.
 */
@Injectable()
export class ScorecardService {
  constructor(
    private readonly reports: ReportDatabase,
    private readonly observation: ObservationService,
    private readonly ladder: LoyaltyLadderService,
    private readonly benchmark: BenchmarkService,
    private readonly audit: AuditLogRepository,
  ) {}

  async scorecard(principal: Principal, unitId: string, period: string): Promise<ScorecardDto> {
    // Each report checks the unit against the caller's reporting line (400 unknown, 403 outside).
    const [observation, ladder, benchmark] = await Promise.all([
      this.observation.report(principal, { period, unitId, months: 6 }),
      this.ladder.ladder(principal, { period, unitId }),
      this.benchmark.benchmark(principal, { period, unitId }),
    ]);
    const params = [principal.tenantId, unitId];
    const [pains, actions] = (await Promise.all([
      this.reports.query(
        `${subtreeSql('$1', '$2')}
         SELECT p.id, t.name AS touchpoint, p.description, p.severity, p.me_too_count AS me_toos, p.status
         FROM pain_points p JOIN journey_touchpoints t ON t.tenant_id = p.tenant_id AND t.id = p.touchpoint_id
         WHERE p.tenant_id = $1 AND p.unit_id IN (SELECT id FROM subtree) AND p.status NOT IN ('resolved', 'wont_fix')
         ORDER BY p.me_too_count DESC, p.severity DESC, p.id LIMIT ${TOP_PAIN_POINTS}`,
        params,
      ),
      this.reports.query(
        `${subtreeSql('$1', '$2')}
         SELECT a.id, a.title, a.driver_key, a.status, to_char(a.due_on, 'YYYY-MM-DD') AS due_on
         FROM survey_actions a WHERE a.tenant_id = $1 AND a.unit_id IN (SELECT id FROM subtree) AND a.status <> 'done'
         ORDER BY a.due_on NULLS LAST, a.created_at, a.id`,
        params,
      ),
    ])) as [
      { id: string; touchpoint: string; description: string; severity: number; me_toos: number; status: string }[],
      { id: string; title: string; driver_key: string; status: string; due_on: string | null }[],
    ];
    const own = observation.units.find((u) => u.unitId === unitId)!;
    return {
      unitId,
      name: own.name,
      period,
      observation: own,
      ladder: ladder.units.find((u) => u.unitId === unitId)!,
      benchmark: benchmark.units.find((u) => u.unitId === unitId)!,
      topPainPoints: pains.map((p) => ({ id: p.id, touchpoint: p.touchpoint, description: p.description, severity: p.severity, meToos: p.me_toos, status: p.status })),
      openActions: actions.map((a) => ({ id: a.id, title: a.title, driverKey: a.driver_key, status: a.status, dueOn: a.due_on })),
    };
  }

  /** The scorecard as CSV: one row per figure (section, item, value). */
  async csv(principal: Principal, unitId: string, period: string): Promise<string> {
    const card = await this.scorecard(principal, unitId, period);
    const rows: (string | number | null)[][] = [['section', 'item', 'value']];
    rows.push(['observation', 'index', card.observation.index]);
    for (const c of card.observation.components) rows.push(['observation', c.key, c.value], ['observation points', c.key, c.points]);
    for (const point of card.observation.trend) rows.push(['trend', point.period, point.index]);
    const rungs = card.ladder.rungs;
    for (const [item, value] of Object.entries(rungs ?? {})) rows.push(['ladder', item, value]);
    rows.push(['ladder', 'advocates', card.ladder.advocates], ['ladder', 'snake', String(card.ladder.snake)]);
    for (const d of card.benchmark.drivers) rows.push(['benchmark percentile', d.key, d.percentile], ['benchmark gap to p75', d.key, d.gapToBar]);
    for (const p of card.topPainPoints) rows.push(['pain point', `${p.touchpoint}: ${p.description}`, p.meToos]);
    for (const a of card.openActions) rows.push(['open action', a.title, a.status]);
    await this.audit.recordExport(principal.tenantId, principal, exportAudit('unit', unitId, { export: 'scorecard', format: 'csv', query: { period } }));
    return toCsv(rows);
  }
}
