import { ROLES, type Role } from '#src/common/auth/principal.js';
import { ApiKeysService } from '#src/modules/auth/api-keys.service.js';
import { TenantsService } from '#src/modules/tenancy/tenants.service.js';
import { inTenant } from '#src/common/tenancy/tenant-scope.js';
import type { TestApp } from '../utils/create-test-app.js';

/** A tenant with an API key for every role. */
export interface TenantFixture {
  readonly id: string;
  readonly slug: string;
  readonly keys: Readonly<Record<Role, string>>;
  /** `Authorization` header value for a role's key. */
  bearer(role: Role): string;
}

let sequence = 0;

/** Creates a tenant through the real service, with one API key per role. */
export async function createTenant(
  testApp: TestApp,
  overrides: { name?: string; slug?: string; anonymityThreshold?: number; commentThreshold?: number } = {},
): Promise<TenantFixture> {
  sequence += 1;
  const suffix = `${process.pid}-${sequence}-${Math.floor(Math.random() * 1e6)}`;
  const created = await testApp.app.get(TenantsService).create({
    name: overrides.name ?? `Tenant ${suffix}`,
    slug: overrides.slug ?? `t-${suffix}`,
    settings:
      overrides.anonymityThreshold || overrides.commentThreshold
        ? {
            ...(overrides.anonymityThreshold ? { anonymityThreshold: overrides.anonymityThreshold } : {}),
            ...(overrides.commentThreshold ? { commentThreshold: overrides.commentThreshold } : {}),
          }
        : undefined,
  });
  const apiKeys = testApp.app.get(ApiKeysService);
  const keys = {} as Record<Role, string>;
  for (const role of ROLES) {
    keys[role] =
      role === 'hr_admin'
        ? created.apiKey.key
        : (await inTenant(created.tenant.id, () => apiKeys.issue(created.tenant.id, { label: `${role} key`, role }, null))).key;
  }
  return { id: created.tenant.id, slug: created.tenant.slug, keys, bearer: (role) => `Bearer ${keys[role]}` };
}
