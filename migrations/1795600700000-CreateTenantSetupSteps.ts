import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ledger of setup steps each tenant has had (TenantSetup). Tenants that already hold a step's
 * defaults are marked as having had it; the others (made before surveys existed) get the steps at
 * the next start.
 */
export class CreateTenantSetupSteps1795600700000 implements MigrationInterface {
  name = 'CreateTenantSetupSteps1795600700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "tenant_setup_steps" (
        "tenant_id" uuid NOT NULL,
        "step" text NOT NULL,
        "done_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_3f162450cdfa496a97970682e65" PRIMARY KEY ("tenant_id", "step")
      )`);
    await queryRunner.query(
      `ALTER TABLE "tenant_setup_steps" ADD CONSTRAINT "fk_tenant_setup_steps_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`
      INSERT INTO "tenant_setup_steps" ("tenant_id", "step", "done_at")
      SELECT t.id, 'survey-question-bank', now() FROM tenants t
      WHERE EXISTS (SELECT 1 FROM survey_drivers d WHERE d.tenant_id = t.id AND d.builtin)`);
    await queryRunner.query(`
      INSERT INTO "tenant_setup_steps" ("tenant_id", "step", "done_at")
      SELECT t.id, 'survey-watch-terms', now() FROM tenants t
      WHERE EXISTS (SELECT 1 FROM survey_watch_terms w WHERE w.tenant_id = t.id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tenant_setup_steps" DROP CONSTRAINT "fk_tenant_setup_steps_tenant"`);
    await queryRunner.query(`DROP TABLE "tenant_setup_steps"`);
  }
}
