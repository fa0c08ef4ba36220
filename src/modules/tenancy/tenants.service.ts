import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError } from '#src/common/errors/domain-error.js';
import { isUniqueViolation } from '#src/common/errors/postgres-errors.js';
import { DEFAULT_PAGE_SIZE, type Page, type PageQueryDto } from '#src/common/pagination/pagination.js';
import type { Principal } from '#src/common/auth/principal.js';
import { AuditLogRepository } from '#src/modules/audit/audit-log.repository.js';
import { auditDiff, auditFields } from '#src/modules/audit/domain/audit.js';
import { ApiKeysService } from '#src/modules/auth/api-keys.service.js';
import { asSystem } from '#src/common/tenancy/tenant-scope.js';
import {
  slugify,
  toTenantResponse,
  type CreateTenantDto,
  type CreatedTenantDto,
  type TenantResponseDto,
  type UpdateTenantDto,
} from './dto/tenant.dto.js';
import { TenancyProblems } from './tenancy.errors.js';
import { TenantsRepository, type TenantChanges } from './tenants.repository.js';
import type { TenantEntity } from './tenant.entity.js';
import { TenantSetup } from './tenant-setup.js';

/** Result of making sure an empty installation has a tenant to work in. */
export interface DefaultTenantBootstrap {
  readonly created: boolean;
  readonly tenant?: TenantResponseDto;
  /** The first hr_admin API key, present only when it was just created. */
  readonly apiKey?: string;
}

/** Advisory-lock key that serialises first-start bootstrapping across instances. */
const BOOTSTRAP_LOCK = 7_274_100_001;

/** The name and settings of a tenant, as the audit log compares them. */
const AUDITED_SETTINGS = [
  'name', 'anonymityThreshold', 'commentThreshold', 'timezone', 'locale', 'fullSyncDepartureGuardPercent', 'checklistBusinessDays',
] as const satisfies readonly (keyof TenantEntity)[];

@Injectable()
export class TenantsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tenants: TenantsRepository,
    private readonly apiKeys: ApiKeysService,
    private readonly setup: TenantSetup,
    private readonly audit: AuditLogRepository,
  ) {}

  /**
   * Creates a tenant, its default content (see TenantSetup) and its first hr_admin API key, together
   * or not at all. The operator's work, before any tenant scope exists: system scope.
   */
  async create(dto: CreateTenantDto): Promise<CreatedTenantDto> {
    const slug = dto.slug ?? slugify(dto.name);
    try {
      return await this.inSystemTransaction('tenant creation', async (manager) => {
        const tenant = await this.tenants.insert({ name: dto.name, slug, ...dto.settings }, manager);
        await this.setup.run(manager, tenant.id);
        const apiKey = await this.apiKeys.issue(tenant.id, { label: 'First hr_admin key', role: 'hr_admin' }, null, manager);
        return { tenant: toTenantResponse(tenant), apiKey };
      });
    } catch (error) {
      if (isUniqueViolation(error, 'uq_tenants_slug')) {
        throw new DomainError(TenancyProblems.slugTaken, `The slug ${slug} is taken; choose another with \`slug\`.`);
      }
      throw error;
    }
  }

  /** Every tenant, for the operator: system scope. */
  async list(query: PageQueryDto): Promise<Page<TenantResponseDto>> {
    const page = await asSystem('operator lists tenants', () => this.tenants.listPage(query.limit ?? DEFAULT_PAGE_SIZE, query.cursor));
    return { items: page.items.map(toTenantResponse), nextCursor: page.nextCursor };
  }

  async get(tenantId: string): Promise<TenantResponseDto> {
    return toTenantResponse(await this.require(tenantId));
  }

  /** Renames the tenant or changes its settings; the audit log keeps what changed. */
  async update(principal: Principal, dto: UpdateTenantDto): Promise<TenantResponseDto> {
    const { tenantId } = principal;
    const changes: TenantChanges = { ...dto.settings };
    if (dto.name !== undefined) changes.name = dto.name;
    if (Object.keys(changes).length > 0) {
      await this.dataSource.transaction(async (manager) => {
        const before = await this.tenants.findForUpdate(manager, tenantId);
        if (!before || !(await this.tenants.update(manager, tenantId, changes, dto.version))) {
          throw new DomainError(TenancyProblems.staleVersion, `The settings changed since version ${dto.version}; read them again.`);
        }
        const after = (await this.tenants.findForUpdate(manager, tenantId))!;
        const diff = auditDiff(auditFields(before, AUDITED_SETTINGS), auditFields(after, AUDITED_SETTINGS));
        if (diff) await this.audit.record(manager, tenantId, principal, [{ action: 'tenant.updated', entityType: 'tenant', entityId: tenantId, ...diff }]);
      });
    }
    return this.get(tenantId);
  }

  /**
   * On an empty installation, creates a default tenant and an hr_admin API key (the given key, or
   * a generated one). Safe when several instances start at once: one creates, the others see it.
   * Start-up work across tenants: system scope.
   */
  async ensureDefaultTenant(bootstrapKey?: string): Promise<DefaultTenantBootstrap> {
    return this.inSystemTransaction('default tenant at start-up', async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [BOOTSTRAP_LOCK]);
      if (await this.tenants.exists(manager)) return { created: false };
      const tenant = await this.tenants.insert({ name: 'Default organisation', slug: 'default' }, manager);
      await this.setup.run(manager, tenant.id);
      const apiKey = await this.apiKeys.issue(
        tenant.id,
        { label: 'Bootstrap hr_admin key', role: 'hr_admin', key: bootstrapKey },
        null,
        manager,
      );
      return { created: true, tenant: toTenantResponse(tenant), apiKey: apiKey.key };
    });
  }

  private inSystemTransaction<T>(reason: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return asSystem(reason, () => this.dataSource.transaction(work));
  }

  private async require(tenantId: string): Promise<TenantEntity> {
    const tenant = await this.tenants.findById(tenantId);
    // The caller's own tenant always exists; a missing one means it was removed under a live credential.
    if (!tenant) throw new Error(`Tenant ${tenantId} of a valid credential does not exist`);
    return tenant;
  }
}
