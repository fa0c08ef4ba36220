import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Survey comments (issue 11): free-text answers with their sentiment and watch-list flag, the
 * anonymous conversations about them, the tenant's watch lists, and an index to find a response by
 * the hash of its reply key (the key carries no tenant).
 */
export class CreateSurveyComments1795600500000 implements MigrationInterface {
  name = 'CreateSurveyComments1795600500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "survey_comments" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL,
        "round_id" uuid NOT NULL,
        "question_id" uuid NOT NULL,
        "driver_key" text,
        "response_id" uuid NOT NULL,
        "text" text NOT NULL,
        "sentiment_score" double precision,
        "sentiment_label" text,
        "locale" text NOT NULL,
        "flagged" boolean NOT NULL,
        "flag_categories" text array,
        "unit_id" uuid,
        "tenure_phase" text,
        "stage" text,
        "location" text,
        CONSTRAINT "ck_survey_comments_flagged" CHECK (flagged = (flag_categories IS NOT NULL)),
        CONSTRAINT "ck_survey_comments_sentiment_score" CHECK ((sentiment_label IS NULL) = (sentiment_score IS NULL)),
        CONSTRAINT "ck_survey_comments_sentiment" CHECK (sentiment_label IN ('positive', 'neutral', 'negative')),
        CONSTRAINT "PK_d79d78967109bac18514ca11ce4" PRIMARY KEY ("tenant_id", "id")
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_survey_comments_answer" ON "survey_comments" ("tenant_id", "response_id", "question_id")`);
    await queryRunner.query(`CREATE INDEX "ix_survey_comments_round" ON "survey_comments" ("tenant_id", "round_id", "id")`);
    await queryRunner.query(`
      CREATE TABLE "survey_comment_messages" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL,
        "comment_id" uuid NOT NULL,
        "author" text NOT NULL,
        "staff_user_id" uuid,
        "staff_api_key_id" uuid,
        "text" text NOT NULL,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "ck_survey_comment_messages_staff" CHECK ((author = 'staff' AND num_nonnulls(staff_user_id, staff_api_key_id) = 1) OR (author = 'respondent' AND num_nonnulls(staff_user_id, staff_api_key_id) = 0)),
        CONSTRAINT "ck_survey_comment_messages_author" CHECK (author IN ('respondent', 'staff')),
        CONSTRAINT "PK_c0f686a8dbe976d754a8e16f5ee" PRIMARY KEY ("tenant_id", "id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_survey_comment_messages_comment" ON "survey_comment_messages" ("tenant_id", "comment_id", "created_at")`);
    await queryRunner.query(`
      CREATE TABLE "survey_watch_terms" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL,
        "category" text NOT NULL,
        "locale" text NOT NULL,
        "term" text NOT NULL,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "ck_survey_watch_terms_category" CHECK (category IN ('harassment', 'safety', 'integrity', 'self_harm')),
        CONSTRAINT "PK_6d246b167d97ad40e5b8dd5af4e" PRIMARY KEY ("tenant_id", "id")
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_survey_watch_terms_term" ON "survey_watch_terms" ("tenant_id", "locale", "category", "term")`);
    await queryRunner.query(`CREATE INDEX "ix_survey_responses_reply_key_hash" ON "survey_responses" ("reply_key_hash")`);
    await queryRunner.query(
      `ALTER TABLE "survey_comments" ADD CONSTRAINT "fk_survey_comments_round" FOREIGN KEY ("tenant_id", "round_id") REFERENCES "survey_rounds"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "survey_comments" ADD CONSTRAINT "fk_survey_comments_response" FOREIGN KEY ("tenant_id", "response_id") REFERENCES "survey_responses"("tenant_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "survey_comment_messages" ADD CONSTRAINT "fk_survey_comment_messages_comment" FOREIGN KEY ("tenant_id", "comment_id") REFERENCES "survey_comments"("tenant_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "survey_watch_terms" ADD CONSTRAINT "fk_survey_watch_terms_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "survey_watch_terms" DROP CONSTRAINT "fk_survey_watch_terms_tenant"`);
    await queryRunner.query(`ALTER TABLE "survey_comment_messages" DROP CONSTRAINT "fk_survey_comment_messages_comment"`);
    await queryRunner.query(`ALTER TABLE "survey_comments" DROP CONSTRAINT "fk_survey_comments_response"`);
    await queryRunner.query(`ALTER TABLE "survey_comments" DROP CONSTRAINT "fk_survey_comments_round"`);
    await queryRunner.query(`DROP INDEX "public"."ix_survey_responses_reply_key_hash"`);
    await queryRunner.query(`DROP INDEX "public"."uq_survey_watch_terms_term"`);
    await queryRunner.query(`DROP TABLE "survey_watch_terms"`);
    await queryRunner.query(`DROP INDEX "public"."ix_survey_comment_messages_comment"`);
    await queryRunner.query(`DROP TABLE "survey_comment_messages"`);
    await queryRunner.query(`DROP INDEX "public"."ix_survey_comments_round"`);
    await queryRunner.query(`DROP INDEX "public"."uq_survey_comments_answer"`);
    await queryRunner.query(`DROP TABLE "survey_comments"`);
  }
}
