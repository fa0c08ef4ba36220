import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tenant setting: the largest share of active employees a full HRIS sync may depart without `force`. */
export class AddFullSyncGuard1795600000000 implements MigrationInterface {
  name = 'AddFullSyncGuard1795600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tenants" ADD "full_sync_departure_guard_percent" smallint NOT NULL DEFAULT '20'`);
    await queryRunner.query(
      `ALTER TABLE "tenants" ADD CONSTRAINT "ck_tenants_full_sync_guard" CHECK (full_sync_departure_guard_percent BETWEEN 0 AND 100)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tenants" DROP CONSTRAINT "ck_tenants_full_sync_guard"`);
    await queryRunner.query(`ALTER TABLE "tenants" DROP COLUMN "full_sync_departure_guard_percent"`);
  }
}
