import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '#src/common/auth/principal.js';
import { validationFailed } from '#src/common/http/validation.js';
import { STAGES, type Stage } from '#src/modules/employees/domain/journey.js';
import { localDate } from '#src/modules/employees/domain/tenure-phase.js';
import { impactParts, impactScore, type ImpactInput } from './domain/impact.js';
import type { TouchpointImpactDto, TouchpointReportDto, TouchpointReportQueryDto } from './dto/analysis.dto.js';
import { subtreeSql } from '#src/modules/units/unit-tree.js';

interface Period {
  readonly label: string;
  readonly from: string;
  readonly to: string; // exclusive
}

/**
 * Where fixing friction pays most: each touchpoint's impact for a month, from its pain points,
 * reach (people entering its stage), linked checklist tasks' lateness and linked questions' score
 * and comments; the change since the month before; the top moments of each stage; and how fast
 * each owner resolves pain points. Numbers from surveys follow the anonymity thresholds.
 */
@Injectable()
export class TouchpointAnalysisService {
  constructor(private readonly dataSource: DataSource) {}

  /** The report; `withChange: false` skips the previous month (the map shows no change). */
  async report(principal: Principal, query: TouchpointReportQueryDto, { withChange = true } = {}): Promise<TouchpointReportDto> {
    const tenantId = principal.tenantId;
    const [tenant] = (await this.dataSource.query(`SELECT timezone, anonymity_threshold AS k, comment_threshold AS ck FROM tenants WHERE id = $1`, [tenantId])) as [
      { timezone: string; k: number; ck: number },
    ];
    if (query.unitId) {
      const unit: unknown[] = await this.dataSource.query(`SELECT 1 FROM units WHERE tenant_id = $1 AND id = $2`, [tenantId, query.unitId]);
      if (unit.length === 0) throw validationFailed([{ field: 'unitId', message: 'does not match a unit' }]);
    }
    const today = localDate(new Date(), tenant.timezone);
    const current = monthPeriod(query.period ?? today.slice(0, 7));
    const previous = monthPeriod(shiftMonth(current.label, -1));
    const now = await this.inputs(tenantId, current, query, tenant, today);
    const before = withChange ? await this.inputs(tenantId, previous, query, tenant, today) : new Map<string, never>();
    const maxReach = Math.max(0, ...[...now.values()].map((x) => x.input.reach));
    const maxReachBefore = Math.max(0, ...[...before.values()].map((x) => x.input.reach));

    const touchpoints: TouchpointImpactDto[] = [...now.entries()].map(([id, { name, stage, input }]) => {
      const parts = impactParts(input, maxReach);
      const impact = impactScore(parts);
      const earlier = before.get(id);
      return {
        touchpointId: id,
        name,
        stage,
        reports: input.reports,
        meToos: input.meToos,
        meanSeverity: input.meanSeverity === null ? null : Math.round(input.meanSeverity * 100) / 100,
        reach: input.reach,
        parts,
        impact,
        change: earlier ? Math.round((impact - impactScore(impactParts(earlier.input, maxReachBefore))) * 10) / 10 : null,
      };
    });
    touchpoints.sort((a, b) => b.impact - a.impact || a.name.localeCompare(b.name));
    return {
      period: current.label,
      touchpoints,
      momentsThatMatter: STAGES.filter((stage) => !query.stage || stage === query.stage).map((stage) => ({
        stage,
        touchpointIds: touchpoints.filter((t) => t.stage === stage && t.impact > 0).slice(0, 3).map((t) => t.touchpointId),
      })),
      resolution: await this.resolution(tenantId, current, query),
    };
  }

  /** Every active touchpoint's evidence for a period. */
  private async inputs(
    tenantId: string,
    period: Period,
    query: TouchpointReportQueryDto,
    tenant: { timezone: string; k: number; ck: number },
    today: string,
  ): Promise<Map<string, { name: string; stage: Stage; input: ImpactInput }>> {
    // $1 tenant, $2 from, $3 to, $4 unit (with sub-units) or null, $5 stage or null. Every query takes
    // the same parameters; those filtered by stage through their touchpoint name $5 only to keep it typed.
    const params = [tenantId, period.from, period.to, query.unitId ?? null, query.stage ?? null];
    const inUnit = (column: string) => `($4::uuid IS NULL OR ${column} IN (SELECT id FROM subtree))`;
    const subtree = subtreeSql('$1', '$4');
    const [touchpoints, pains, reach, lateness, questions, comments] = await Promise.all([
      this.dataSource.query(
        `SELECT id, name, stage FROM journey_touchpoints WHERE tenant_id = $1 AND retired_at IS NULL AND ($2::text IS NULL OR stage = $2) ORDER BY stage, position`,
        [tenantId, query.stage ?? null],
      ) as Promise<{ id: string; name: string; stage: Stage }[]>,
      this.dataSource.query(
        `${subtree}
         SELECT touchpoint_id, count(*)::int AS reports, sum(me_too_count)::int AS me_toos, avg(severity)::float AS mean_severity
         FROM pain_points WHERE tenant_id = $1 AND reported_on >= $2 AND reported_on < $3 AND ${inUnit('unit_id')} AND ($5::text IS NULL OR TRUE)
         GROUP BY touchpoint_id`,
        params,
      ) as Promise<{ touchpoint_id: string; reports: number; me_toos: number; mean_severity: number }[]>,
      this.dataSource.query(
        `${subtree}, local AS (SELECT timezone FROM tenants WHERE id = $1)
         SELECT st.to_stage AS stage, count(DISTINCT st.employee_id)::int AS reach
         FROM stage_transitions st JOIN employees e ON e.tenant_id = st.tenant_id AND e.id = st.employee_id, local
         WHERE st.tenant_id = $1 AND (st.effective_at AT TIME ZONE local.timezone)::date >= $2 AND (st.effective_at AT TIME ZONE local.timezone)::date < $3
           AND ${inUnit('e.unit_id')} AND ($5::text IS NULL OR st.to_stage = $5)
         GROUP BY st.to_stage`,
        params,
      ) as Promise<{ stage: Stage; reach: number }[]>,
      this.dataSource.query(
        `${subtree}
         SELECT l.touchpoint_id, count(*)::int AS total,
                count(*) FILTER (WHERE (t.status = 'done' AND (t.completed_at AT TIME ZONE $6)::date > t.due_on) OR (t.status = 'open' AND t.due_on < $7::date))::int AS late
         FROM touchpoint_links l
         JOIN checklists c ON c.tenant_id = l.tenant_id AND c.template_id = l.template_id AND c.status <> 'cancelled'
         JOIN checklist_tasks t ON t.tenant_id = c.tenant_id AND t.checklist_id = c.id AND t.key = l.task_key
         JOIN employees e ON e.tenant_id = c.tenant_id AND e.id = c.employee_id
         WHERE l.tenant_id = $1 AND l.kind = 'checklist_task' AND t.due_on >= $2 AND t.due_on < $3 AND ${inUnit('e.unit_id')} AND ($5::text IS NULL OR TRUE)
         GROUP BY l.touchpoint_id`,
        [...params, tenant.timezone, today],
      ) as Promise<{ touchpoint_id: string; total: number; late: number }[]>,
      this.dataSource.query(
        `${subtree}
         SELECT l.touchpoint_id, sum(ro.answered)::int AS answered, sum(ro.total)::int AS total
         FROM touchpoint_links l
         JOIN survey_rollups ro ON ro.tenant_id = l.tenant_id AND ro.question_id = l.question_id
         JOIN survey_rounds r ON r.tenant_id = ro.tenant_id AND r.id = ro.round_id
         JOIN survey_segment_counts sc ON sc.tenant_id = ro.tenant_id AND sc.round_id = ro.round_id AND sc.segment_key = ro.segment_key
         WHERE l.tenant_id = $1 AND l.kind = 'survey_question' AND (r.opened_at AT TIME ZONE $6)::date >= $2 AND (r.opened_at AT TIME ZONE $6)::date < $3
           AND r.questions @> jsonb_build_array(jsonb_build_object('id', l.question_id::text, 'type', 'likert5'))
           AND ${inUnit('sc.unit_id')} AND ($5::text IS NULL OR TRUE)
         GROUP BY l.touchpoint_id`,
        [...params, tenant.timezone],
      ) as Promise<{ touchpoint_id: string; answered: number; total: number }[]>,
      this.dataSource.query(
        `${subtree}
         SELECT l.touchpoint_id, count(*) FILTER (WHERE c.sentiment_label IS NOT NULL)::int AS scored,
                count(*) FILTER (WHERE c.sentiment_label = 'negative')::int AS negative
         FROM touchpoint_links l
         JOIN survey_comments c ON c.tenant_id = l.tenant_id AND c.question_id = l.question_id
         JOIN survey_rounds r ON r.tenant_id = c.tenant_id AND r.id = c.round_id
         WHERE l.tenant_id = $1 AND l.kind = 'survey_question' AND (r.opened_at AT TIME ZONE $6)::date >= $2 AND (r.opened_at AT TIME ZONE $6)::date < $3
           AND ${inUnit('c.unit_id')} AND ($5::text IS NULL OR TRUE)
         GROUP BY l.touchpoint_id`,
        [...params, tenant.timezone],
      ) as Promise<{ touchpoint_id: string; scored: number; negative: number }[]>,
    ]);
    return new Map(
      touchpoints.map((t) => {
        const pain = pains.find((p) => p.touchpoint_id === t.id);
        const late = lateness.find((x) => x.touchpoint_id === t.id);
        const question = questions.find((x) => x.touchpoint_id === t.id);
        const comment = comments.find((x) => x.touchpoint_id === t.id);
        const input: ImpactInput = {
          reports: pain?.reports ?? 0,
          meToos: pain?.me_toos ?? 0,
          meanSeverity: pain ? pain.mean_severity : null,
          reach: reach.find((r) => r.stage === t.stage)?.reach ?? 0,
          lateShare: late && late.total > 0 ? late.late / late.total : null,
          // Survey evidence only from the thresholds on, like every survey number.
          negativeShare: comment && comment.scored >= tenant.ck ? comment.negative / comment.scored : null,
          questionMean: question && question.answered >= tenant.k ? question.total / question.answered : null,
        };
        return [t.id, { name: t.name, stage: t.stage, input }];
      }),
    );
  }

  /** Median days from report to resolved, per touchpoint owner (unit name or role), for pain points resolved in the period. */
  private async resolution(tenantId: string, period: Period, query: TouchpointReportQueryDto): Promise<TouchpointReportDto['resolution']> {
    const rows: { owner: string; resolved: number; median_days: number | null }[] = await this.dataSource.query(
      `${subtreeSql('$1', '$4')}
       SELECT coalesce(u.name, t.owner_role, 'unowned') AS owner, count(*)::int AS resolved,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY p.resolved_on - p.reported_on) AS median_days
       FROM pain_points p
       JOIN journey_touchpoints t ON t.tenant_id = p.tenant_id AND t.id = p.touchpoint_id
       LEFT JOIN units u ON u.tenant_id = t.tenant_id AND u.id = t.owner_unit_id
       WHERE p.tenant_id = $1 AND p.status = 'resolved' AND p.resolved_on >= $2 AND p.resolved_on < $3
         AND ($4::uuid IS NULL OR p.unit_id IN (SELECT id FROM subtree)) AND ($5::text IS NULL OR t.stage = $5)
       GROUP BY 1 ORDER BY 1`,
      [tenantId, period.from, period.to, query.unitId ?? null, query.stage ?? null],
    );
    return rows.map((r) => ({ owner: r.owner, resolved: r.resolved, medianDays: r.median_days === null ? null : Number(r.median_days) }));
  }
}

function monthPeriod(label: string): Period {
  return { label, from: `${label}-01`, to: `${shiftMonth(label, 1)}-01` };
}

function shiftMonth(label: string, months: number): string {
  const [year, month] = label.split('-').map(Number) as [number, number];
  const index = year * 12 + (month - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
