import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '#src/common/errors/domain-error.js';
import { isUniqueViolation } from '#src/common/errors/postgres-errors.js';
import { validationFailed } from '#src/common/http/validation.js';
import { TenantSetup } from '#src/modules/tenancy/tenant-setup.js';
import { CxProblems } from './cx.errors.js';
import { DEFAULT_METRICS, rangeFor } from './domain/metrics.js';
import { toCxMetricDto, type CreateCxMetricDto, type CxMetricDto, type CxMetricListDto } from './dto/cx-metric.dto.js';
import { CxMetricEntity } from './entities/cx-metric.entity.js';

/** The organisation's customer metrics: `csat` and `nps` from the start, more as HR defines them. */
@Injectable()
export class CxMetricsService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tenantSetup: TenantSetup,
  ) {}

  onModuleInit(): void {
    this.tenantSetup.register('cx-metrics', async (manager, tenantId) => {
      // A metric HR already made under a default's key stays as it is.
      await manager.createQueryBuilder().insert().into(CxMetricEntity).values(DEFAULT_METRICS.map((m) => ({ tenantId, ...m }))).orIgnore().execute();
    });
  }

  async list(tenantId: string): Promise<CxMetricListDto> {
    const metrics = await this.dataSource.manager.find(CxMetricEntity, { where: { tenantId }, order: { key: 'ASC' } });
    return { items: metrics.map(toCxMetricDto) };
  }

  async create(tenantId: string, dto: CreateCxMetricDto): Promise<CxMetricDto> {
    const range = rangeFor(dto.kind, { min: dto.minValue, max: dto.maxValue });
    if (typeof range === 'string') throw validationFailed([{ field: dto.minValue === undefined ? 'maxValue' : 'minValue', message: range }]);
    const metric = { tenantId, key: dto.key, name: dto.name, kind: dto.kind, minValue: range.min, maxValue: range.max, higherIsBetter: dto.higherIsBetter ?? true };
    try {
      await this.dataSource.manager.insert(CxMetricEntity, metric);
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError(CxProblems.metricExists, `The organisation already has a CX metric ${dto.key}.`);
      throw error;
    }
    return toCxMetricDto(metric as CxMetricEntity);
  }

  /** The metric of a key, or null. */
  find(tenantId: string, key: string): Promise<CxMetricEntity | null> {
    return this.dataSource.manager.findOneBy(CxMetricEntity, { tenantId, key });
  }
}
