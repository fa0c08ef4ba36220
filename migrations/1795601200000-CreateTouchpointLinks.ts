import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Evidence links from touchpoints to checklist template tasks and survey questions. */
export class CreateTouchpointLinks1795601200000 implements MigrationInterface {
  name = 'CreateTouchpointLinks1795601200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "touchpoint_links" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "touchpoint_id" uuid NOT NULL,
        "kind" text NOT NULL,
        "template_id" uuid,
        "task_key" text,
        "question_id" uuid,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "ck_touchpoint_links_kind" CHECK ((kind = 'checklist_task' AND template_id IS NOT NULL AND task_key IS NOT NULL AND question_id IS NULL) OR (kind = 'survey_question' AND question_id IS NOT NULL AND template_id IS NULL AND task_key IS NULL)),
        CONSTRAINT "PK_21ec705e0f60fe7aa532a1c1e6f" PRIMARY KEY ("tenant_id", "id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_touchpoint_links_touchpoint" ON "touchpoint_links" ("tenant_id", "touchpoint_id")`);
    await queryRunner.query(`ALTER TABLE "touchpoint_links" ADD CONSTRAINT "fk_touchpoint_links_touchpoint" FOREIGN KEY ("tenant_id", "touchpoint_id") REFERENCES "journey_touchpoints"("tenant_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "touchpoint_links" DROP CONSTRAINT "fk_touchpoint_links_touchpoint"`);
    await queryRunner.query(`DROP INDEX "public"."ix_touchpoint_links_touchpoint"`);
    await queryRunner.query(`DROP TABLE "touchpoint_links"`);
  }
}
