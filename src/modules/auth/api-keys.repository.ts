import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { decodeCursor, toPage, type Page } from '#src/common/pagination/pagination.js';
import { asSystem } from '#src/common/tenancy/tenant-scope.js';
import { ApiKeyEntity } from './api-key.entity.js';

export type NewApiKey = Pick<
  ApiKeyEntity,
  'tenantId' | 'label' | 'role' | 'prefix' | 'keyHash' | 'createdByUserId' | 'createdByApiKeyId' | 'expiresAt'
>;

@Injectable()
export class ApiKeysRepository {
  constructor(@InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>) {}

  /** Inserts a key, inside the caller's transaction when a manager is given. */
  insert(values: NewApiKey, manager?: EntityManager): Promise<ApiKeyEntity> {
    const repository = manager ? manager.getRepository(ApiKeyEntity) : this.keys;
    return repository.save(repository.create({ ...values, lastUsedAt: null, revokedAt: null }));
  }

  /** The key with this hash, if it is neither revoked nor expired. A key names no tenant: system scope. */
  findUsableByHash(keyHash: string): Promise<ApiKeyEntity | null> {
    return asSystem('API-key lookup by hash', () =>
      this.keys
        .createQueryBuilder('key')
        .where('key.key_hash = :keyHash AND key.revoked_at IS NULL', { keyHash })
        .andWhere('(key.expires_at IS NULL OR key.expires_at > now())')
        .getOne(),
    );
  }

  findInTenant(tenantId: string, id: string): Promise<ApiKeyEntity | null> {
    return this.keys.findOneBy({ tenantId, id });
  }

  async listPage(tenantId: string, options: { includeRevoked: boolean; limit: number; cursor?: string }): Promise<Page<ApiKeyEntity>> {
    const query = this.keys.createQueryBuilder('key').where('key.tenant_id = :tenantId', { tenantId });
    if (!options.includeRevoked) {
      query.andWhere('key.revoked_at IS NULL AND (key.expires_at IS NULL OR key.expires_at > now())');
    }
    if (options.cursor) {
      const position = decodeCursor(options.cursor);
      query.andWhere('(key.created_at, key.id) < (:cursorValue, :cursorId)', { cursorValue: position.value, cursorId: position.id });
    }
    const rows = await query.orderBy('key.created_at', 'DESC').addOrderBy('key.id', 'DESC').limit(options.limit + 1).getMany();
    return toPage(rows, options.limit, (key) => ({ value: key.createdAt.toISOString(), id: key.id }));
  }

  /**
   * Marks the key revoked (keeping the first revocation time) and returns it, with whether this call
   * revoked it; null when there is no such key.
   */
  async revoke(manager: EntityManager, tenantId: string, id: string): Promise<{ key: ApiKeyEntity; revokedNow: boolean } | null> {
    const repository = manager.getRepository(ApiKeyEntity);
    const current = await repository.findOne({ where: { tenantId, id }, lock: { mode: 'pessimistic_write' } });
    if (!current) return null;
    if (current.revokedAt) return { key: current, revokedNow: false };
    await repository
      .createQueryBuilder()
      .update(ApiKeyEntity)
      .set({ revokedAt: () => 'now()' })
      .where('tenant_id = :tenantId AND id = :id', { tenantId, id })
      .execute();
    return { key: (await repository.findOneBy({ tenantId, id }))!, revokedNow: true };
  }

  /** Records use, at most once a minute per key, so authentication rarely writes. */
  async touch(tenantId: string, id: string): Promise<void> {
    await this.keys
      .createQueryBuilder()
      .update(ApiKeyEntity)
      .set({ lastUsedAt: () => 'now()' })
      .where('tenant_id = :tenantId AND id = :id', { tenantId, id })
      .andWhere("(last_used_at IS NULL OR last_used_at < now() - interval '1 minute')")
      .execute();
  }
}
