import type { MigrationInterface, QueryRunner } from 'typeorm';

/** "You said, we did": survey actions and their history; and the time a round's reminder went out. */
export class CreateSurveyActions1795600600000 implements MigrationInterface {
  name = 'CreateSurveyActions1795600600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "survey_actions" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "survey_id" uuid NOT NULL,
        "round_id" uuid,
        "unit_id" uuid NOT NULL,
        "driver_key" text NOT NULL,
        "title" text NOT NULL,
        "description" text,
        "owner_user_id" uuid,
        "due_on" date,
        "status" text NOT NULL,
        "done_at" TIMESTAMP(3) WITH TIME ZONE,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL,
        CONSTRAINT "ck_survey_actions_status" CHECK (status IN ('planned', 'in_progress', 'done')),
        CONSTRAINT "PK_d4f84d600237051b1d22582ec43" PRIMARY KEY ("tenant_id", "id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_survey_actions_survey" ON "survey_actions" ("tenant_id", "survey_id")`);
    await queryRunner.query(`CREATE INDEX "ix_survey_actions_unit" ON "survey_actions" ("tenant_id", "unit_id", "status")`);
    await queryRunner.query(`
      CREATE TABLE "survey_action_updates" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "action_id" uuid NOT NULL,
        "note" text,
        "status" text,
        "author_user_id" uuid,
        "author_api_key_id" uuid,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_1fc50511edbb3d36b31368bbd72" PRIMARY KEY ("tenant_id", "id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_survey_action_updates_action" ON "survey_action_updates" ("tenant_id", "action_id", "created_at")`);
    await queryRunner.query(`ALTER TABLE "survey_rounds" ADD "reminded_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "survey_actions" ADD CONSTRAINT "fk_survey_actions_survey" FOREIGN KEY ("tenant_id", "survey_id") REFERENCES "surveys"("tenant_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "survey_actions" ADD CONSTRAINT "fk_survey_actions_unit" FOREIGN KEY ("tenant_id", "unit_id") REFERENCES "units"("tenant_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "survey_actions" ADD CONSTRAINT "fk_survey_actions_driver" FOREIGN KEY ("tenant_id", "driver_key") REFERENCES "survey_drivers"("tenant_id","key") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "survey_actions" ADD CONSTRAINT "fk_survey_actions_owner" FOREIGN KEY ("tenant_id", "owner_user_id") REFERENCES "users"("tenant_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "survey_action_updates" ADD CONSTRAINT "fk_survey_action_updates_action" FOREIGN KEY ("tenant_id", "action_id") REFERENCES "survey_actions"("tenant_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "survey_action_updates" DROP CONSTRAINT "fk_survey_action_updates_action"`);
    await queryRunner.query(`ALTER TABLE "survey_actions" DROP CONSTRAINT "fk_survey_actions_owner"`);
    await queryRunner.query(`ALTER TABLE "survey_actions" DROP CONSTRAINT "fk_survey_actions_driver"`);
    await queryRunner.query(`ALTER TABLE "survey_actions" DROP CONSTRAINT "fk_survey_actions_unit"`);
    await queryRunner.query(`ALTER TABLE "survey_actions" DROP CONSTRAINT "fk_survey_actions_survey"`);
    await queryRunner.query(`ALTER TABLE "survey_rounds" DROP COLUMN "reminded_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_survey_action_updates_action"`);
    await queryRunner.query(`DROP TABLE "survey_action_updates"`);
    await queryRunner.query(`DROP INDEX "public"."ix_survey_actions_unit"`);
    await queryRunner.query(`DROP INDEX "public"."ix_survey_actions_survey"`);
    await queryRunner.query(`DROP TABLE "survey_actions"`);
  }
}
