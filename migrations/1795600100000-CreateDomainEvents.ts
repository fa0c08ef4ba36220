import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The transactional outbox of domain events (docs/employees.md, "Domain events"). */
export class CreateDomainEvents1795600100000 implements MigrationInterface {
  name = 'CreateDomainEvents1795600100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "domain_events" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "seq" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "xact_id" bigint NOT NULL,
        "type" text NOT NULL,
        "subject_id" uuid NOT NULL,
        "payload" jsonb NOT NULL,
        "occurred_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_domain_events" PRIMARY KEY ("tenant_id", "id"),
        CONSTRAINT "fk_domain_events_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_domain_events_tenant_seq" ON "domain_events" ("tenant_id", "seq")`);
    await queryRunner.query(`CREATE INDEX "ix_domain_events_tenant_type_seq" ON "domain_events" ("tenant_id", "type", "seq")`);
    await queryRunner.query(`CREATE INDEX "ix_domain_events_tenant_subject_seq" ON "domain_events" ("tenant_id", "subject_id", "seq")`);
    // Outbox readers (webhook fan-out) scan by transaction id across tenants.
    await queryRunner.query(`CREATE INDEX "ix_domain_events_xact" ON "domain_events" ("xact_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "domain_events"`);
  }
}
