import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '#src/common/errors/domain-error.js';
import { isForeignKeyViolation, isUniqueViolation } from '#src/common/errors/postgres-errors.js';
import { validationFailed } from '#src/common/http/validation.js';
import { DEFAULT_PAGE_SIZE, type Page } from '#src/common/pagination/pagination.js';
import type { Principal } from '#src/common/auth/principal.js';
import { AuditLogRepository } from '#src/modules/audit/audit-log.repository.js';
import { auditDiff, SYSTEM_ACTOR, type AuditActor, type AuditPolicy } from '#src/modules/audit/domain/audit.js';
import { toUserResponse, type CreateUserDto, type ListUsersQueryDto, type UpdateUserDto, type UserResponseDto } from './dto/user.dto.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { UsersProblems } from './users.errors.js';
import { UsersRepository, type UserChanges } from './users.repository.js';
import type { UserEntity } from './user.entity.js';

/** The e-mail and display name identify a person; the password (hash) is a secret, recorded only as changed. */
const USER_AUDIT_POLICY: AuditPolicy = { personal: ['email', 'displayName', 'password'] };

/** Managing the people who sign in, and checking their passwords. */
@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly audit: AuditLogRepository,
  ) {}

  /** Creates a user; `actor` is who did (the system for the demo and tests). */
  async create(tenantId: string, dto: CreateUserDto, actor: AuditActor = SYSTEM_ACTOR): Promise<UserResponseDto> {
    const passwordHash = dto.password ? await hashPassword(dto.password) : null;
    const email = normaliseEmail(dto.email);
    try {
      const user = await this.dataSource.transaction(async (manager) => {
        const created = await this.users.insert(manager, {
          tenantId,
          email,
          displayName: dto.displayName ?? null,
          role: dto.role,
          passwordHash,
          employeeId: dto.employeeId ?? null,
        });
        const diff = auditDiff(null, { ...auditedUser(created), password: passwordHash ? 'set' : null }, USER_AUDIT_POLICY)!;
        await this.audit.record(manager, tenantId, actor, [{ action: 'user.created', entityType: 'user', entityId: created.id, ...diff }]);
        return created;
      });
      return toUserResponse(user);
    } catch (error) {
      if (isUniqueViolation(error, 'uq_users_tenant_email')) {
        throw new DomainError(UsersProblems.emailTaken, `A user with the e-mail ${email} already exists.`);
      }
      throw employeeLinkProblem(error);
    }
  }

  async get(tenantId: string, id: string): Promise<UserResponseDto> {
    return toUserResponse(await this.require(tenantId, id));
  }

  async list(tenantId: string, query: ListUsersQueryDto): Promise<Page<UserResponseDto>> {
    const page = await this.users.listPage(tenantId, {
      role: query.role,
      q: query.q,
      includeInactive: query.includeInactive,
      sort: query.sort ?? 'createdAt',
      limit: query.limit ?? DEFAULT_PAGE_SIZE,
      cursor: query.cursor,
    });
    return { items: page.items.map(toUserResponse), nextCursor: page.nextCursor };
  }

  async update(principal: Principal, id: string, dto: UpdateUserDto): Promise<UserResponseDto> {
    const current = await this.require(principal.tenantId, id);
    const isSelf = principal.userId === id;
    if (isSelf && (dto.active === false || (dto.role !== undefined && dto.role !== current.role))) {
      throw new DomainError(UsersProblems.selfLockout, 'Ask another hr_admin to deactivate you or change your role.');
    }
    const changes: UserChanges = {};
    if (dto.displayName !== undefined) changes.displayName = dto.displayName;
    if (dto.role !== undefined) changes.role = dto.role;
    if (dto.employeeId !== undefined) changes.employeeId = dto.employeeId;
    if (dto.password !== undefined) changes.passwordHash = await hashPassword(dto.password);
    if (dto.active !== undefined) changes.deactivatedAt = dto.active ? null : (current.deactivatedAt ?? new Date());
    if (Object.keys(changes).length === 0) return toUserResponse(current);

    const updated = await this.dataSource
      .transaction(async (manager) => {
        // Read again under a lock: the audit entry's `before` is the row this update changed.
        const before = await this.users.findForUpdate(manager, principal.tenantId, id);
        const next = before && (await this.users.update(manager, principal.tenantId, id, changes, dto.version));
        if (!before || !next) return null;
        const had = before.passwordHash ? 'set' : null;
        const diff = auditDiff({ ...auditedUser(before), password: had }, { ...auditedUser(next), password: changes.passwordHash ? 'new' : had }, USER_AUDIT_POLICY);
        if (diff) await this.audit.record(manager, principal.tenantId, principal, [{ action: 'user.updated', entityType: 'user', entityId: id, ...diff }]);
        return next;
      })
      .catch((error: unknown) => {
        throw employeeLinkProblem(error);
      });
    if (!updated) {
      throw new DomainError(UsersProblems.staleVersion, `The user was changed since version ${dto.version}; read it again.`);
    }
    return toUserResponse(updated);
  }

  /**
   * The user a login's e-mail and password identify. Returns the matches across tenants; the
   * caller decides what several matches mean.
   */
  async findByCredentials(email: string, password: string, tenantSlug?: string): Promise<UserEntity[]> {
    const candidates = await this.users.findLoginCandidates(normaliseEmail(email), tenantSlug);
    if (candidates.length === 0) {
      await verifyPassword(null, password);
      return [];
    }
    const matches: UserEntity[] = [];
    for (const { user } of candidates) {
      if (await verifyPassword(user.passwordHash, password)) matches.push(user);
    }
    return matches;
  }

  findActive(tenantId: string, id: string): Promise<UserEntity | null> {
    return this.users.findActiveInTenant(tenantId, id);
  }

  recordLogin(user: UserEntity): Promise<void> {
    return this.users.recordLogin(user.tenantId, user.id);
  }

  private async require(tenantId: string, id: string): Promise<UserEntity> {
    const user = await this.users.findInTenant(tenantId, id);
    if (!user) throw new DomainError(UsersProblems.notFound, `No user ${id}.`);
    return user;
  }
}

/**
 * What the audit log compares of a user; the callers add `password`, standing for whether one is
 * set or was just changed, never for the hash (recorded redacted).
 */
function auditedUser(u: UserEntity): Record<string, unknown> {
  return { email: u.email, displayName: u.displayName, role: u.role, employeeId: u.employeeId, active: u.deactivatedAt === null };
}

/** E-mails are stored and compared trimmed and lower-cased. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The problem a bad employee link makes: no such employee, or one another user already is. */
function employeeLinkProblem(error: unknown): unknown {
  if (isForeignKeyViolation(error, 'fk_users_employee')) return validationFailed([{ field: 'employeeId', message: 'does not match an employee' }]);
  if (isUniqueViolation(error, 'uq_users_employee')) {
    return new DomainError(UsersProblems.employeeTaken, 'Another user is already linked to this employee.');
  }
  return error;
}
