import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Outbound webhooks: subscriptions and the deliveries made from the domain-event outbox. */
export class CreateWebhooks1795600200000 implements MigrationInterface {
  name = 'CreateWebhooks1795600200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "webhook_subscriptions" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "url" text NOT NULL,
        "event_types" text array NOT NULL,
        "description" text,
        "secret" text NOT NULL,
        "enqueued_below_xact" bigint NOT NULL,
        "created_snapshot" text NOT NULL,
        "disabled_at" TIMESTAMP(3) WITH TIME ZONE,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL,
        CONSTRAINT "PK_webhook_subscriptions" PRIMARY KEY ("tenant_id", "id"),
        CONSTRAINT "fk_webhook_subscriptions_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`);
    await queryRunner.query(`
      CREATE TABLE "webhook_deliveries" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "subscription_id" uuid NOT NULL,
        "event_id" uuid NOT NULL,
        "event_type" text NOT NULL,
        "body" text NOT NULL,
        "status" text NOT NULL DEFAULT 'pending',
        "attempts" integer NOT NULL DEFAULT '0',
        "next_attempt_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
        "last_status_code" integer,
        "last_error" text,
        "delivered_at" TIMESTAMP(3) WITH TIME ZONE,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_webhook_deliveries" PRIMARY KEY ("tenant_id", "id"),
        CONSTRAINT "ck_webhook_deliveries_status" CHECK (status IN ('pending', 'delivered', 'failed')),
        CONSTRAINT "fk_webhook_deliveries_subscription" FOREIGN KEY ("tenant_id", "subscription_id")
          REFERENCES "webhook_subscriptions"("tenant_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    // An event is enqueued for a subscription once, whatever retries or instances do.
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_webhook_deliveries_event" ON "webhook_deliveries" ("tenant_id", "subscription_id", "event_id")`);
    // The worker serves every tenant: due deliveries are found across tenants.
    await queryRunner.query(`CREATE INDEX "ix_webhook_deliveries_due" ON "webhook_deliveries" ("next_attempt_at") WHERE status = 'pending'`);
    await queryRunner.query(`CREATE INDEX "ix_webhook_deliveries_subscription" ON "webhook_deliveries" ("tenant_id", "subscription_id", "created_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "webhook_deliveries"`);
    await queryRunner.query(`DROP TABLE "webhook_subscriptions"`);
  }
}
