import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A version on checklist tasks, so concurrent changes of one task cannot overwrite each other (409). */
export class AddChecklistTaskVersion1795606000000 implements MigrationInterface {
  name = 'AddChecklistTaskVersion1795606000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Existing tasks start at version 1; the default is dropped so the entity's mapping stays exact.
    await queryRunner.query(`ALTER TABLE "checklist_tasks" ADD "version" integer NOT NULL DEFAULT 1`);
    await queryRunner.query(`ALTER TABLE "checklist_tasks" ALTER COLUMN "version" DROP DEFAULT`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "checklist_tasks" DROP COLUMN "version"`);
  }
}
