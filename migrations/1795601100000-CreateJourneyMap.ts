import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The journey map (issue 7): touchpoints per stage, pain points with their history and me-toos. */
export class CreateJourneyMap1795601100000 implements MigrationInterface {
  name = 'CreateJourneyMap1795601100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "journey_touchpoints" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "stage" text NOT NULL,
        "name" text NOT NULL,
        "description" text,
        "owner_unit_id" uuid,
        "owner_role" text,
        "channel" text NOT NULL,
        "day_offset" integer NOT NULL,
        "position" integer NOT NULL,
        "retired_at" TIMESTAMP(3) WITH TIME ZONE,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL,
        CONSTRAINT "ck_journey_touchpoints_stage" CHECK (stage IN ('attract', 'hire', 'onboard', 'engage', 'perform', 'develop', 'depart')),
        CONSTRAINT "PK_1a936093374eb9795899c207060" PRIMARY KEY ("tenant_id", "id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_journey_touchpoints_stage" ON "journey_touchpoints" ("tenant_id", "stage", "position")`);
    await queryRunner.query(`
      CREATE TABLE "pain_points" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "touchpoint_id" uuid NOT NULL,
        "description" text NOT NULL,
        "severity" smallint NOT NULL,
        "source" text NOT NULL,
        "reporter_user_id" uuid,
        "reporter_api_key_id" uuid,
        "unit_id" uuid,
        "tenure_phase" text,
        "stage" text,
        "location" text,
        "status" text NOT NULL,
        "resolution_note" text,
        "action_id" uuid,
        "me_too_count" integer NOT NULL,
        "reported_on" date NOT NULL,
        "resolved_on" date,
        CONSTRAINT "ck_pain_points_anonymous" CHECK ((source IN ('anonymous', 'survey_comment')) = (reporter_user_id IS NULL AND reporter_api_key_id IS NULL)),
        CONSTRAINT "ck_pain_points_status" CHECK (status IN ('new', 'acknowledged', 'in_progress', 'resolved', 'wont_fix')),
        CONSTRAINT "ck_pain_points_source" CHECK (source IN ('employee', 'anonymous', 'observation', 'survey_comment')),
        CONSTRAINT "ck_pain_points_severity" CHECK (severity BETWEEN 1 AND 5),
        CONSTRAINT "PK_fa4f0b077dfeff9a5a8624ebc1e" PRIMARY KEY ("tenant_id", "id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_pain_points_touchpoint" ON "pain_points" ("tenant_id", "touchpoint_id", "status")`);
    await queryRunner.query(`
      CREATE TABLE "pain_point_events" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "pain_point_id" uuid NOT NULL,
        "from_status" text,
        "to_status" text NOT NULL,
        "note" text,
        "actor_user_id" uuid,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_15a97c6298bf1461fa746d976a5" PRIMARY KEY ("tenant_id", "id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_pain_point_events_pain_point" ON "pain_point_events" ("tenant_id", "pain_point_id", "created_at")`);
    await queryRunner.query(`
      CREATE TABLE "pain_point_me_toos" (
        "tenant_id" uuid NOT NULL,
        "pain_point_id" uuid NOT NULL,
        "voter_hash" text NOT NULL,
        CONSTRAINT "PK_c2b5aafc3c7c3255980d4139fb5" PRIMARY KEY ("tenant_id", "pain_point_id", "voter_hash")
      )`);
    await queryRunner.query(`ALTER TABLE "journey_touchpoints" ADD CONSTRAINT "fk_journey_touchpoints_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "journey_touchpoints" ADD CONSTRAINT "fk_journey_touchpoints_owner_unit" FOREIGN KEY ("tenant_id", "owner_unit_id") REFERENCES "units"("tenant_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "pain_points" ADD CONSTRAINT "fk_pain_points_touchpoint" FOREIGN KEY ("tenant_id", "touchpoint_id") REFERENCES "journey_touchpoints"("tenant_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "pain_point_events" ADD CONSTRAINT "fk_pain_point_events_pain_point" FOREIGN KEY ("tenant_id", "pain_point_id") REFERENCES "pain_points"("tenant_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "pain_point_me_toos" ADD CONSTRAINT "fk_pain_point_me_toos_pain_point" FOREIGN KEY ("tenant_id", "pain_point_id") REFERENCES "pain_points"("tenant_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "pain_point_me_toos" DROP CONSTRAINT "fk_pain_point_me_toos_pain_point"`);
    await queryRunner.query(`ALTER TABLE "pain_point_events" DROP CONSTRAINT "fk_pain_point_events_pain_point"`);
    await queryRunner.query(`ALTER TABLE "pain_points" DROP CONSTRAINT "fk_pain_points_touchpoint"`);
    await queryRunner.query(`ALTER TABLE "journey_touchpoints" DROP CONSTRAINT "fk_journey_touchpoints_owner_unit"`);
    await queryRunner.query(`ALTER TABLE "journey_touchpoints" DROP CONSTRAINT "fk_journey_touchpoints_tenant"`);
    await queryRunner.query(`DROP TABLE "pain_point_me_toos"`);
    await queryRunner.query(`DROP INDEX "public"."ix_pain_point_events_pain_point"`);
    await queryRunner.query(`DROP TABLE "pain_point_events"`);
    await queryRunner.query(`DROP INDEX "public"."ix_pain_points_touchpoint"`);
    await queryRunner.query(`DROP TABLE "pain_points"`);
    await queryRunner.query(`DROP INDEX "public"."ix_journey_touchpoints_stage"`);
    await queryRunner.query(`DROP TABLE "journey_touchpoints"`);
  }
}
