import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError } from '#src/common/errors/domain-error.js';
import { DEFAULT_PAGE_SIZE, type Page } from '#src/common/pagination/pagination.js';
import type { Principal, Role } from '#src/common/auth/principal.js';
import { AuditLogRepository } from '#src/modules/audit/audit-log.repository.js';
import { SYSTEM_ACTOR } from '#src/modules/audit/domain/audit.js';
import { inTenant } from '#src/common/tenancy/tenant-scope.js';
import { AuthProblems } from './auth.errors.js';
import { apiKeyPrefix, generateApiKey, hashApiKey } from './api-key-secrets.js';
import { ApiKeysRepository } from './api-keys.repository.js';
import {
  toApiKeyResponse,
  type ApiKeyResponseDto,
  type CreatedApiKeyDto,
  type ListApiKeysQueryDto,
} from './dto/api-key.dto.js';

export interface IssueApiKey {
  readonly label: string;
  readonly role: Role;
  readonly expiresAt?: Date;
  /** Use this value instead of a generated one (the bootstrap key from TANDEM_BOOTSTRAP_KEY). */
  readonly key?: string;
}

/** How often the last-use time of one key is written at most. */
const TOUCH_INTERVAL_MS = 60_000;

@Injectable()
export class ApiKeysService {
  private readonly lastTouched = new Map<string, number>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: ApiKeysRepository,
    private readonly audit: AuditLogRepository,
  ) {}

  /**
   * Creates a key and returns it with its secret, the only time the secret is shown; inside the
   * caller's transaction when a manager is given (a new tenant's first key, by the system).
   */
  async issue(tenantId: string, request: IssueApiKey, createdBy: Principal | null, manager?: EntityManager): Promise<CreatedApiKeyDto> {
    if (!manager) return this.dataSource.transaction((own) => this.issue(tenantId, request, createdBy, own));
    const key = request.key ?? generateApiKey();
    const entity = await this.keys.insert(
      {
        tenantId,
        label: request.label,
        role: request.role,
        prefix: apiKeyPrefix(key),
        keyHash: hashApiKey(key),
        createdByUserId: createdBy?.userId ?? null,
        createdByApiKeyId: createdBy?.apiKeyId ?? null,
        expiresAt: request.expiresAt ?? null,
      },
      manager,
    );
    // Never the key, its prefix or its hash.
    await this.audit.record(manager, tenantId, createdBy ?? SYSTEM_ACTOR, [
      {
        action: 'api_key.created',
        entityType: 'api_key',
        entityId: entity.id,
        before: null,
        after: { label: entity.label, role: entity.role, expiresAt: entity.expiresAt?.toISOString() ?? null },
      },
    ]);
    return { ...toApiKeyResponse(entity), key };
  }

  async list(tenantId: string, query: ListApiKeysQueryDto): Promise<Page<ApiKeyResponseDto>> {
    const page = await this.keys.listPage(tenantId, {
      includeRevoked: query.includeRevoked ?? false,
      limit: query.limit ?? DEFAULT_PAGE_SIZE,
      cursor: query.cursor,
    });
    return { items: page.items.map(toApiKeyResponse), nextCursor: page.nextCursor };
  }

  async get(tenantId: string, id: string): Promise<ApiKeyResponseDto> {
    const key = await this.keys.findInTenant(tenantId, id);
    if (!key) throw new DomainError(AuthProblems.apiKeyNotFound, `No API key ${id}.`);
    return toApiKeyResponse(key);
  }

  /** Revokes a key; revoking a revoked key changes nothing and succeeds (safe to retry). */
  async revoke(principal: Principal, id: string): Promise<ApiKeyResponseDto> {
    const { tenantId } = principal;
    const key = await this.dataSource.transaction(async (manager) => {
      const revoked = await this.keys.revoke(manager, tenantId, id);
      if (revoked?.revokedNow) {
        await this.audit.record(manager, tenantId, principal, [
          { action: 'api_key.revoked', entityType: 'api_key', entityId: id, before: { revokedAt: null }, after: { revokedAt: revoked.key.revokedAt!.toISOString() } },
        ]);
      }
      return revoked?.key;
    });
    if (!key) throw new DomainError(AuthProblems.apiKeyNotFound, `No API key ${id}.`);
    return toApiKeyResponse(key);
  }

  /** The caller an API key stands for, or null when the key is unknown, revoked or expired. */
  async authenticate(key: string): Promise<Principal | null> {
    const entity = await this.keys.findUsableByHash(hashApiKey(key));
    if (!entity) return null;
    const now = Date.now();
    if (now - (this.lastTouched.get(entity.id) ?? 0) > TOUCH_INTERVAL_MS) {
      this.lastTouched.set(entity.id, now);
      await inTenant(entity.tenantId, () => this.keys.touch(entity.tenantId, entity.id));
    }
    return { tenantId: entity.tenantId, role: entity.role, kind: 'api_key', userId: null, apiKeyId: entity.id };
  }
}
