import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Which rows a unit of work may touch in PostgreSQL, behind the explicit `tenant_id` filters every
 * query already has (docs/tenancy.md). Every connection the application checks out applies the
 * scope of the code that checks it out (src/database/scoped-connections.ts); with no scope at all
 * the row-level security policies let nothing through.
 * - `tenant`: one tenant's rows (role `tandem_app`), the scope of a request once its credential is known;
 * - `system`: every tenant's rows (role `tandem_system`), for work that is cross-tenant by nature
 *   (jobs scanning due rows, sign-in by e-mail, API-key lookup, tenant creation, the demo loader).
 *   Only code that says so with {@link asSystem} gets it;
 * - `migrations`: schema changes, as the connecting (owning) user rather than an application role.
 */
export type TenantScope =
  | { readonly kind: 'tenant'; readonly tenantId: string }
  | { readonly kind: 'system'; readonly reason: string }
  | { readonly kind: 'migrations' };

const storage = new AsyncLocalStorage<TenantScope>();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Runs `work` with the database scoped to one tenant: every connection it checks out (queries,
 * transactions, repositories) sees and writes that tenant's rows only. The tenant must come from a
 * credential (a principal, a personal link's token), never from input the caller chose freely.
 */
export function inTenant<T>(tenantId: string, work: () => T): T {
  if (!UUID.test(tenantId)) throw new Error(`inTenant needs a tenant id, got ${JSON.stringify(tenantId)}`);
  return storage.run({ kind: 'tenant', tenantId }, work);
}

/**
 * Runs `work` with every tenant's rows visible: only for work that is cross-tenant by nature. The
 * reason names it (for readers and for {@link currentTenantScope}); keep the scoped work as small
 * as the lookup that needs it, and continue in {@link inTenant} once the tenant is known.
 */
export function asSystem<T>(reason: string, work: () => T): T {
  return storage.run({ kind: 'system', reason }, work);
}

/** Runs migrations as the connecting user (owner of the schema); src/database/run-migrations.ts only. */
export function asMigrations<T>(work: () => T): T {
  return storage.run({ kind: 'migrations' }, work);
}

/** The scope of the current unit of work; undefined outside every scope (no rows visible). */
export function currentTenantScope(): TenantScope | undefined {
  return storage.getStore();
}
