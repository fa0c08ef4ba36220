import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { DomainError } from '#src/common/errors/domain-error.js';
import { isUniqueViolation } from '#src/common/errors/postgres-errors.js';
import { validationFailed } from '#src/common/http/validation.js';
import { TenantSetup } from '#src/modules/tenancy/tenant-setup.js';
import { DEFAULT_REASONS } from './domain/separations.js';
import type { CreateReasonDto, ReasonDto, UpdateReasonDto } from './dto/separation.dto.js';
import { SeparationReasonEntity } from './entities/separation-reason.entity.js';
import { SeparationsProblems } from './separations.errors.js';

/** The tenant's taxonomy of reasons for leaving: the defaults plus its own; retired reasons stay for history. */
@Injectable()
export class ReasonsService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tenantSetup: TenantSetup,
  ) {}

  onModuleInit(): void {
    this.tenantSetup.register('separation-reasons', async (manager, tenantId) => {
      await manager.insert(
        SeparationReasonEntity,
        DEFAULT_REASONS.map(({ key, name, description }) => ({ tenantId, key, name, description, builtin: true, retiredAt: null })),
      );
    });
  }

  async list(tenantId: string, includeRetired: boolean): Promise<ReasonDto[]> {
    const rows = await this.dataSource.manager.find(SeparationReasonEntity, { where: { tenantId }, order: { builtin: 'DESC', key: 'ASC' } });
    return rows.filter((row) => includeRetired || !row.retiredAt).map(toReasonDto);
  }

  async create(tenantId: string, dto: CreateReasonDto): Promise<ReasonDto> {
    try {
      await this.dataSource.manager.insert(SeparationReasonEntity, {
        tenantId,
        key: dto.key,
        name: dto.name.trim(),
        description: dto.description?.trim() || null,
        builtin: false,
        retiredAt: null,
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError(SeparationsProblems.reasonTaken, `A reason with the key ${dto.key} exists (retired ones included).`);
      throw error;
    }
    return toReasonDto(await this.require(tenantId, dto.key));
  }

  async update(tenantId: string, key: string, dto: UpdateReasonDto): Promise<ReasonDto> {
    const current = await this.require(tenantId, key);
    const changes: Partial<SeparationReasonEntity> = {};
    if (dto.name !== undefined) changes.name = dto.name.trim();
    if (dto.description !== undefined) changes.description = dto.description?.trim() || null;
    if (dto.retired !== undefined && dto.retired !== (current.retiredAt !== null)) changes.retiredAt = dto.retired ? new Date() : null;
    if (Object.keys(changes).length > 0) await this.dataSource.manager.update(SeparationReasonEntity, { tenantId, key }, changes);
    return toReasonDto(await this.require(tenantId, key));
  }

  /**
   * Checks that the reasons of a separation exist and are not retired. A reason the separation
   * already had (`current`) may stay even if it was retired since.
   */
  async checkChoosable(
    manager: EntityManager,
    tenantId: string,
    primary: string,
    secondary: readonly string[],
    current?: { primaryReason: string; secondaryReasons: readonly string[] },
  ): Promise<void> {
    const keys = [primary, ...secondary];
    const rows = await manager.findBy(SeparationReasonEntity, { tenantId, key: In(keys) });
    const byKey = new Map(rows.map((row) => [row.key, row]));
    const kept = new Set(current ? [current.primaryReason, ...current.secondaryReasons] : []);
    const problem = (key: string): string | null => {
      const reason = byKey.get(key);
      if (!reason) return 'is not a reason of this organisation (GET /api/v1/separation-reasons)';
      if (reason.retiredAt && !kept.has(key)) return 'is a retired reason';
      return null;
    };
    const problems = [
      ...(problem(primary) ? [{ field: 'primaryReason', message: problem(primary)! }] : []),
      ...secondary.flatMap((key, index) => (problem(key) ? [{ field: `secondaryReasons.${index}`, message: problem(key)! }] : [])),
    ];
    if (problems.length > 0) throw validationFailed(problems);
  }

  private async require(tenantId: string, key: string): Promise<SeparationReasonEntity> {
    const reason = await this.dataSource.manager.findOneBy(SeparationReasonEntity, { tenantId, key });
    if (!reason) throw new DomainError(SeparationsProblems.reasonNotFound, `No reason ${key}.`);
    return reason;
  }
}

function toReasonDto(r: SeparationReasonEntity): ReasonDto {
  return { key: r.key, name: r.name, description: r.description, builtin: r.builtin, retired: r.retiredAt !== null };
}
