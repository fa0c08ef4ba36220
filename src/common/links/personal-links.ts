import { createHash, createHmac } from 'node:crypto';
import type { OnModuleInit } from '@nestjs/common';
import type { InstanceSecrets } from '#src/common/secrets/instance-secrets.js';
import { inTenant } from '#src/common/tenancy/tenant-scope.js';

const TENANT_PART = 22; // base64url of 16 bytes

/**
 * Personal links (a survey invitation, an exit interview). A token is
 * `base64url(tenant id) ‖ base64url(HMAC-SHA256(secret, tenant id:record id))`: unguessable, never
 * stored (only its SHA-256 is), yet the server can show a link again because it can recompute it.
 * Each kind of link has its own secret, made once and kept in `instance_settings`, so every
 * instance makes the same links and a token of one kind is worthless as the other.
 */
export abstract class PersonalLinks implements OnModuleInit {
  private secret: Buffer = Buffer.alloc(0);

  protected constructor(
    private readonly secrets: InstanceSecrets,
    private readonly setting: string,
  ) {}

  async onModuleInit(): Promise<void> {
    this.secret = await this.secrets.get(this.setting);
  }

  tokenFor(tenantId: string, recordId: string): string {
    const tenant = Buffer.from(tenantId.replaceAll('-', ''), 'hex').toString('base64url');
    const mac = createHmac('sha256', this.secret).update(`${tenantId}:${recordId}`).digest('base64url');
    return tenant + mac;
  }

  /** The tenant a token names, or null when it is not one of ours in shape. */
  tenantOf(token: string): string | null {
    if (!/^[A-Za-z0-9_-]{65}$/.test(token)) return null;
    const hex = Buffer.from(token.slice(0, TENANT_PART), 'base64url').toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  /**
   * Runs public work on a link in the scope of the tenant its token names (docs/tenancy.md), so a
   * token naming another tenant finds nothing; `unknown()` is the error for a token not of our shape.
   */
  inTenantOf<T>(token: string, unknown: () => Error, work: (tenantId: string) => Promise<T>): Promise<T> {
    const tenantId = this.tenantOf(token);
    if (!tenantId) return Promise.reject(unknown());
    return inTenant(tenantId, () => work(tenantId));
  }

  static hash(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }
}
