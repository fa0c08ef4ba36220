import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Checklists (issue 6): versioned templates, checklists run from them, their tasks and each task's history. */
export class CreateChecklists1795600800000 implements MigrationInterface {
  name = 'CreateChecklists1795600800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "checklist_templates" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" text NOT NULL,
        "kind" text NOT NULL,
        "current_version" integer NOT NULL,
        "archived_at" TIMESTAMP(3) WITH TIME ZONE,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL,
        CONSTRAINT "ck_checklist_templates_kind" CHECK (kind IN ('onboarding', 'offboarding', 'custom')),
        CONSTRAINT "PK_34eae3161e1834e4e49436c6ec4" PRIMARY KEY ("tenant_id", "id")
      )`);
    await queryRunner.query(`
      CREATE TABLE "checklist_template_versions" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "template_id" uuid NOT NULL,
        "number" integer NOT NULL,
        "tasks" jsonb NOT NULL,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_3dbc29320215fd98a2e9c3a637f" PRIMARY KEY ("tenant_id", "id")
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_checklist_template_versions_number" ON "checklist_template_versions" ("tenant_id", "template_id", "number")`);
    await queryRunner.query(`
      CREATE TABLE "checklists" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "employee_id" uuid NOT NULL,
        "template_id" uuid NOT NULL,
        "template_version_id" uuid NOT NULL,
        "anchor_date" date NOT NULL,
        "status" text NOT NULL,
        "completed_at" TIMESTAMP(3) WITH TIME ZONE,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "ck_checklists_status" CHECK (status IN ('running', 'completed', 'cancelled')),
        CONSTRAINT "PK_d3c71a2d0772920cf280c16c7cc" PRIMARY KEY ("tenant_id", "id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_checklists_template" ON "checklists" ("tenant_id", "template_id", "status")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_checklists_running" ON "checklists" ("tenant_id", "employee_id", "template_id") WHERE status = 'running'`);
    await queryRunner.query(`
      CREATE TABLE "checklist_tasks" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "checklist_id" uuid NOT NULL,
        "key" text NOT NULL,
        "title" text NOT NULL,
        "description" text,
        "required" boolean NOT NULL,
        "depends_on" text array NOT NULL,
        "assignee_rule" text NOT NULL,
        "assignee_user_id" uuid,
        "due_on" date NOT NULL,
        "status" text NOT NULL,
        "completed_at" TIMESTAMP(3) WITH TIME ZONE,
        CONSTRAINT "ck_checklist_tasks_status" CHECK (status IN ('open', 'done', 'skipped')),
        CONSTRAINT "PK_a85f8c4e273b6ac479940002572" PRIMARY KEY ("tenant_id", "id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_checklist_tasks_assignee" ON "checklist_tasks" ("tenant_id", "assignee_user_id", "status", "due_on")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_checklist_tasks_key" ON "checklist_tasks" ("tenant_id", "checklist_id", "key")`);
    await queryRunner.query(`
      CREATE TABLE "checklist_task_events" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "task_id" uuid NOT NULL,
        "action" text NOT NULL,
        "from_status" text,
        "to_status" text,
        "comment" text,
        "actor_user_id" uuid,
        "actor_api_key_id" uuid,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_7b3623c922756cf08298d1f695c" PRIMARY KEY ("tenant_id", "id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_checklist_task_events_task" ON "checklist_task_events" ("tenant_id", "task_id", "created_at")`);
    await queryRunner.query(`ALTER TABLE "checklist_templates" ADD CONSTRAINT "fk_checklist_templates_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "checklist_template_versions" ADD CONSTRAINT "fk_checklist_template_versions_template" FOREIGN KEY ("tenant_id", "template_id") REFERENCES "checklist_templates"("tenant_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "checklists" ADD CONSTRAINT "fk_checklists_employee" FOREIGN KEY ("tenant_id", "employee_id") REFERENCES "employees"("tenant_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "checklists" ADD CONSTRAINT "fk_checklists_template" FOREIGN KEY ("tenant_id", "template_id") REFERENCES "checklist_templates"("tenant_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "checklists" ADD CONSTRAINT "fk_checklists_template_version" FOREIGN KEY ("tenant_id", "template_version_id") REFERENCES "checklist_template_versions"("tenant_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "checklist_tasks" ADD CONSTRAINT "fk_checklist_tasks_checklist" FOREIGN KEY ("tenant_id", "checklist_id") REFERENCES "checklists"("tenant_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "checklist_task_events" ADD CONSTRAINT "fk_checklist_task_events_task" FOREIGN KEY ("tenant_id", "task_id") REFERENCES "checklist_tasks"("tenant_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "checklist_task_events" DROP CONSTRAINT "fk_checklist_task_events_task"`);
    await queryRunner.query(`ALTER TABLE "checklist_tasks" DROP CONSTRAINT "fk_checklist_tasks_checklist"`);
    await queryRunner.query(`ALTER TABLE "checklists" DROP CONSTRAINT "fk_checklists_template_version"`);
    await queryRunner.query(`ALTER TABLE "checklists" DROP CONSTRAINT "fk_checklists_template"`);
    await queryRunner.query(`ALTER TABLE "checklists" DROP CONSTRAINT "fk_checklists_employee"`);
    await queryRunner.query(`ALTER TABLE "checklist_template_versions" DROP CONSTRAINT "fk_checklist_template_versions_template"`);
    await queryRunner.query(`ALTER TABLE "checklist_templates" DROP CONSTRAINT "fk_checklist_templates_tenant"`);
    await queryRunner.query(`DROP INDEX "public"."ix_checklist_task_events_task"`);
    await queryRunner.query(`DROP TABLE "checklist_task_events"`);
    await queryRunner.query(`DROP INDEX "public"."uq_checklist_tasks_key"`);
    await queryRunner.query(`DROP INDEX "public"."ix_checklist_tasks_assignee"`);
    await queryRunner.query(`DROP TABLE "checklist_tasks"`);
    await queryRunner.query(`DROP INDEX "public"."uq_checklists_running"`);
    await queryRunner.query(`DROP INDEX "public"."ix_checklists_template"`);
    await queryRunner.query(`DROP TABLE "checklists"`);
    await queryRunner.query(`DROP INDEX "public"."uq_checklist_template_versions_number"`);
    await queryRunner.query(`DROP TABLE "checklist_template_versions"`);
    await queryRunner.query(`DROP TABLE "checklist_templates"`);
  }
}
