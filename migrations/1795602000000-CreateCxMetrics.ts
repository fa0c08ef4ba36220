import type { MigrationInterface, QueryRunner } from 'typeorm';

/** CX metric definitions per tenant and the customer figures per unit, metric and period. */
export class CreateCxMetrics1795602000000 implements MigrationInterface {
  name = 'CreateCxMetrics1795602000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "cx_metrics" (
        "tenant_id" uuid NOT NULL,
        "key" text NOT NULL,
        "name" text NOT NULL,
        "kind" text NOT NULL,
        "min_value" double precision NOT NULL,
        "max_value" double precision NOT NULL,
        "higher_is_better" boolean NOT NULL,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "ck_cx_metrics_range" CHECK (min_value < max_value),
        CONSTRAINT "ck_cx_metrics_kind" CHECK (kind IN ('csat', 'nps', 'ces', 'custom')),
        CONSTRAINT "PK_ff9fce67ce74c556a5fcdfdd553" PRIMARY KEY ("tenant_id", "key")
      )`);
    await queryRunner.query(`
      CREATE TABLE "cx_observations" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "unit_id" uuid NOT NULL,
        "metric_key" text NOT NULL,
        "period" text NOT NULL,
        "granularity" text NOT NULL,
        "value" double precision NOT NULL,
        "n" integer NOT NULL,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "ck_cx_observations_n" CHECK (n >= 1),
        CONSTRAINT "ck_cx_observations_granularity" CHECK (granularity IN ('month', 'week', 'quarter')),
        CONSTRAINT "PK_90a7204f6b138f04faacd9ee11f" PRIMARY KEY ("tenant_id", "id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_cx_observations_metric_period" ON "cx_observations" ("tenant_id", "metric_key", "granularity", "period")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_cx_observations_unit_metric_period" ON "cx_observations" ("tenant_id", "unit_id", "metric_key", "period")`);
    await queryRunner.query(`ALTER TABLE "cx_metrics" ADD CONSTRAINT "fk_cx_metrics_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "cx_observations" ADD CONSTRAINT "fk_cx_observations_unit" FOREIGN KEY ("tenant_id", "unit_id") REFERENCES "units"("tenant_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "cx_observations" ADD CONSTRAINT "fk_cx_observations_metric" FOREIGN KEY ("tenant_id", "metric_key") REFERENCES "cx_metrics"("tenant_id","key") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cx_observations" DROP CONSTRAINT "fk_cx_observations_metric"`);
    await queryRunner.query(`ALTER TABLE "cx_observations" DROP CONSTRAINT "fk_cx_observations_unit"`);
    await queryRunner.query(`ALTER TABLE "cx_metrics" DROP CONSTRAINT "fk_cx_metrics_tenant"`);
    await queryRunner.query(`DROP INDEX "public"."uq_cx_observations_unit_metric_period"`);
    await queryRunner.query(`DROP INDEX "public"."ix_cx_observations_metric_period"`);
    await queryRunner.query(`DROP TABLE "cx_observations"`);
    await queryRunner.query(`DROP TABLE "cx_metrics"`);
  }
}
