import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DataSource } from 'typeorm';
import type { FieldError } from '#src/common/errors/common-problems.js';
import { readCsv } from '#src/common/http/csv.js';
import { flattenValidationErrors, validationFailed } from '#src/common/http/validation.js';
import { CxObservationsRepository, type ObservationRow } from './cx-observations.repository.js';
import { parsePeriod } from './domain/periods.js';
import { CxObservationItemDto, MAX_BULK_OBSERVATIONS, type CxBulkResultDto, type CxObservationResultDto } from './dto/bulk-observations.dto.js';
import { CxMetricEntity } from './entities/cx-metric.entity.js';

/** The columns a CSV import may have: the fields of a bulk item. */
export const CX_CSV_COLUMNS = ['unitId', 'unitExternalId', 'metric', 'period', 'value', 'n'] as const;
const CSV_MAX_BYTES = 8 * 1024 * 1024;

/**
 * The CX front door: an idempotent upsert of customer figures keyed by unit, metric and period.
 * Rows with a problem are answered with their errors and left out; the others are stored together.
 */
@Injectable()
export class CxObservationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly observations: CxObservationsRepository,
  ) {}

  bulkUpsert(tenantId: string, items: readonly CxObservationItemDto[]): Promise<CxBulkResultDto> {
    return this.dataSource.transaction(async (manager) => {
      const [metrics, unitIds, byExternalId] = await Promise.all([
        manager.find(CxMetricEntity, { where: { tenantId } }),
        this.observations.existingUnitIds(manager, tenantId, distinct(items.map((i) => i.unitId))),
        this.observations.unitIdsByExternalId(manager, tenantId, distinct(items.map((i) => i.unitExternalId))),
      ]);
      const metricByKey = new Map(metrics.map((m) => [m.key, m]));
      const results: CxObservationResultDto[] = new Array(items.length);
      const rows: ObservationRow[] = [];
      const seen = new Map<string, number>();
      items.forEach((item, index) => {
        const errors: FieldError[] = [];
        let unitId: string | undefined;
        if ((item.unitId === undefined) === (item.unitExternalId === undefined)) {
          errors.push({ field: 'unitId', message: 'give exactly one of unitId and unitExternalId' });
        } else if (item.unitId !== undefined) {
          if (unitIds.has(item.unitId)) unitId = item.unitId;
          else errors.push({ field: 'unitId', message: 'does not match a unit' });
        } else {
          unitId = byExternalId.get(item.unitExternalId!);
          if (!unitId) errors.push({ field: 'unitExternalId', message: 'does not match a unit' });
        }
        const metric = metricByKey.get(item.metric);
        if (!metric) errors.push({ field: 'metric', message: `is not a CX metric of the organisation (known: ${[...metricByKey.keys()].sort().join(', ')})` });
        else if (item.value < metric.minValue || item.value > metric.maxValue) {
          errors.push({ field: 'value', message: `must lie within ${metric.minValue}…${metric.maxValue} for ${metric.key}` });
        }
        const period = parsePeriod(item.period);
        if (!period) errors.push({ field: 'period', message: 'must be a month YYYY-MM, an ISO week YYYY-Www or a quarter YYYY-Qn' });
        if (errors.length === 0) {
          const key = `${unitId}|${item.metric}|${item.period}`;
          const earlier = seen.get(key);
          if (earlier !== undefined) errors.push({ field: 'period', message: 'repeats the unit, metric and period of an earlier row' });
          else seen.set(key, index);
        }
        if (errors.length > 0) results[index] = { index, status: 'error', errors };
        else rows.push({ position: index, unitId: unitId!, metricKey: item.metric, period: item.period, granularity: period!.granularity, value: item.value, n: item.n });
      });
      const stored = await this.observations.upsert(manager, tenantId, rows);
      for (const row of rows) results[row.position] = { index: row.position, ...stored.get(row.position)! };
      const count = (status: string) => results.filter((r) => r.status === status).length;
      return { summary: { created: count('created'), updated: count('updated'), unchanged: count('unchanged'), errors: count('error') }, results };
    });
  }

  /** Imports a CSV file with a header row; each row is checked like a bulk item and answered with its line. */
  async importCsv(tenantId: string, body: unknown): Promise<CxBulkResultDto> {
    const records = await readCsv(body, { maxRecords: MAX_BULK_OBSERVATIONS, maxBytes: CSV_MAX_BYTES, columns: CX_CSV_COLUMNS, requiredColumns: ['metric', 'period', 'value', 'n'] });
    if (records.length === 0) throw validationFailed([{ field: 'file', message: 'has no rows after its header' }]);
    const results: CxObservationResultDto[] = new Array(records.length);
    const valid: { position: number; line: number; item: CxObservationItemDto }[] = [];
    records.forEach(({ line, values }, position) => {
      const plain = { ...values, value: toNumber(values.value), n: toNumber(values.n) };
      const item = plainToInstance(CxObservationItemDto, plain);
      const errors = flattenValidationErrors(validateSync(item, { whitelist: true, forbidNonWhitelisted: true }));
      if (errors.length > 0) results[position] = { index: position, line, status: 'error', errors };
      else valid.push({ position, line, item });
    });
    const applied = valid.length > 0 ? await this.bulkUpsert(tenantId, valid.map((v) => v.item)) : undefined;
    applied?.results.forEach((result, j) => {
      const { position, line } = valid[j]!;
      results[position] = { ...result, index: position, line };
    });
    const invalid = records.length - valid.length;
    return {
      summary: applied ? { ...applied.summary, errors: applied.summary.errors + invalid } : { created: 0, updated: 0, unchanged: 0, errors: invalid },
      results,
    };
  }
}

/** A CSV cell as a number when it is one (so validation can say "must be a number" otherwise). */
function toNumber(value: string | undefined): unknown {
  if (value === undefined) return undefined;
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value) ? Number(value) : value;
}

function distinct(values: readonly (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => !!v))];
}
