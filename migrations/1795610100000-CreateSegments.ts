import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Saved segments (issue 13): HR's named filters that reports apply. */
export class CreateSegments1795610100000 implements MigrationInterface {
  name = 'CreateSegments1795610100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "segments" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" text NOT NULL,
        "name_key" text NOT NULL,
        "filters" jsonb NOT NULL,
        "created_by_user_id" uuid,
        "created_by_api_key_id" uuid,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "archived_at" TIMESTAMP(3) WITH TIME ZONE,
        "version" integer NOT NULL,
        CONSTRAINT "PK_828c9a55026c15cbe40885b5109" PRIMARY KEY ("tenant_id", "id")
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_segments_tenant_name" ON "segments" ("tenant_id", "name_key") WHERE archived_at IS NULL`);
    await queryRunner.query(`ALTER TABLE "segments" ADD CONSTRAINT "fk_segments_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "segments" DROP CONSTRAINT "fk_segments_tenant"`);
    await queryRunner.query(`DROP INDEX "public"."uq_segments_tenant_name"`);
    await queryRunner.query(`DROP TABLE "segments"`);
  }
}
