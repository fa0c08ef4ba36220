import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { tenantCalendar } from '#src/modules/tenancy/tenant-calendar.js';
import type { UnitKind } from '#src/modules/units/unit.entity.js';
import type { CxFigure, ExCell, OrgTree } from './domain/ex-groups.js';
import type { Granularity } from './domain/periods.js';

/** `to_char` patterns that write a date's period the way periods.ts does. */
const PERIOD_FORMAT: Readonly<Record<Granularity, string>> = { month: 'YYYY-MM', week: 'IYYY-"W"IW', quarter: 'YYYY-"Q"Q' };

/** What a survey measure reads: the question type, the driver (or any), and how the numerator adds up. */
export interface AnswerMeasure {
  readonly type: 'enps' | 'likert5';
  readonly driverKey: string | null;
}

/** The reads of the EX → CX report: counts and sums per unit, period and round, never a response. */
@Injectable()
export class ExCxRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The org tree with each unit's kind and name (archived units too: old responses may name them). */
  async orgTree(tenantId: string): Promise<OrgTree & { names: ReadonlyMap<string, string> }> {
    const rows: { id: string; parent_id: string | null; kind: UnitKind; name: string }[] = await this.dataSource.query(
      `SELECT id, parent_id, kind, name FROM units WHERE tenant_id = $1`,
      [tenantId],
    );
    return {
      parents: new Map(rows.map((r) => [r.id, r.parent_id])),
      kinds: new Map(rows.map((r) => [r.id, r.kind])),
      names: new Map(rows.map((r) => [r.id, r.name])),
    };
  }

  /**
   * Per unit, period of submission and round: the responses with an answer to the measure, and the
   * measure's numerator and denominator (eNPS: promoters − detractors over eNPS answers; likert:
   * the sum of answers over answers). Each question is read as its round asked it.
   */
  async answerCells(tenantId: string, measure: AnswerMeasure, firstDay: string, nextDay: string, granularity: Granularity): Promise<ExCell[]> {
    return (await this.answerRows(tenantId, measure, false, firstDay, nextDay, granularity)).map(toCell);
  }

  /** The likert5 cells of every driver at once (as answerCells for `driver:<key>`), by driver key. */
  async driverCells(tenantId: string, firstDay: string, nextDay: string, granularity: Granularity): Promise<Map<string, ExCell[]>> {
    const rows = await this.answerRows(tenantId, { type: 'likert5', driverKey: null }, true, firstDay, nextDay, granularity);
    const byDriver = new Map<string, ExCell[]>();
    for (const row of rows) {
      if (row.driver_key === null) continue;
      const cells = byDriver.get(row.driver_key);
      if (cells) cells.push(toCell(row));
      else byDriver.set(row.driver_key, [toCell(row)]);
    }
    return byDriver;
  }

  private answerRows(
    tenantId: string,
    measure: AnswerMeasure,
    byDriver: boolean,
    firstDay: string,
    nextDay: string,
    granularity: Granularity,
  ): Promise<(CellRow & { driver_key: string | null })[]> {
    const numerator = measure.type === 'enps' ? `count(*) FILTER (WHERE a.value >= 9) - count(*) FILTER (WHERE a.value <= 6)` : `sum(a.value)`;
    return this.dataSource.query(
      `WITH asked AS (
         SELECT r.id AS round_id, s.anonymity_threshold AS k, q.id AS question_id, q."driverKey" AS driver_key
         FROM survey_rounds r
         JOIN surveys s ON s.tenant_id = r.tenant_id AND s.id = r.survey_id
         CROSS JOIN LATERAL jsonb_to_recordset(r.questions) AS q(id uuid, "driverKey" text, type text)
         WHERE r.tenant_id = $1 AND r.opened_at < $3::date + 1 AND q.type = $5 AND ($6::text IS NULL OR q."driverKey" = $6)
       )
       SELECT resp.unit_id, to_char(resp.submitted_on, $4) AS period, resp.round_id, asked.k,
              ${byDriver ? 'asked.driver_key' : 'NULL::text'} AS driver_key,
              count(DISTINCT resp.id)::int AS count, (${numerator})::float8 AS numerator, count(*)::int AS denominator
       FROM survey_responses resp
       JOIN asked ON asked.round_id = resp.round_id
       JOIN survey_answers a ON a.tenant_id = resp.tenant_id AND a.response_id = resp.id AND a.question_id = asked.question_id
       WHERE resp.tenant_id = $1 AND resp.submitted_on >= $2::date AND resp.submitted_on < $3::date
         AND resp.unit_id IS NOT NULL AND a.value IS NOT NULL
       GROUP BY 1, 2, 3, 4, 5`,
      [tenantId, firstDay, nextDay, PERIOD_FORMAT[granularity], measure.type, measure.driverKey],
    );
  }

  /** Per invitee's unit, period in which the round opened (organisation's calendar) and round: invitations and how many answered. */
  async participationCells(tenantId: string, timezone: string, firstDay: string, nextDay: string, granularity: Granularity): Promise<ExCell[]> {
    const rows: CellRow[] = await this.dataSource.query(
      `SELECT i.unit_id, to_char((r.opened_at AT TIME ZONE $5)::date, $4) AS period, i.round_id, s.anonymity_threshold AS k,
              count(*)::int AS count, count(i.responded_on)::float8 AS numerator, count(*)::int AS denominator
       FROM survey_invitations i
       JOIN survey_rounds r ON r.tenant_id = i.tenant_id AND r.id = i.round_id
       JOIN surveys s ON s.tenant_id = r.tenant_id AND s.id = r.survey_id
       WHERE i.tenant_id = $1 AND i.unit_id IS NOT NULL
         AND (r.opened_at AT TIME ZONE $5)::date >= $2::date AND (r.opened_at AT TIME ZONE $5)::date < $3::date
       GROUP BY 1, 2, 3, 4`,
      [tenantId, firstDay, nextDay, PERIOD_FORMAT[granularity], timezone],
    );
    return rows.map(toCell);
  }

  /** The metric's figures of the granularity in periods `from` … `to`, by period. */
  async cxFigures(tenantId: string, metricKey: string, granularity: Granularity, from: string, to: string): Promise<Map<string, CxFigure[]>> {
    const rows: { unit_id: string; period: string; value: number; n: number }[] = await this.dataSource.query(
      `SELECT unit_id, period, value, n FROM cx_observations
       WHERE tenant_id = $1 AND metric_key = $2 AND granularity = $3 AND period >= $4 AND period <= $5`,
      [tenantId, metricKey, granularity, from, to],
    );
    const byPeriod = new Map<string, CxFigure[]>();
    for (const r of rows) {
      const figure = { unitId: r.unit_id, period: r.period, value: r.value, n: r.n };
      const list = byPeriod.get(r.period);
      if (list) list.push(figure);
      else byPeriod.set(r.period, [figure]);
    }
    return byPeriod;
  }

  /** The organisation's time zone and today. */
  calendar(tenantId: string): Promise<{ timezone: string; today: string }> {
    return tenantCalendar(this.dataSource, tenantId);
  }

  /** The organisation's survey drivers, by key. */
  drivers(tenantId: string): Promise<{ key: string; name: string }[]> {
    return this.dataSource.query(`SELECT key, name FROM survey_drivers WHERE tenant_id = $1 ORDER BY key`, [tenantId]);
  }

  /** Whether the tenant has a survey driver of this key. */
  async driverExists(tenantId: string, key: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM survey_drivers WHERE tenant_id = $1 AND key = $2`, [tenantId, key]);
    return rows.length > 0;
  }
}

interface CellRow {
  unit_id: string;
  period: string;
  round_id: string;
  k: number;
  count: number;
  numerator: number;
  denominator: number;
}

function toCell(r: CellRow): ExCell {
  return { unitId: r.unit_id, period: r.period, roundId: r.round_id, k: r.k, count: r.count, numerator: r.numerator, denominator: r.denominator };
}
