import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Always-on voice and its conversations (issue 13). */
export class CreateVoice1795607200000 implements MigrationInterface {
  name = 'CreateVoice1795607200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "voice_messages" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "kind" text NOT NULL,
        "anonymous" boolean NOT NULL,
        "author_user_id" uuid,
        "author_employee_id" uuid,
        "sender_unit_id" uuid,
        "unit_id" uuid,
        "driver_key" text,
        "touchpoint_id" uuid,
        "routed_employee_id" uuid,
        "text" text NOT NULL,
        "status" text NOT NULL,
        "reply_key_hash" text,
        "created_on" date NOT NULL,
        "created_at" TIMESTAMP(3) WITH TIME ZONE,
        "version" integer NOT NULL,
        CONSTRAINT "ck_voice_messages_subject" CHECK (unit_id IS NOT NULL OR driver_key IS NOT NULL OR touchpoint_id IS NOT NULL),
        CONSTRAINT "ck_voice_messages_anonymous" CHECK ((anonymous AND author_user_id IS NULL AND author_employee_id IS NULL AND created_at IS NULL AND reply_key_hash IS NOT NULL) OR (NOT anonymous AND reply_key_hash IS NULL AND created_at IS NOT NULL)),
        CONSTRAINT "ck_voice_messages_status" CHECK (status IN ('new', 'acknowledged', 'in_progress', 'closed')),
        CONSTRAINT "ck_voice_messages_kind" CHECK (kind IN ('suggestion', 'concern', 'praise')),
        CONSTRAINT "PK_027fb87efaabbbe026f11ab8819" PRIMARY KEY ("tenant_id", "id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_voice_messages_reply_key" ON "voice_messages" ("reply_key_hash")`);
    await queryRunner.query(`CREATE INDEX "ix_voice_messages_routed" ON "voice_messages" ("tenant_id", "routed_employee_id", "status")`);
    await queryRunner.query(`
      CREATE TABLE "voice_replies" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "voice_id" uuid NOT NULL,
        "author" text NOT NULL,
        "staff_user_id" uuid,
        "staff_api_key_id" uuid,
        "text" text NOT NULL,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
        CONSTRAINT "ck_voice_replies_author" CHECK ((author = 'staff') = (staff_user_id IS NOT NULL OR staff_api_key_id IS NOT NULL)),
        CONSTRAINT "PK_1050a8ec5ac53b8a268e5d6a9ac" PRIMARY KEY ("tenant_id", "id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_voice_replies_voice" ON "voice_replies" ("tenant_id", "voice_id")`);
    await queryRunner.query(`ALTER TABLE "voice_messages" ADD CONSTRAINT "fk_voice_messages_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "voice_replies" ADD CONSTRAINT "fk_voice_replies_voice" FOREIGN KEY ("tenant_id", "voice_id") REFERENCES "voice_messages"("tenant_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "voice_replies" DROP CONSTRAINT "fk_voice_replies_voice"`);
    await queryRunner.query(`ALTER TABLE "voice_messages" DROP CONSTRAINT "fk_voice_messages_tenant"`);
    await queryRunner.query(`DROP INDEX "public"."ix_voice_replies_voice"`);
    await queryRunner.query(`DROP TABLE "voice_replies"`);
    await queryRunner.query(`DROP INDEX "public"."ix_voice_messages_routed"`);
    await queryRunner.query(`DROP INDEX "public"."ix_voice_messages_reply_key"`);
    await queryRunner.query(`DROP TABLE "voice_messages"`);
  }
}
