import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Each tenant's weights for the observation index (issue 13); without a row the defaults apply. */
export class CreateObservationSettings1795607100000 implements MigrationInterface {
  name = 'CreateObservationSettings1795607100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "observation_settings" (
        "tenant_id" uuid NOT NULL,
        "weights" jsonb NOT NULL,
        "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_8bbe93e92d2030d9fe2014b1472" PRIMARY KEY ("tenant_id")
      )`);
    await queryRunner.query(`ALTER TABLE "observation_settings" ADD CONSTRAINT "fk_observation_settings_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "observation_settings" DROP CONSTRAINT "fk_observation_settings_tenant"`);
    await queryRunner.query(`DROP TABLE "observation_settings"`);
  }
}
