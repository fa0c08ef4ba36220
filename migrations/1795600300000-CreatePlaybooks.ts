import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Stage playbooks, their runs (once per playbook and event), and the outbox readers' cursors. */
export class CreatePlaybooks1795600300000 implements MigrationInterface {
  name = 'CreatePlaybooks1795600300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "playbooks" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" text NOT NULL,
        "trigger_event" text NOT NULL,
        "trigger_stage" text,
        "unit_id" uuid,
        "location" text,
        "action" text NOT NULL,
        "action_params" jsonb NOT NULL,
        "delay_days" integer NOT NULL,
        "listening_snapshot" text NOT NULL,
        "disabled_at" TIMESTAMP(3) WITH TIME ZONE,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL,
        CONSTRAINT "ck_playbooks_delay" CHECK (delay_days >= 0 AND delay_days <= 3650),
        CONSTRAINT "PK_2eaabf08b1abc003eab4124e06d" PRIMARY KEY ("tenant_id", "id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_playbooks_tenant_trigger" ON "playbooks"("tenant_id", "trigger_event")`);
    await queryRunner.query(`
      CREATE TABLE "playbook_runs" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "playbook_id" uuid NOT NULL,
        "event_id" uuid NOT NULL,
        "employee_id" uuid NOT NULL,
        "due_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
        "status" text NOT NULL DEFAULT 'pending',
        "attempts" integer NOT NULL DEFAULT '0',
        "result" jsonb,
        "error" text,
        "completed_at" TIMESTAMP(3) WITH TIME ZONE,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "ck_playbook_runs_status" CHECK (status IN ('pending', 'done', 'failed')),
        CONSTRAINT "PK_7093c963bb5463fcaa7cfd74bf6" PRIMARY KEY ("tenant_id", "id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_playbook_runs_playbook" ON "playbook_runs"("tenant_id", "playbook_id", "created_at")`);
    await queryRunner.query(`CREATE INDEX "ix_playbook_runs_due" ON "playbook_runs"("due_at") WHERE status = 'pending'`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_playbook_runs_event" ON "playbook_runs"("tenant_id", "playbook_id", "event_id")`);
    await queryRunner.query(`
      CREATE TABLE "outbox_consumers" (
        "name" text NOT NULL,
        "below_xact" bigint NOT NULL,
        CONSTRAINT "PK_11b0bcc736265f85c98fda27999" PRIMARY KEY ("name")
      )`);
    await queryRunner.query(`ALTER TABLE "playbooks" ADD CONSTRAINT "fk_playbooks_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "playbook_runs" ADD CONSTRAINT "fk_playbook_runs_playbook" FOREIGN KEY ("tenant_id", "playbook_id") REFERENCES "playbooks"("tenant_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // Playbooks react to events recorded from now on.
    await queryRunner.query(
      `INSERT INTO "outbox_consumers" ("name", "below_xact") VALUES ('playbooks', pg_snapshot_xmin(pg_current_snapshot())::text::bigint)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "playbook_runs"`);
    await queryRunner.query(`DROP TABLE "playbooks"`);
    await queryRunner.query(`DROP TABLE "outbox_consumers"`);
  }
}
