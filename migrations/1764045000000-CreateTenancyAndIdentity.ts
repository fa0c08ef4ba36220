import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tenants, the users who sign in, API keys, and installation-wide settings. Timestamps keep
 * milliseconds, as JavaScript dates do, so a keyset cursor built from one compares exactly.
 */
export class CreateTenancyAndIdentity1764045000000 implements MigrationInterface {
  name = 'CreateTenancyAndIdentity1764045000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "instance_settings" (
        "key" text NOT NULL,
        "value" text NOT NULL,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_instance_settings" PRIMARY KEY ("key")
      )`);
    await queryRunner.query(`
      CREATE TABLE "tenants" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" text NOT NULL,
        "slug" text NOT NULL,
        "anonymity_threshold" smallint NOT NULL DEFAULT '5',
        "timezone" text NOT NULL DEFAULT 'UTC',
        "locale" text NOT NULL DEFAULT 'en',
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL,
        CONSTRAINT "PK_tenants" PRIMARY KEY ("id"),
        CONSTRAINT "uq_tenants_slug" UNIQUE ("slug"),
        CONSTRAINT "ck_tenants_anonymity_threshold" CHECK (anonymity_threshold >= 3)
      )`);
    await queryRunner.query(`
      CREATE TABLE "users" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "email" text NOT NULL,
        "display_name" text,
        "role" text NOT NULL,
        "password_hash" text,
        "deactivated_at" TIMESTAMP(3) WITH TIME ZONE,
        "last_login_at" TIMESTAMP(3) WITH TIME ZONE,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL,
        CONSTRAINT "PK_users" PRIMARY KEY ("tenant_id", "id"),
        CONSTRAINT "ck_users_email_lower" CHECK (email = lower(email)),
        CONSTRAINT "ck_users_role" CHECK (role IN ('hr_admin', 'manager', 'employee', 'integration')),
        CONSTRAINT "fk_users_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_users_tenant_email" ON "users" ("tenant_id", "email")`);
    // Login looks a user up by e-mail before the tenant is known.
    await queryRunner.query(`CREATE INDEX "ix_users_email" ON "users" ("email")`);
    await queryRunner.query(`
      CREATE TABLE "api_keys" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "label" text NOT NULL,
        "role" text NOT NULL,
        "prefix" text NOT NULL,
        "key_hash" text NOT NULL,
        "created_by_user_id" uuid,
        "created_by_api_key_id" uuid,
        "expires_at" TIMESTAMP(3) WITH TIME ZONE,
        "last_used_at" TIMESTAMP(3) WITH TIME ZONE,
        "revoked_at" TIMESTAMP(3) WITH TIME ZONE,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_api_keys" PRIMARY KEY ("tenant_id", "id"),
        CONSTRAINT "ck_api_keys_role" CHECK (role IN ('hr_admin', 'manager', 'employee', 'integration')),
        CONSTRAINT "fk_api_keys_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_api_keys_tenant_hash" ON "api_keys" ("tenant_id", "key_hash")`);
    // Authentication looks a key up by its hash before the tenant is known.
    await queryRunner.query(`CREATE INDEX "ix_api_keys_hash" ON "api_keys" ("key_hash")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "api_keys"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP TABLE "tenants"`);
    await queryRunner.query(`DROP TABLE "instance_settings"`);
  }
}
