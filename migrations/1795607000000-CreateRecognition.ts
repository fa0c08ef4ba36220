import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Recognitions and the colleagues they name (issue 13). */
export class CreateRecognition1795607000000 implements MigrationInterface {
  name = 'CreateRecognition1795607000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "recognitions" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "author_user_id" uuid,
        "author_employee_id" uuid,
        "author_unit_id" uuid,
        "message" text NOT NULL,
        "company_value" text,
        "driver_key" text,
        "visibility" text NOT NULL,
        "edited_at" TIMESTAMP(3) WITH TIME ZONE,
        "deleted_at" TIMESTAMP(3) WITH TIME ZONE,
        "deleted_by_user_id" uuid,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL,
        CONSTRAINT "ck_recognitions_visibility" CHECK (visibility IN ('public', 'private')),
        CONSTRAINT "PK_a5e9d34761c28b8d730b783d5f7" PRIMARY KEY ("tenant_id", "id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_recognitions_created" ON "recognitions" ("tenant_id", "created_at")`);
    await queryRunner.query(`
      CREATE TABLE "recognition_recipients" (
        "tenant_id" uuid NOT NULL,
        "recognition_id" uuid NOT NULL,
        "employee_id" uuid NOT NULL,
        "unit_id" uuid,
        CONSTRAINT "PK_51168ed4558b68957697ac8a8ee" PRIMARY KEY ("tenant_id", "recognition_id", "employee_id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_recognition_recipients_unit" ON "recognition_recipients" ("tenant_id", "unit_id")`);
    await queryRunner.query(`CREATE INDEX "ix_recognition_recipients_employee" ON "recognition_recipients" ("tenant_id", "employee_id")`);
    await queryRunner.query(`ALTER TABLE "recognitions" ADD CONSTRAINT "fk_recognitions_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "recognitions" ADD CONSTRAINT "fk_recognitions_author_employee" FOREIGN KEY ("tenant_id", "author_employee_id") REFERENCES "employees"("tenant_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "recognitions" ADD CONSTRAINT "fk_recognitions_driver" FOREIGN KEY ("tenant_id", "driver_key") REFERENCES "survey_drivers"("tenant_id","key") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "recognition_recipients" ADD CONSTRAINT "fk_recognition_recipients_recognition" FOREIGN KEY ("tenant_id", "recognition_id") REFERENCES "recognitions"("tenant_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "recognition_recipients" ADD CONSTRAINT "fk_recognition_recipients_employee" FOREIGN KEY ("tenant_id", "employee_id") REFERENCES "employees"("tenant_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "recognition_recipients" DROP CONSTRAINT "fk_recognition_recipients_employee"`);
    await queryRunner.query(`ALTER TABLE "recognition_recipients" DROP CONSTRAINT "fk_recognition_recipients_recognition"`);
    await queryRunner.query(`ALTER TABLE "recognitions" DROP CONSTRAINT "fk_recognitions_driver"`);
    await queryRunner.query(`ALTER TABLE "recognitions" DROP CONSTRAINT "fk_recognitions_author_employee"`);
    await queryRunner.query(`ALTER TABLE "recognitions" DROP CONSTRAINT "fk_recognitions_tenant"`);
    await queryRunner.query(`DROP INDEX "public"."ix_recognition_recipients_employee"`);
    await queryRunner.query(`DROP INDEX "public"."ix_recognition_recipients_unit"`);
    await queryRunner.query(`DROP TABLE "recognition_recipients"`);
    await queryRunner.query(`DROP INDEX "public"."ix_recognitions_created"`);
    await queryRunner.query(`DROP TABLE "recognitions"`);
  }
}
