import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Employment type and referral hire join the segment snapshot a survey response keeps (saved
 * segments filter on them). Responses and segment counts from before stay null: unknown, so they
 * never match a segment that filters on either.
 */
export class AddSurveySnapshotDimensions1795610000000 implements MigrationInterface {
  name = 'AddSurveySnapshotDimensions1795610000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "survey_responses" ADD "employment_type" text`);
    await queryRunner.query(`ALTER TABLE "survey_responses" ADD "referral_hire" boolean`);
    await queryRunner.query(`ALTER TABLE "survey_segment_counts" ADD "employment_type" text`);
    await queryRunner.query(`ALTER TABLE "survey_segment_counts" ADD "referral_hire" boolean`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "survey_segment_counts" DROP COLUMN "referral_hire"`);
    await queryRunner.query(`ALTER TABLE "survey_segment_counts" DROP COLUMN "employment_type"`);
    await queryRunner.query(`ALTER TABLE "survey_responses" DROP COLUMN "referral_hire"`);
    await queryRunner.query(`ALTER TABLE "survey_responses" DROP COLUMN "employment_type"`);
  }
}
