import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { DataSource } from 'typeorm';
import { asMigrations, asSystem, inTenant } from '#src/common/tenancy/tenant-scope.js';
import { APP_ROLE, SYSTEM_ROLE } from '#src/database/scoped-connections.js';
import { WebhookDispatcher } from '#src/modules/webhooks/webhook-dispatcher.js';
import type { TenantFixture } from './factories/tenant.factory.js';
import { createUser } from './factories/user.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';
import { signInToPages } from './utils/pages.js';
import { createWorld, type World } from './utils/world.js';

/** A table under row-level security and the column that names its tenant. */
interface TenantTable {
  readonly name: string;
  readonly column: string;
}

/**
 * Tenant isolation in depth (docs/tenancy.md): row-level security is the second wall behind the
 * explicit `tenant_id` filters. Every check here runs on real rows of two organisations, as the
 * application's role, in the scopes the application sets on its connections.
 */
describe('row-level security', () => {
  let t: TestApp;
  let world: World;
  let other: TenantFixture;
  let counts: Map<string, { all: number; mine: number }>;
  let tables: TenantTable[];

  beforeAll(async () => {
    t = await createTestApp();
    world = await createWorld(t);
    const second = await createWorld(t);
    other = second.tenant;
    // A few more kinds of rows in both organisations: replies, a page session, webhook deliveries.
    for (const w of [world, second]) {
      const hr = w.tenant.bearer('hr_admin');
      await t.http.post(w.path('/api/v1/surveys/:id/comments/:commentId/replies')).set('Authorization', hr).send({ message: 'Thank you' }).expect(201);
      await t.http.post(w.path('/api/v1/voice/:id/replies')).set('Authorization', hr).send({ text: 'Thanks' }).expect(201);
      await signInToPages(t, (await createUser(t, w.tenant, { role: 'hr_admin' })).email);
    }
    await t.app.get(WebhookDispatcher).tick();
    const rows = await t.sql.query<{ name: string }>(`
      SELECT c.relname AS name FROM pg_class c
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') ORDER BY 1`);
    tables = [{ name: 'tenants', column: 'id' }, ...rows.rows.map((r) => ({ name: r.name, column: 'tenant_id' }))];
    counts = await ownerCounts();
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  /** Runs SQL as one of the application's roles on a connection of its own, with the given tenant. */
  async function asAppRole<T>(settings: { tenant?: string; role?: string }, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await t.sql.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SELECT set_config('role', $1, true), set_config('tandem.tenant_id', $2, true)`, [settings.role ?? APP_ROLE, settings.tenant ?? '']);
      return await work(client);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  }

  /** Rows per table as the owner sees them (the test connection is a superuser): all, and the world tenant's. */
  async function ownerCounts(): Promise<Map<string, { all: number; mine: number }>> {
    const counts = new Map<string, { all: number; mine: number }>();
    for (const table of tables) {
      const { rows } = await t.sql.query<{ all: number; mine: number }>(
        `SELECT count(*)::int AS all, (count(*) FILTER (WHERE "${table.column}" = $1))::int AS mine FROM "${table.name}"`,
        [world.tenant.id],
      );
      counts.set(table.name, rows[0]!);
    }
    return counts;
  }

  it('has two organisations with rows in most tenant tables to hide from each other', () => {
    // The policies are the same on every table (test/schema.e2e-spec.ts checks them all); these are
    // the tables where the checks below also run on real rows of both.
    const empty = [...counts].filter(([, c]) => c.mine === 0 || c.all === c.mine).map(([name]) => name);
    expect(empty.length).toBeLessThanOrEqual(Math.floor(tables.length * 0.2));
  });

  it('shows no row of any tenant table to the application role when no tenant is set', async () => {
    const seen = await asAppRole({}, async (client) => {
      const result: Record<string, number> = {};
      for (const table of tables) result[table.name] = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table.name}"`)).rows[0]!.n;
      return result;
    });
    expect(Object.values(seen).every((n) => n === 0)).toBe(true);
    expect([...counts.values()].some((c) => c.all > 0)).toBe(true);
  });

  it('shows one tenant exactly its own rows when that tenant is set, and the system role every row', async () => {
    const count = (settings: { tenant?: string; role?: string }) =>
      asAppRole(settings, async (client) => {
        const counted: Record<string, number> = {};
        for (const table of tables) counted[table.name] = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table.name}"`)).rows[0]!.n;
        return counted;
      });
    const mine = await count({ tenant: world.tenant.id });
    // The system role ignores the tenant setting.
    const all = await count({ role: SYSTEM_ROLE, tenant: world.tenant.id });
    expect(mine).toEqual(Object.fromEntries([...counts].map(([name, c]) => [name, c.mine])));
    expect(all).toEqual(Object.fromEntries([...counts].map(([name, c]) => [name, c.all])));
  });

  it("refuses to write another tenant's row, by insert or by update, in every tenant table", async () => {
    const refused: Record<string, string> = {};
    for (const table of tables.filter((x) => counts.get(x.name)!.mine > 0)) {
      const columns = await t.sql.query<{ name: string }>(
        `SELECT column_name AS name FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name = $1 AND is_generated = 'NEVER' AND identity_generation IS DISTINCT FROM 'ALWAYS'
         ORDER BY ordinal_position`,
        [table.name],
      );
      const list = columns.rows.map((c) => `"${c.name}"`).join(', ');
      for (const [what, sql] of [
        // One of the tenant's own rows, as the other tenant's (and with a new id where there is one).
        [
          'insert',
          `INSERT INTO "${table.name}" (${list})
           SELECT ${list} FROM jsonb_populate_record(NULL::"${table.name}",
             (SELECT to_jsonb(x) FROM "${table.name}" x LIMIT 1) || jsonb_build_object('${table.column}', $1::uuid)
               || CASE WHEN '${table.column}' <> 'id' AND ${columns.rows.some((c) => c.name === 'id')} THEN jsonb_build_object('id', gen_random_uuid()) ELSE '{}' END)`,
        ],
        ['update', `UPDATE "${table.name}" SET "${table.column}" = $1::uuid`],
      ] as const) {
        const error = await asAppRole({ tenant: world.tenant.id }, (client) => client.query(sql, [other.id]).then(() => null, (e: { code?: string }) => e));
        refused[`${what} ${table.name}`] = error?.code ?? 'accepted';
      }
    }
    expect(Object.keys(refused).length).toBeGreaterThan(0);
    // 42501: new row violates row-level security policy.
    expect(Object.entries(refused).filter(([, code]) => code !== '42501')).toEqual([]);
  });

  it('leaves the planner its estimates: a query that filters by tenant is estimated as without the policy', async () => {
    // A policy the planner cannot fold into the query's own tenant_id = $1 counts the tenant twice
    // (or, as with an OR of the tenant and a "system" flag, halves every table's rows): joins are then
    // planned on row counts far too low. One policy of that form made the link lookup of a survey
    // submission probe invitations round by round, 1000 times slower before the first ANALYZE.
    const estimate = async (client: pg.PoolClient | pg.Pool, table: TenantTable) =>
      ((await client.query(`EXPLAIN (FORMAT JSON) SELECT * FROM "${table.name}" WHERE "${table.column}" = $1`, [world.tenant.id])).rows[0]![
        'QUERY PLAN'
      ] as [{ Plan: { 'Plan Rows': number } }])[0].Plan['Plan Rows'];
    const owner: Record<string, number> = {};
    for (const table of tables) owner[table.name] = await estimate(t.sql, table);
    const app = await asAppRole({ tenant: world.tenant.id }, async (client) => {
      const estimates: Record<string, number> = {};
      for (const table of tables) estimates[table.name] = await estimate(client, table);
      return estimates;
    });
    expect(app).toEqual(owner);
  });

  describe('the scope the application puts on its connections', () => {
    const db = () => t.app.get(DataSource);
    const settings = async () =>
      (await db().query(`SELECT current_user AS role, current_setting('tandem.tenant_id', true) AS tenant`))[0] as { role: string; tenant: string };
    const units = async () => ((await db().query(`SELECT count(*)::int AS n FROM units`)) as { n: number }[])[0]!.n;

    it('sees nothing outside every scope, even on the connection a tenant used just before', async () => {
      const backend = async () => ((await db().query('SELECT pg_backend_pid() AS pid')) as { pid: number }[])[0]!.pid;
      const [used, seen] = await inTenant(world.tenant.id, async () => [await backend(), await units()]);
      expect(seen).toBeGreaterThan(0);
      // The pool hands out the connection released last: the same one, now without a scope.
      expect(await backend()).toBe(used);
      expect(await settings()).toEqual({ role: APP_ROLE, tenant: '' });
      expect(await units()).toBe(0);
    });

    it("sees only the tenant's rows in its scope, though the query names no tenant", async () => {
      const [own, all] = await Promise.all([
        inTenant(world.tenant.id, units),
        t.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM units WHERE tenant_id = $1`, [world.tenant.id]),
      ]);
      expect(own).toBe(all.rows[0]!.n);
      expect(await inTenant(world.tenant.id, settings)).toEqual({ role: APP_ROLE, tenant: world.tenant.id });
    });

    it('keeps the scope of the code that checked the connection out for a whole transaction', async () => {
      const seen = await inTenant(world.tenant.id, () =>
        db().transaction(async (manager) => {
          const before = ((await manager.query(`SELECT count(*)::int AS n FROM units`)) as { n: number }[])[0]!.n;
          // A scope entered inside a transaction does not change the transaction's connection.
          const inside = await asSystem('test', () => manager.query(`SELECT current_user AS role`));
          return { before, role: (inside as { role: string }[])[0]!.role };
        }),
      );
      expect(seen.before).toBeGreaterThan(0);
      expect(seen.role).toBe(APP_ROLE);
    });

    it('sees every tenant in system scope, as the system role', async () => {
      const all = await t.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM units`);
      expect(await asSystem('test', units)).toBe(all.rows[0]!.n);
      expect(await asSystem('test', settings)).toEqual({ role: SYSTEM_ROLE, tenant: '' });
    });

    it('runs migrations as the connecting user, not the application role', async () => {
      const session = (await t.sql.query<{ user: string }>('SELECT session_user AS user')).rows[0]!.user;
      expect(await asMigrations(settings)).toEqual({ role: session, tenant: '' });
    });

    it("refuses, as a database error, a write into another tenant from a tenant's scope", async () => {
      await expect(
        inTenant(world.tenant.id, () =>
          db().query(`INSERT INTO units (tenant_id, id, name, version) VALUES ($1, $2, 'Intruder', 1)`, [
            other.id,
            randomUUID(),
          ]),
        ),
      ).rejects.toMatchObject({ driverError: { code: '42501' } });
    });
  });

  it('answers the API as before: a tenant reads its own units and not the other tenant’s', async () => {
    const own = await t.http.get('/api/v1/units').set('Authorization', world.tenant.bearer('hr_admin'));
    const theirs = await t.http.get(`/api/v1/units/${world.ids.units}`).set('Authorization', other.bearer('hr_admin'));
    expect(own.status).toBe(200);
    expect(own.body.items.map((u: { id: string }) => u.id)).toContain(world.ids.units);
    expect(theirs.status).toBe(404);
  });
});
