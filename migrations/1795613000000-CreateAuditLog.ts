import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The audit log, append-only in the database (issue 12; docs/audit.md). */
export class CreateAuditLog1795613000000 implements MigrationInterface {
  name = 'CreateAuditLog1795613000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "audit_log" (
        "tenant_id" uuid NOT NULL,
        "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "actor_type" text NOT NULL,
        "actor_id" uuid,
        "source" text NOT NULL,
        "request_id" text,
        "action" text NOT NULL,
        "entity_type" text NOT NULL,
        "entity_id" uuid,
        "before" jsonb,
        "after" jsonb,
        CONSTRAINT "ck_audit_log_source" CHECK (source IN ('api', 'hris_import', 'system')),
        CONSTRAINT "ck_audit_log_actor_type" CHECK (actor_type IN ('user', 'api_key', 'system')),
        CONSTRAINT "ck_audit_log_actor" CHECK ((actor_type = 'system') = (actor_id IS NULL)),
        CONSTRAINT "PK_7265cf4ae3bb55c806e54e54364" PRIMARY KEY ("tenant_id", "id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_audit_log_tenant_actor" ON "audit_log" ("tenant_id", "actor_id", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_audit_log_tenant_entity" ON "audit_log" ("tenant_id", "entity_id", "id")`);
    // No foreign key, not even to tenants: entries outlive what they describe, and an HRIS import
    // writes thousands at once, where each check costs.
    // Append-only for every role, the application's included: entries are never rewritten or removed.
    // (Once the application connects as the non-superuser role tandem_app, a REVOKE of UPDATE,
    // DELETE and TRUNCATE is added as well; a superuser can still disable triggers.)
    await queryRunner.query(`
      CREATE FUNCTION forbid_audit_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON "audit_log"
      FOR EACH ROW EXECUTE FUNCTION forbid_audit_log_change()`);
    await queryRunner.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON "audit_log"
      FOR EACH STATEMENT EXECUTE FUNCTION forbid_audit_log_change()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "audit_log"`);
    await queryRunner.query(`DROP FUNCTION forbid_audit_log_change()`);
  }
}
