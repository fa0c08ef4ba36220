import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Sessions of the pages' signed-in users (docs/pages.md): only the SHA-256 of the cookie's secret. */
export class CreateWebSessions1795603000000 implements MigrationInterface {
  name = 'CreateWebSessions1795603000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "web_sessions" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "secret_hash" text NOT NULL,
        "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_e95bb6a4ed93dacf456ff979f87" PRIMARY KEY ("tenant_id", "id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_web_sessions_user" ON "web_sessions" ("tenant_id", "user_id")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_web_sessions_tenant_hash" ON "web_sessions" ("tenant_id", "secret_hash")`);
    await queryRunner.query(`ALTER TABLE "web_sessions" ADD CONSTRAINT "fk_web_sessions_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "web_sessions" ADD CONSTRAINT "fk_web_sessions_user" FOREIGN KEY ("tenant_id", "user_id") REFERENCES "users"("tenant_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "web_sessions" DROP CONSTRAINT "fk_web_sessions_user"`);
    await queryRunner.query(`ALTER TABLE "web_sessions" DROP CONSTRAINT "fk_web_sessions_tenant"`);
    await queryRunner.query(`DROP INDEX "public"."uq_web_sessions_tenant_hash"`);
    await queryRunner.query(`DROP INDEX "public"."ix_web_sessions_user"`);
    await queryRunner.query(`DROP TABLE "web_sessions"`);
  }
}
