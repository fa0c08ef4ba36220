import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tenant isolation in depth (docs/tenancy.md): the application's roles `tandem_app` (one tenant's
 * rows) and `tandem_system` (every tenant's rows, for work marked as system work), and row-level
 * security, enabled and forced, on every table with a `tenant_id` column (and on `tenants`, by its
 * id). Tables are found at run time, so tables of earlier migrations are all covered; a later
 * migration that creates a tenant table calls `tandem_enable_tenant_rls`.
 *
 * Roles belong to the cluster, not the database: they are created only when missing (another
 * database of the cluster, or a database administrator, may have made them), and stay on revert.
 */
export class EnableTenantRowSecurity1795619900000 implements MigrationInterface {
  name = 'EnableTenantRowSecurity1795619900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DO $$
      DECLARE
        role_name text;
      BEGIN
        FOREACH role_name IN ARRAY ARRAY['tandem_app', 'tandem_system'] LOOP
          IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = role_name) THEN
            BEGIN
              EXECUTE format('CREATE ROLE %I NOLOGIN NOSUPERUSER NOBYPASSRLS', role_name);
            EXCEPTION
              WHEN duplicate_object OR unique_violation THEN
                NULL; -- created meanwhile from another database of the cluster
              WHEN insufficient_privilege THEN
                RAISE EXCEPTION 'The database user % may not create the role %. Give it CREATEROLE, or as an administrator run: CREATE ROLE % NOLOGIN; GRANT % TO %;',
                  current_user, role_name, role_name, role_name, quote_ident(current_user);
            END;
          END IF;
          IF EXISTS (SELECT FROM pg_roles WHERE rolname = role_name AND (rolsuper OR rolbypassrls)) THEN
            RAISE EXCEPTION 'The role % bypasses row-level security (SUPERUSER or BYPASSRLS); Tandem needs it without both', role_name;
          END IF;
          -- The connecting user switches to the role on every connection (SET), and, as the owner
          -- under forced row-level security, sees every row in migrations through tandem_system's
          -- policy (USAGE: it has the role's privileges).
          IF NOT (pg_has_role(current_user, role_name, 'SET') AND pg_has_role(current_user, role_name, 'USAGE')) THEN
            BEGIN
              EXECUTE format('GRANT %I TO CURRENT_USER', role_name);
            EXCEPTION WHEN insufficient_privilege THEN
              RAISE EXCEPTION 'The database user % may not switch to the role %. As an administrator run: GRANT % TO %;',
                current_user, role_name, role_name, quote_ident(current_user);
            END;
          END IF;
        END LOOP;
      END $$`);

    // Data, not schema: the application's roles read and write rows; migrations (as the connecting
    // user) keep every other right. Tables and sequences made later by the same user get the same.
    await queryRunner.query(`GRANT USAGE ON SCHEMA public TO tandem_app, tandem_system`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO tandem_app, tandem_system`);
    await queryRunner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO tandem_app, tandem_system`);
    // Readiness reads which migrations ran; only migrations write there.
    await queryRunner.query(`REVOKE INSERT, UPDATE, DELETE ON TABLE "migrations" FROM tandem_app, tandem_system`);
    // The audit log is append-only for the application (docs/audit.md): its roles may add entries, never change or remove one.
    await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON TABLE "audit_log" FROM tandem_app, tandem_system`);
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO tandem_app, tandem_system`);
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO tandem_app, tandem_system`);

    // Two policies per tenant table, each for one role. tandem_app's is a plain equality with the
    // tenant of the connection (set by src/database/scoped-connections.ts on every checkout), read
    // once per statement in a sub-select: it joins the query's own tenant_id = $1, so the planner
    // neither counts the tenant twice nor loses the index. (An OR with a "system" flag in the same
    // policy made it misjudge row counts and, before the first ANALYZE, choose plans 1000 times
    // slower.) tandem_system's lets every row through.
    await queryRunner.query(`
      CREATE FUNCTION tandem_enable_tenant_rls(target regclass, tenant_column name DEFAULT 'tenant_id') RETURNS void
      LANGUAGE plpgsql AS $fn$
      DECLARE
        rule text := format($rule$%I = (SELECT nullif(current_setting('tandem.tenant_id', true), '')::uuid)$rule$, tenant_column);
      BEGIN
        EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', target);
        EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', target);
        EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %s', target);
        EXECUTE format('DROP POLICY IF EXISTS system_scope ON %s', target);
        EXECUTE format('CREATE POLICY tenant_isolation ON %s TO tandem_app USING (%s) WITH CHECK (%s)', target, rule, rule);
        EXECUTE format('CREATE POLICY system_scope ON %s TO tandem_system USING (true) WITH CHECK (true)', target);
      END
      $fn$`);
    await queryRunner.query(`REVOKE EXECUTE ON FUNCTION tandem_enable_tenant_rls(regclass, name) FROM PUBLIC`);
    await queryRunner.query(`
      DO $$
      DECLARE
        tenant_table regclass;
      BEGIN
        FOR tenant_table IN
          SELECT c.oid::regclass
          FROM pg_class c
          JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
          WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
          ORDER BY c.relname
        LOOP
          PERFORM tandem_enable_tenant_rls(tenant_table);
        END LOOP;
        PERFORM tandem_enable_tenant_rls('tenants', 'id');
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DO $$
      DECLARE
        secured record;
      BEGIN
        FOR secured IN
          SELECT DISTINCT schemaname, tablename FROM pg_policies
          WHERE schemaname = 'public' AND policyname IN ('tenant_isolation', 'system_scope')
        LOOP
          EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %I.%I', secured.schemaname, secured.tablename);
          EXECUTE format('DROP POLICY IF EXISTS system_scope ON %I.%I', secured.schemaname, secured.tablename);
          EXECUTE format('ALTER TABLE %I.%I NO FORCE ROW LEVEL SECURITY', secured.schemaname, secured.tablename);
          EXECUTE format('ALTER TABLE %I.%I DISABLE ROW LEVEL SECURITY', secured.schemaname, secured.tablename);
        END LOOP;
      END $$`);
    await queryRunner.query(`DROP FUNCTION tandem_enable_tenant_rls(regclass, name)`);
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE, SELECT ON SEQUENCES FROM tandem_app, tandem_system`);
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM tandem_app, tandem_system`);
    await queryRunner.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM tandem_app, tandem_system`);
    await queryRunner.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM tandem_app, tandem_system`);
    await queryRunner.query(`REVOKE USAGE ON SCHEMA public FROM tandem_app, tandem_system`);
  }
}
