import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { decodeCursor, toPage, type Page } from '#src/common/pagination/pagination.js';
import { TenantEntity } from './tenant.entity.js';

export type NewTenant = Pick<TenantEntity, 'name' | 'slug'> & Partial<Pick<TenantEntity, 'anonymityThreshold' | 'commentThreshold' | 'timezone' | 'locale' | 'fullSyncDepartureGuardPercent' | 'checklistBusinessDays'>>;
export type TenantChanges = Partial<
  Pick<TenantEntity, 'name' | 'anonymityThreshold' | 'commentThreshold' | 'checklistBusinessDays' | 'timezone' | 'locale' | 'fullSyncDepartureGuardPercent'>
>;

@Injectable()
export class TenantsRepository {
  constructor(@InjectRepository(TenantEntity) private readonly tenants: Repository<TenantEntity>) {}

  insert(values: NewTenant, manager: EntityManager): Promise<TenantEntity> {
    const repository = manager.getRepository(TenantEntity);
    return repository.save(repository.create(values));
  }

  findById(id: string): Promise<TenantEntity | null> {
    return this.tenants.findOneBy({ id });
  }

  /** The tenant, row-locked until the transaction ends. */
  findForUpdate(manager: EntityManager, id: string): Promise<TenantEntity | null> {
    return manager.getRepository(TenantEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async exists(manager: EntityManager): Promise<boolean> {
    return (await manager.getRepository(TenantEntity).count({ take: 1 })) > 0;
  }

  /** Applies changes when the row still has the expected version (when given); false when it was changed meanwhile. */
  async update(manager: EntityManager, id: string, changes: TenantChanges, expectedVersion?: number): Promise<boolean> {
    const query = manager
      .createQueryBuilder()
      .update(TenantEntity)
      .set({ ...changes, version: () => 'version + 1', updatedAt: () => 'now()' })
      .where('id = :id', { id });
    if (expectedVersion !== undefined) query.andWhere('version = :expectedVersion', { expectedVersion });
    return ((await query.execute()).affected ?? 0) > 0;
  }

  async listPage(limit: number, cursor?: string): Promise<Page<TenantEntity>> {
    const query = this.tenants.createQueryBuilder('tenant');
    if (cursor) {
      const position = decodeCursor(cursor);
      query.where('(tenant.slug, tenant.id) > (:cursorValue, :cursorId)', { cursorValue: position.value, cursorId: position.id });
    }
    const rows = await query.orderBy('tenant.slug', 'ASC').addOrderBy('tenant.id', 'ASC').limit(limit + 1).getMany();
    return toPage(rows, limit, (tenant) => ({ value: tenant.slug, id: tenant.id }));
  }
}
