import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, type EntityManager, type Repository } from 'typeorm';
import { decodeCursor, toPage, type Page } from '#src/common/pagination/pagination.js';
import type { Role } from '#src/common/auth/principal.js';
import { asSystem } from '#src/common/tenancy/tenant-scope.js';
import { UserEntity } from './user.entity.js';
import type { UserSort } from './dto/user.dto.js';

export interface UserListFilter {
  readonly role?: Role;
  readonly q?: string;
  readonly includeInactive?: boolean;
  readonly sort: UserSort;
  readonly limit: number;
  readonly cursor?: string;
}

export interface UserChanges {
  displayName?: string | null;
  role?: Role;
  passwordHash?: string;
  employeeId?: string | null;
  deactivatedAt?: Date | null;
}

/** A user who may sign in with a given e-mail, with the slug of the tenant it belongs to. */
export interface LoginCandidate {
  readonly user: UserEntity;
  readonly tenantSlug: string;
}

@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  findInTenant(tenantId: string, id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ tenantId, id });
  }

  findActiveInTenant(tenantId: string, id: string): Promise<UserEntity | null> {
    return this.users
      .createQueryBuilder('user')
      .where('user.tenant_id = :tenantId AND user.id = :id AND user.deactivated_at IS NULL', { tenantId, id })
      .getOne();
  }

  /**
   * Active users with a password and this e-mail, in every tenant (login happens before the tenant
   * is known): system scope.
   */
  async findLoginCandidates(email: string, tenantSlug?: string): Promise<LoginCandidate[]> {
    const query = this.users
      .createQueryBuilder('user')
      .innerJoin('tenants', 'tenant', 'tenant.id = user.tenant_id')
      .addSelect('tenant.slug', 'tenant_slug')
      .where('user.email = :email AND user.deactivated_at IS NULL AND user.password_hash IS NOT NULL', { email })
      .limit(20);
    if (tenantSlug) query.andWhere('tenant.slug = :tenantSlug', { tenantSlug });
    const { entities, raw } = await asSystem('sign-in by e-mail', () => query.getRawAndEntities<{ tenant_slug: string }>());
    return entities.map((user, i) => ({ user, tenantSlug: raw[i]!.tenant_slug }));
  }

  /** The user, row-locked until the transaction ends. */
  findForUpdate(manager: EntityManager, tenantId: string, id: string): Promise<UserEntity | null> {
    return manager.getRepository(UserEntity).findOne({ where: { tenantId, id }, lock: { mode: 'pessimistic_write' } });
  }

  insert(manager: EntityManager, values: Pick<UserEntity, 'tenantId' | 'email' | 'displayName' | 'role' | 'passwordHash' | 'employeeId'>): Promise<UserEntity> {
    const repository = manager.getRepository(UserEntity);
    return repository.save(repository.create({ ...values, deactivatedAt: null, lastLoginAt: null }));
  }

  /**
   * Applies changes when the row still has the expected version (when one is given); returns the
   * updated row, or null when it was changed meanwhile.
   */
  async update(manager: EntityManager, tenantId: string, id: string, changes: UserChanges, expectedVersion?: number): Promise<UserEntity | null> {
    const query = manager
      .createQueryBuilder()
      .update(UserEntity)
      .set({ ...changes, version: () => 'version + 1', updatedAt: () => 'now()' })
      .where('tenant_id = :tenantId AND id = :id', { tenantId, id })
      .returning('*');
    if (expectedVersion !== undefined) query.andWhere('version = :expectedVersion', { expectedVersion });
    const result = await query.execute();
    if (!result.affected) return null;
    return manager.getRepository(UserEntity).findOneBy({ tenantId, id });
  }

  async recordLogin(tenantId: string, id: string): Promise<void> {
    await this.users.update({ tenantId, id }, { lastLoginAt: () => 'now()' });
  }

  async listPage(tenantId: string, filter: UserListFilter): Promise<Page<UserEntity>> {
    const descending = filter.sort.startsWith('-');
    const column = filter.sort.replace('-', '') === 'email' ? 'user.email' : 'user.created_at';
    const direction = descending ? 'DESC' : 'ASC';
    const query = this.users.createQueryBuilder('user').where('user.tenant_id = :tenantId', { tenantId });
    if (!filter.includeInactive) query.andWhere('user.deactivated_at IS NULL');
    if (filter.role) query.andWhere('user.role = :role', { role: filter.role });
    if (filter.q) {
      const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query.andWhere(
        new Brackets((w) => w.where('user.email ILIKE :pattern', { pattern }).orWhere('user.display_name ILIKE :pattern', { pattern })),
      );
    }
    if (filter.cursor) {
      const position = decodeCursor(filter.cursor);
      const comparator = descending ? '<' : '>';
      query.andWhere(`(${column}, user.id) ${comparator} (:cursorValue, :cursorId)`, {
        cursorValue: position.value,
        cursorId: position.id,
      });
    }
    const rows = await query.orderBy(column, direction).addOrderBy('user.id', direction).limit(filter.limit + 1).getMany();
    return toPage(rows, filter.limit, (user) => ({
      value: column === 'user.email' ? user.email : user.createdAt.toISOString(),
      id: user.id,
    }));
  }
}
