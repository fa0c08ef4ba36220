import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Separations with their reason taxonomy, exit interviews and the exit questionnaire; `correction` stage moves. */
export class CreateSeparations1795601300000 implements MigrationInterface {
  name = 'CreateSeparations1795601300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "separation_reasons" (
        "tenant_id" uuid NOT NULL,
        "key" text NOT NULL,
        "name" text NOT NULL,
        "description" text,
        "builtin" boolean NOT NULL,
        "retired_at" TIMESTAMP(3) WITH TIME ZONE,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL,
        CONSTRAINT "PK_66cf0ee277442dc184ab759b8ea" PRIMARY KEY ("tenant_id", "key")
      )`);
    await queryRunner.query(`
      CREATE TABLE "separations" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "employee_id" uuid NOT NULL,
        "status" text NOT NULL,
        "type" text NOT NULL,
        "notice_date" date NOT NULL,
        "last_working_day" date NOT NULL,
        "regrettable" boolean,
        "primary_reason" text NOT NULL,
        "secondary_reasons" text array NOT NULL,
        "rehire_eligible" boolean,
        "alumni_opt_in" boolean NOT NULL,
        "alumni_email" text,
        "previous_stage" text,
        "previous_end_date" date,
        "start_date" date,
        "unit_id" uuid,
        "manager_id" uuid,
        "checklist_id" uuid,
        "recorded_by_user_id" uuid,
        "recorded_by_api_key_id" uuid,
        "withdrawn_at" TIMESTAMP(3) WITH TIME ZONE,
        "withdrawal_reason" text,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL,
        CONSTRAINT "ck_separations_withdrawn" CHECK ((status = 'withdrawn') = (withdrawn_at IS NOT NULL)),
        CONSTRAINT "ck_separations_alumni" CHECK ((alumni_opt_in AND alumni_email IS NOT NULL) OR (NOT alumni_opt_in AND alumni_email IS NULL)),
        CONSTRAINT "ck_separations_dates" CHECK (last_working_day >= notice_date),
        CONSTRAINT "ck_separations_status" CHECK (status IN ('active', 'withdrawn')),
        CONSTRAINT "ck_separations_type" CHECK (type IN ('voluntary', 'involuntary', 'retirement', 'end_of_contract')),
        CONSTRAINT "PK_f8f4f18b318b7625759e35f5b05" PRIMARY KEY ("tenant_id", "id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_separations_last_day" ON "separations" ("tenant_id", "last_working_day")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_separations_active" ON "separations" ("tenant_id", "employee_id") WHERE status = 'active'`);
    await queryRunner.query(`
      CREATE TABLE "exit_interviews" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "separation_id" uuid NOT NULL,
        "employee_id" uuid NOT NULL,
        "status" text NOT NULL,
        "token_hash" text NOT NULL,
        "locale" text NOT NULL,
        "questions" jsonb NOT NULL,
        "link_expires_on" date NOT NULL,
        "mode" text,
        "completed_at" TIMESTAMP(3) WITH TIME ZONE,
        "entered_by_user_id" uuid,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL,
        CONSTRAINT "ck_exit_interviews_completed" CHECK ((status = 'completed') = (completed_at IS NOT NULL AND mode IS NOT NULL)),
        CONSTRAINT "ck_exit_interviews_mode" CHECK (mode IS NULL OR mode IN ('link', 'hr')),
        CONSTRAINT "ck_exit_interviews_status" CHECK (status IN ('invited', 'completed', 'cancelled')),
        CONSTRAINT "PK_9d5a3957721294c0d0545dbbd9e" PRIMARY KEY ("tenant_id", "id")
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_exit_interviews_token" ON "exit_interviews" ("tenant_id", "token_hash")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_exit_interviews_separation" ON "exit_interviews" ("tenant_id", "separation_id")`);
    await queryRunner.query(`
      CREATE TABLE "exit_interview_answers" (
        "tenant_id" uuid NOT NULL,
        "interview_id" uuid NOT NULL,
        "question_id" uuid NOT NULL,
        "question_type" text NOT NULL,
        "driver_key" text,
        "value" smallint,
        "choices" smallint array,
        "text" text,
        "sentiment_score" real,
        "sentiment_label" text,
        CONSTRAINT "PK_298e76d96343620a3f419781369" PRIMARY KEY ("tenant_id", "interview_id", "question_id")
      )`);
    await queryRunner.query(`
      CREATE TABLE "exit_questionnaire_questions" (
        "tenant_id" uuid NOT NULL,
        "question_id" uuid NOT NULL,
        "position" smallint NOT NULL,
        CONSTRAINT "PK_2692fc619ef47b39e0fc8328adf" PRIMARY KEY ("tenant_id", "question_id")
      )`);
    await queryRunner.query(`ALTER TABLE "separation_reasons" ADD CONSTRAINT "fk_separation_reasons_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "separations" ADD CONSTRAINT "fk_separations_employee" FOREIGN KEY ("tenant_id", "employee_id") REFERENCES "employees"("tenant_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "separations" ADD CONSTRAINT "fk_separations_primary_reason" FOREIGN KEY ("tenant_id", "primary_reason") REFERENCES "separation_reasons"("tenant_id","key") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "exit_interviews" ADD CONSTRAINT "fk_exit_interviews_separation" FOREIGN KEY ("tenant_id", "separation_id") REFERENCES "separations"("tenant_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "exit_interviews" ADD CONSTRAINT "fk_exit_interviews_employee" FOREIGN KEY ("tenant_id", "employee_id") REFERENCES "employees"("tenant_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "exit_interview_answers" ADD CONSTRAINT "fk_exit_interview_answers_interview" FOREIGN KEY ("tenant_id", "interview_id") REFERENCES "exit_interviews"("tenant_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "stage_transitions" DROP CONSTRAINT "ck_stage_transitions_source"`);
    await queryRunner.query(`ALTER TABLE "stage_transitions" ADD CONSTRAINT "ck_stage_transitions_source" CHECK (source IN ('api', 'import', 'system', 'correction'))`);
    await queryRunner.query(`ALTER TABLE "survey_questions" ADD "purpose" text NOT NULL DEFAULT 'survey'`);
    await queryRunner.query(`ALTER TABLE "survey_questions" ADD CONSTRAINT "ck_survey_questions_purpose" CHECK (purpose IN ('survey', 'exit'))`);
    await queryRunner.query(`ALTER TABLE "exit_questionnaire_questions" ADD CONSTRAINT "fk_exit_questionnaire_questions_question" FOREIGN KEY ("tenant_id", "question_id") REFERENCES "survey_questions"("tenant_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "survey_questions" DROP CONSTRAINT "ck_survey_questions_purpose"`);
    await queryRunner.query(`ALTER TABLE "survey_questions" DROP COLUMN "purpose"`);
    await queryRunner.query(`ALTER TABLE "stage_transitions" DROP CONSTRAINT "ck_stage_transitions_source"`);
    await queryRunner.query(`ALTER TABLE "stage_transitions" ADD CONSTRAINT "ck_stage_transitions_source" CHECK (source IN ('api', 'import', 'system'))`);
    await queryRunner.query(`ALTER TABLE "exit_questionnaire_questions" DROP CONSTRAINT "fk_exit_questionnaire_questions_question"`);
    await queryRunner.query(`ALTER TABLE "exit_interview_answers" DROP CONSTRAINT "fk_exit_interview_answers_interview"`);
    await queryRunner.query(`ALTER TABLE "exit_interviews" DROP CONSTRAINT "fk_exit_interviews_employee"`);
    await queryRunner.query(`ALTER TABLE "exit_interviews" DROP CONSTRAINT "fk_exit_interviews_separation"`);
    await queryRunner.query(`ALTER TABLE "separations" DROP CONSTRAINT "fk_separations_primary_reason"`);
    await queryRunner.query(`ALTER TABLE "separations" DROP CONSTRAINT "fk_separations_employee"`);
    await queryRunner.query(`ALTER TABLE "separation_reasons" DROP CONSTRAINT "fk_separation_reasons_tenant"`);
    await queryRunner.query(`DROP TABLE "exit_questionnaire_questions"`);
    await queryRunner.query(`DROP TABLE "exit_interview_answers"`);
    await queryRunner.query(`DROP INDEX "public"."uq_exit_interviews_separation"`);
    await queryRunner.query(`DROP INDEX "public"."uq_exit_interviews_token"`);
    await queryRunner.query(`DROP TABLE "exit_interviews"`);
    await queryRunner.query(`DROP INDEX "public"."uq_separations_active"`);
    await queryRunner.query(`DROP INDEX "public"."ix_separations_last_day"`);
    await queryRunner.query(`DROP TABLE "separations"`);
    await queryRunner.query(`DROP TABLE "separation_reasons"`);
  }
}
