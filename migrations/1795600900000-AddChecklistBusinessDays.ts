import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tenant setting: checklist due dates count business days instead of calendar days. */
export class AddChecklistBusinessDays1795600900000 implements MigrationInterface {
  name = 'AddChecklistBusinessDays1795600900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tenants" ADD "checklist_business_days" boolean NOT NULL DEFAULT false`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tenants" DROP COLUMN "checklist_business_days"`);
  }
}
