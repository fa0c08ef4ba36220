import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Granularity } from './domain/periods.js';

/** A checked row, ready to store. */
export interface ObservationRow {
  readonly position: number;
  readonly unitId: string;
  readonly metricKey: string;
  readonly period: string;
  readonly granularity: Granularity;
  readonly value: number;
  readonly n: number;
}

/** The queries of CX observations. */
@Injectable()
export class CxObservationsRepository {
  /** Ids of the given units that exist in the tenant. */
  async existingUnitIds(manager: EntityManager, tenantId: string, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows: { id: string }[] = await manager.query(`SELECT id FROM units WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [tenantId, ids]);
    return new Set(rows.map((r) => r.id));
  }

  /** Unit ids by external id, for the given external ids. */
  async unitIdsByExternalId(manager: EntityManager, tenantId: string, externalIds: string[]): Promise<Map<string, string>> {
    if (externalIds.length === 0) return new Map();
    const rows: { id: string; external_id: string }[] = await manager.query(
      `SELECT id, external_id FROM units WHERE tenant_id = $1 AND external_id = ANY($2::text[])`,
      [tenantId, externalIds],
    );
    return new Map(rows.map((r) => [r.external_id, r.id]));
  }

  /**
   * Upserts the rows in one statement and says, per position, what happened: created, updated
   * (value or n changed) or unchanged (nothing written). Rows must have distinct keys.
   */
  async upsert(manager: EntityManager, tenantId: string, rows: readonly ObservationRow[]): Promise<Map<number, { id: string; status: 'created' | 'updated' | 'unchanged' }>> {
    if (rows.length === 0) return new Map();
    const result: { position: number; id: string; status: 'created' | 'updated' | 'unchanged' }[] = await manager.query(
      `WITH input AS (
         SELECT * FROM unnest($2::int[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::float8[], $8::int[])
           AS i(position, unit_id, metric_key, period, granularity, value, n)
       ), upserted AS (
         INSERT INTO cx_observations (tenant_id, unit_id, metric_key, period, granularity, value, n)
         SELECT $1, unit_id, metric_key, period, granularity, value, n FROM input
         ON CONFLICT (tenant_id, unit_id, metric_key, period) DO UPDATE SET value = EXCLUDED.value, n = EXCLUDED.n, updated_at = now()
           WHERE cx_observations.value IS DISTINCT FROM EXCLUDED.value OR cx_observations.n IS DISTINCT FROM EXCLUDED.n
         RETURNING id, unit_id, metric_key, period, (xmax = 0) AS inserted
       )
       SELECT i.position, coalesce(u.id, o.id) AS id,
              CASE WHEN u.id IS NULL THEN 'unchanged' WHEN u.inserted THEN 'created' ELSE 'updated' END AS status
       FROM input i
       LEFT JOIN upserted u ON u.unit_id = i.unit_id AND u.metric_key = i.metric_key AND u.period = i.period
       LEFT JOIN cx_observations o ON o.tenant_id = $1 AND o.unit_id = i.unit_id AND o.metric_key = i.metric_key AND o.period = i.period`,
      [
        tenantId,
        rows.map((r) => r.position),
        rows.map((r) => r.unitId),
        rows.map((r) => r.metricKey),
        rows.map((r) => r.period),
        rows.map((r) => r.granularity),
        rows.map((r) => r.value),
        rows.map((r) => r.n),
      ],
    );
    return new Map(result.map((r) => [r.position, { id: r.id, status: r.status }]));
  }
}
