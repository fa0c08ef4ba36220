import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Surveys (issue 11): drivers and the question bank, surveys, rounds, invitations, anonymous
 * responses and their rollups, retry receipts; the tenant's comment threshold, and the link from a
 * user to the employee they are (a manager's reporting line).
 */
export class CreateSurveys1795600400000 implements MigrationInterface {
  name = 'CreateSurveys1795600400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "surveys" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" text NOT NULL,
        "kind" text NOT NULL,
        "cadence" text,
        "questions_per_round" smallint,
        "audience" jsonb NOT NULL,
        "question_ids" uuid array NOT NULL,
        "window_days" smallint NOT NULL,
        "anonymity_threshold" smallint NOT NULL,
        "comment_threshold" smallint NOT NULL,
        "thresholds_locked_at" TIMESTAMP(3) WITH TIME ZONE,
        "next_round_at" TIMESTAMP(3) WITH TIME ZONE,
        "archived_at" TIMESTAMP(3) WITH TIME ZONE,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL,
        CONSTRAINT "ck_surveys_window" CHECK (window_days BETWEEN 1 AND 90),
        CONSTRAINT "ck_surveys_thresholds" CHECK (anonymity_threshold >= 3 AND comment_threshold >= 3),
        CONSTRAINT "ck_surveys_cadence_values" CHECK (cadence IN ('weekly', 'biweekly', 'monthly', 'quarterly')),
        CONSTRAINT "ck_surveys_cadence" CHECK ((kind = 'pulse') = (cadence IS NOT NULL)),
        CONSTRAINT "ck_surveys_kind" CHECK (kind IN ('pulse', 'lifecycle', 'adhoc')),
        CONSTRAINT "PK_4672da26da9d00aee161a50f459" PRIMARY KEY ("tenant_id", "id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_surveys_next_round" ON "surveys" ("next_round_at") WHERE next_round_at IS NOT NULL AND archived_at IS NULL`);
    await queryRunner.query(`
      CREATE TABLE "survey_rounds" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "survey_id" uuid NOT NULL,
        "number" integer NOT NULL,
        "period" text,
        "opened_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
        "closes_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
        "closed_at" TIMESTAMP(3) WITH TIME ZONE,
        "questions" jsonb NOT NULL,
        "invited_count" integer NOT NULL,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_a761b38927e5734424983ed8a37" PRIMARY KEY ("tenant_id", "id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_survey_rounds_open" ON "survey_rounds" ("closes_at") WHERE closed_at IS NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_survey_rounds_number" ON "survey_rounds" ("tenant_id", "survey_id", "number")`);
    await queryRunner.query(`
      CREATE TABLE "survey_responses" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL,
        "round_id" uuid NOT NULL,
        "submitted_on" date NOT NULL,
        "unit_id" uuid,
        "tenure_phase" text,
        "stage" text,
        "location" text,
        "locale" text NOT NULL,
        "reply_key_hash" text NOT NULL,
        CONSTRAINT "PK_93f23cf03d97bde03ce4c417705" PRIMARY KEY ("tenant_id", "id")
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_survey_responses_reply_key" ON "survey_responses" ("tenant_id", "reply_key_hash")`);
    await queryRunner.query(`CREATE INDEX "ix_survey_responses_round" ON "survey_responses" ("tenant_id", "round_id")`);
    await queryRunner.query(`
      CREATE TABLE "survey_answers" (
        "tenant_id" uuid NOT NULL,
        "response_id" uuid NOT NULL,
        "question_id" uuid NOT NULL,
        "value" smallint,
        "choices" smallint array,
        "text" text,
        CONSTRAINT "PK_8f928964786d83b4a4b069671de" PRIMARY KEY ("tenant_id", "response_id", "question_id")
      )`);
    await queryRunner.query(`
      CREATE TABLE "survey_drivers" (
        "tenant_id" uuid NOT NULL,
        "key" text NOT NULL,
        "name" text NOT NULL,
        "description" text,
        "builtin" boolean NOT NULL,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_01330261acddd2cf8ef713a4886" PRIMARY KEY ("tenant_id", "key")
      )`);
    await queryRunner.query(`
      CREATE TABLE "survey_invitations" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "round_id" uuid NOT NULL,
        "employee_id" uuid NOT NULL,
        "unit_id" uuid,
        "locale" text NOT NULL,
        "token_hash" text NOT NULL,
        "responded_on" date,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_72c92497e31b0cc8cb692dfdce0" PRIMARY KEY ("tenant_id", "id")
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_survey_invitations_round_employee" ON "survey_invitations" ("tenant_id", "round_id", "employee_id")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_survey_invitations_token" ON "survey_invitations" ("tenant_id", "token_hash")`);
    await queryRunner.query(`
      CREATE TABLE "survey_questions" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "driver_key" text,
        "type" text NOT NULL,
        "texts" jsonb NOT NULL,
        "options" jsonb,
        "builtin" boolean NOT NULL,
        "retired_at" TIMESTAMP(3) WITH TIME ZONE,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL,
        CONSTRAINT "ck_survey_questions_type" CHECK (type IN ('likert5', 'enps', 'single_choice', 'multi_choice', 'text')),
        CONSTRAINT "PK_70fbde45890e136bbf97d3c32c2" PRIMARY KEY ("tenant_id", "id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_survey_questions_driver" ON "survey_questions" ("tenant_id", "driver_key")`);
    await queryRunner.query(`
      CREATE TABLE "survey_receipts" (
        "tenant_id" uuid NOT NULL,
        "key_hash" text NOT NULL,
        "round_id" uuid NOT NULL,
        "pending" jsonb,
        "reply" jsonb NOT NULL,
        "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_9fd85359aa980c6af1a4fb95af0" PRIMARY KEY ("tenant_id", "key_hash")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_survey_receipts_expires" ON "survey_receipts" ("expires_at")`);
    await queryRunner.query(`
      CREATE TABLE "survey_segment_counts" (
        "tenant_id" uuid NOT NULL,
        "round_id" uuid NOT NULL,
        "segment_key" text NOT NULL,
        "unit_id" uuid,
        "tenure_phase" text,
        "stage" text,
        "location" text,
        "respondents" integer NOT NULL,
        CONSTRAINT "PK_828e1372567a58792cc1bcc68fd" PRIMARY KEY ("tenant_id", "round_id", "segment_key")
      )`);
    await queryRunner.query(`
      CREATE TABLE "survey_rollups" (
        "tenant_id" uuid NOT NULL,
        "round_id" uuid NOT NULL,
        "segment_key" text NOT NULL,
        "question_id" uuid NOT NULL,
        "answered" integer NOT NULL,
        "total" integer NOT NULL,
        "histogram" integer array NOT NULL,
        CONSTRAINT "PK_87a059c70c716b88ad252f40866" PRIMARY KEY ("tenant_id", "round_id", "segment_key", "question_id")
      )`);
    await queryRunner.query(`ALTER TABLE "tenants" ADD "comment_threshold" smallint NOT NULL DEFAULT '5'`);
    await queryRunner.query(`ALTER TABLE "users" ADD "employee_id" uuid`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_users_employee" ON "users" ("tenant_id", "employee_id") WHERE employee_id IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE "tenants" ADD CONSTRAINT "ck_tenants_comment_threshold" CHECK (comment_threshold >= 3)`);
    await queryRunner.query(`ALTER TABLE "surveys" ADD CONSTRAINT "fk_surveys_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "survey_rounds" ADD CONSTRAINT "fk_survey_rounds_survey" FOREIGN KEY ("tenant_id", "survey_id") REFERENCES "surveys"("tenant_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "survey_responses" ADD CONSTRAINT "fk_survey_responses_round" FOREIGN KEY ("tenant_id", "round_id") REFERENCES "survey_rounds"("tenant_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "survey_answers" ADD CONSTRAINT "fk_survey_answers_response" FOREIGN KEY ("tenant_id", "response_id") REFERENCES "survey_responses"("tenant_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "survey_drivers" ADD CONSTRAINT "fk_survey_drivers_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "survey_invitations" ADD CONSTRAINT "fk_survey_invitations_round" FOREIGN KEY ("tenant_id", "round_id") REFERENCES "survey_rounds"("tenant_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "survey_invitations" ADD CONSTRAINT "fk_survey_invitations_employee" FOREIGN KEY ("tenant_id", "employee_id") REFERENCES "employees"("tenant_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "survey_questions" ADD CONSTRAINT "fk_survey_questions_driver" FOREIGN KEY ("tenant_id", "driver_key") REFERENCES "survey_drivers"("tenant_id","key") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "survey_receipts" ADD CONSTRAINT "fk_survey_receipts_round" FOREIGN KEY ("tenant_id", "round_id") REFERENCES "survey_rounds"("tenant_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "survey_segment_counts" ADD CONSTRAINT "fk_survey_segment_counts_round" FOREIGN KEY ("tenant_id", "round_id") REFERENCES "survey_rounds"("tenant_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "survey_rollups" ADD CONSTRAINT "fk_survey_rollups_segment" FOREIGN KEY ("tenant_id", "round_id", "segment_key") REFERENCES "survey_segment_counts"("tenant_id","round_id","segment_key") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "users" ADD CONSTRAINT "fk_users_employee" FOREIGN KEY ("tenant_id", "employee_id") REFERENCES "employees"("tenant_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "fk_users_employee"`);
    await queryRunner.query(`ALTER TABLE "survey_rollups" DROP CONSTRAINT "fk_survey_rollups_segment"`);
    await queryRunner.query(`ALTER TABLE "survey_segment_counts" DROP CONSTRAINT "fk_survey_segment_counts_round"`);
    await queryRunner.query(`ALTER TABLE "survey_receipts" DROP CONSTRAINT "fk_survey_receipts_round"`);
    await queryRunner.query(`ALTER TABLE "survey_questions" DROP CONSTRAINT "fk_survey_questions_driver"`);
    await queryRunner.query(`ALTER TABLE "survey_invitations" DROP CONSTRAINT "fk_survey_invitations_employee"`);
    await queryRunner.query(`ALTER TABLE "survey_invitations" DROP CONSTRAINT "fk_survey_invitations_round"`);
    await queryRunner.query(`ALTER TABLE "survey_drivers" DROP CONSTRAINT "fk_survey_drivers_tenant"`);
    await queryRunner.query(`ALTER TABLE "survey_answers" DROP CONSTRAINT "fk_survey_answers_response"`);
    await queryRunner.query(`ALTER TABLE "survey_responses" DROP CONSTRAINT "fk_survey_responses_round"`);
    await queryRunner.query(`ALTER TABLE "survey_rounds" DROP CONSTRAINT "fk_survey_rounds_survey"`);
    await queryRunner.query(`ALTER TABLE "surveys" DROP CONSTRAINT "fk_surveys_tenant"`);
    await queryRunner.query(`ALTER TABLE "tenants" DROP CONSTRAINT "ck_tenants_comment_threshold"`);
    await queryRunner.query(`DROP INDEX "public"."uq_users_employee"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "employee_id"`);
    await queryRunner.query(`ALTER TABLE "tenants" DROP COLUMN "comment_threshold"`);
    await queryRunner.query(`DROP TABLE "survey_rollups"`);
    await queryRunner.query(`DROP TABLE "survey_segment_counts"`);
    await queryRunner.query(`DROP INDEX "public"."ix_survey_receipts_expires"`);
    await queryRunner.query(`DROP TABLE "survey_receipts"`);
    await queryRunner.query(`DROP INDEX "public"."ix_survey_questions_driver"`);
    await queryRunner.query(`DROP TABLE "survey_questions"`);
    await queryRunner.query(`DROP INDEX "public"."uq_survey_invitations_token"`);
    await queryRunner.query(`DROP INDEX "public"."uq_survey_invitations_round_employee"`);
    await queryRunner.query(`DROP TABLE "survey_invitations"`);
    await queryRunner.query(`DROP TABLE "survey_drivers"`);
    await queryRunner.query(`DROP TABLE "survey_answers"`);
    await queryRunner.query(`DROP INDEX "public"."ix_survey_responses_round"`);
    await queryRunner.query(`DROP INDEX "public"."uq_survey_responses_reply_key"`);
    await queryRunner.query(`DROP TABLE "survey_responses"`);
    await queryRunner.query(`DROP INDEX "public"."uq_survey_rounds_number"`);
    await queryRunner.query(`DROP INDEX "public"."ix_survey_rounds_open"`);
    await queryRunner.query(`DROP TABLE "survey_rounds"`);
    await queryRunner.query(`DROP INDEX "public"."ix_surveys_next_round"`);
    await queryRunner.query(`DROP TABLE "surveys"`);
  }
}
