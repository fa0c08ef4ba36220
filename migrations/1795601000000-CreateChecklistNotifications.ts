import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The outbox of checklist reminder e-mails: one digest per assignee and day, with its delivery state. */
export class CreateChecklistNotifications1795601000000 implements MigrationInterface {
  name = 'CreateChecklistNotifications1795601000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "checklist_notifications" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "day" date NOT NULL,
        "recipient" text NOT NULL,
        "subject" text NOT NULL,
        "body" text NOT NULL,
        "task_ids" uuid array NOT NULL,
        "status" text NOT NULL,
        "attempts" integer NOT NULL,
        "next_attempt_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
        "last_error" text,
        "sent_at" TIMESTAMP(3) WITH TIME ZONE,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "ck_checklist_notifications_status" CHECK (status IN ('pending', 'sent', 'off')),
        CONSTRAINT "PK_4d3b03e5b468cc2e7dad3614492" PRIMARY KEY ("tenant_id", "id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_checklist_notifications_due" ON "checklist_notifications" ("next_attempt_at") WHERE status = 'pending'`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_checklist_notifications_day" ON "checklist_notifications" ("tenant_id", "user_id", "day")`);
    await queryRunner.query(`ALTER TABLE "checklist_notifications" ADD CONSTRAINT "fk_checklist_notifications_user" FOREIGN KEY ("tenant_id", "user_id") REFERENCES "users"("tenant_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "checklist_notifications" DROP CONSTRAINT "fk_checklist_notifications_user"`);
    await queryRunner.query(`DROP INDEX "public"."uq_checklist_notifications_day"`);
    await queryRunner.query(`DROP INDEX "public"."ix_checklist_notifications_due"`);
    await queryRunner.query(`DROP TABLE "checklist_notifications"`);
  }
}
