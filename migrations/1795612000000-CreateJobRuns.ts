import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Ticks of the periodic jobs, each claimed by one instance, with how each run went (docs/scaling.md). */
export class CreateJobRuns1795612000000 implements MigrationInterface {
  name = 'CreateJobRuns1795612000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "job_runs" (
        "job" text NOT NULL,
        "tick_started_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
        "instance" text NOT NULL,
        "started_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
        "finished_at" TIMESTAMP(3) WITH TIME ZONE,
        "outcome" text NOT NULL,
        "work" jsonb,
        "error" text,
        CONSTRAINT "ck_job_runs_outcome" CHECK (outcome IN ('running', 'done', 'failed')),
        CONSTRAINT "PK_44c71ac42a008576b1d67c4b3e9" PRIMARY KEY ("job", "tick_started_at")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "job_runs"`);
  }
}
