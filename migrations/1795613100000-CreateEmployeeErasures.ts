import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Erasure at a person's request: the flag on the employee and the record of what was kept (issue 12; docs/privacy.md). */
export class CreateEmployeeErasures1795613100000 implements MigrationInterface {
  name = 'CreateEmployeeErasures1795613100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "employees" ADD "erased_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`
      CREATE TABLE "employee_erasures" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "employee_id" uuid NOT NULL,
        "reason" text NOT NULL,
        "erased_by_user_id" uuid,
        "erased_by_api_key_id" uuid,
        "changed" jsonb NOT NULL,
        "retained" jsonb NOT NULL,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_275fa6c8707ff08365cd58ded3c" PRIMARY KEY ("tenant_id", "id")
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_employee_erasures_employee" ON "employee_erasures" ("tenant_id", "employee_id")`);
    await queryRunner.query(
      `ALTER TABLE "employee_erasures" ADD CONSTRAINT "fk_employee_erasures_employee" FOREIGN KEY ("tenant_id", "employee_id") REFERENCES "employees"("tenant_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "employee_erasures"`);
    await queryRunner.query(`ALTER TABLE "employees" DROP COLUMN "erased_at"`);
  }
}
