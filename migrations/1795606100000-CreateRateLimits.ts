import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Rate-limit windows of the sign-in and public routes, shared by every instance (docs/scaling.md). */
export class CreateRateLimits1795606100000 implements MigrationInterface {
  name = 'CreateRateLimits1795606100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "rate_limits" (
        "key" text NOT NULL,
        "window_started_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
        "hits" integer NOT NULL,
        CONSTRAINT "PK_8cb6aa4831e3e775ccf370521db" PRIMARY KEY ("key")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "rate_limits"`);
  }
}
