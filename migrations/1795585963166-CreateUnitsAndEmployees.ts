import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Org units with their version history, employees, who-was-where assignments, and the append-only
 * journey of stage transitions (docs/employees.md).
 */
export class CreateUnitsAndEmployees1795585963166 implements MigrationInterface {
  name = 'CreateUnitsAndEmployees1795585963166';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "units" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "external_id" text,
        "name" text NOT NULL,
        "kind" text NOT NULL DEFAULT 'team',
        "parent_id" uuid,
        "manager_id" uuid,
        "archived_at" TIMESTAMP(3) WITH TIME ZONE,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL,
        CONSTRAINT "ck_units_not_own_parent" CHECK (parent_id IS NULL OR parent_id <> id),
        CONSTRAINT "ck_units_kind" CHECK (kind IN ('company', 'division', 'department', 'team', 'other')),
        CONSTRAINT "PK_d9c380041d466077a0937f1cac1" PRIMARY KEY ("tenant_id", "id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_units_tenant_parent" ON "units"("tenant_id", "parent_id")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_units_tenant_external_id" ON "units"("tenant_id", "external_id") WHERE external_id IS NOT NULL`);
    await queryRunner.query(`
      CREATE TABLE "employees" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "external_id" text,
        "first_name" text NOT NULL,
        "last_name" text NOT NULL,
        "work_email" text,
        "job_title" text,
        "unit_id" uuid,
        "manager_id" uuid,
        "location" text,
        "employment_type" text,
        "start_date" date,
        "end_date" date,
        "referred_by_id" uuid,
        "stage" text NOT NULL,
        "stage_changed_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL,
        CONSTRAINT "ck_employees_not_own_manager" CHECK (manager_id IS NULL OR manager_id <> id),
        CONSTRAINT "ck_employees_dates" CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date),
        CONSTRAINT "ck_employees_work_email_lower" CHECK (work_email = lower(work_email)),
        CONSTRAINT "ck_employees_employment_type" CHECK (employment_type IN ('full_time', 'part_time', 'contractor', 'intern', 'temporary')),
        CONSTRAINT "ck_employees_stage" CHECK (stage IN ('attract', 'hire', 'onboard', 'engage', 'perform', 'develop', 'depart')),
        CONSTRAINT "PK_c4f9d9ebd599f333e9b2e56fc69" PRIMARY KEY ("tenant_id", "id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_employees_tenant_stage" ON "employees"("tenant_id", "stage")`);
    await queryRunner.query(`CREATE INDEX "ix_employees_tenant_manager" ON "employees"("tenant_id", "manager_id")`);
    await queryRunner.query(`CREATE INDEX "ix_employees_tenant_unit" ON "employees"("tenant_id", "unit_id")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_employees_tenant_work_email" ON "employees"("tenant_id", "work_email") WHERE work_email IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_employees_tenant_external_id" ON "employees"("tenant_id", "external_id") WHERE external_id IS NOT NULL`);
    await queryRunner.query(`
      CREATE TABLE "employee_assignments" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "employee_id" uuid NOT NULL,
        "unit_id" uuid,
        "manager_id" uuid,
        "job_title" text,
        "valid_from" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
        "valid_to" TIMESTAMP(3) WITH TIME ZONE,
        CONSTRAINT "PK_d8a5d29933e9100b64d78f2caa7" PRIMARY KEY ("tenant_id", "id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_employee_assignments_unit" ON "employee_assignments"("tenant_id", "unit_id", "valid_from")`);
    await queryRunner.query(`CREATE INDEX "ix_employee_assignments_employee" ON "employee_assignments"("tenant_id", "employee_id", "valid_from")`);
    await queryRunner.query(`
      CREATE TABLE "stage_transitions" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "employee_id" uuid NOT NULL,
        "from_stage" text,
        "to_stage" text NOT NULL,
        "effective_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
        "reason" text,
        "source" text NOT NULL,
        "actor_user_id" uuid,
        "actor_api_key_id" uuid,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "ck_stage_transitions_source" CHECK (source IN ('api', 'import', 'system')),
        CONSTRAINT "PK_046b820fb5002cda5195ba2c481" PRIMARY KEY ("tenant_id", "id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_stage_transitions_to_stage" ON "stage_transitions"("tenant_id", "to_stage", "effective_at")`);
    await queryRunner.query(`CREATE INDEX "ix_stage_transitions_employee" ON "stage_transitions"("tenant_id", "employee_id", "effective_at")`);
    await queryRunner.query(`
      CREATE TABLE "unit_versions" (
        "tenant_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "unit_id" uuid NOT NULL,
        "name" text NOT NULL,
        "parent_id" uuid,
        "valid_from" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
        "valid_to" TIMESTAMP(3) WITH TIME ZONE,
        CONSTRAINT "PK_304085cffed8176df607834f71d" PRIMARY KEY ("tenant_id", "id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_unit_versions_unit" ON "unit_versions"("tenant_id", "unit_id", "valid_from")`);
    await queryRunner.query(`ALTER TABLE "units" ADD CONSTRAINT "fk_units_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "units" ADD CONSTRAINT "fk_units_parent" FOREIGN KEY ("tenant_id", "parent_id") REFERENCES "units"("tenant_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "units" ADD CONSTRAINT "fk_units_manager" FOREIGN KEY ("tenant_id", "manager_id") REFERENCES "employees"("tenant_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "employees" ADD CONSTRAINT "fk_employees_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "employees" ADD CONSTRAINT "fk_employees_unit" FOREIGN KEY ("tenant_id", "unit_id") REFERENCES "units"("tenant_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "employees" ADD CONSTRAINT "fk_employees_manager" FOREIGN KEY ("tenant_id", "manager_id") REFERENCES "employees"("tenant_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "employees" ADD CONSTRAINT "fk_employees_referred_by" FOREIGN KEY ("tenant_id", "referred_by_id") REFERENCES "employees"("tenant_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "employee_assignments" ADD CONSTRAINT "fk_employee_assignments_employee" FOREIGN KEY ("tenant_id", "employee_id") REFERENCES "employees"("tenant_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "stage_transitions" ADD CONSTRAINT "fk_stage_transitions_employee" FOREIGN KEY ("tenant_id", "employee_id") REFERENCES "employees"("tenant_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "unit_versions" ADD CONSTRAINT "fk_unit_versions_unit" FOREIGN KEY ("tenant_id", "unit_id") REFERENCES "units"("tenant_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // The journey is history: nothing may rewrite or remove a stage transition.
    await queryRunner.query(`
      CREATE FUNCTION forbid_stage_transition_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'stage_transitions is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER stage_transitions_append_only BEFORE UPDATE OR DELETE ON "stage_transitions"
      FOR EACH ROW EXECUTE FUNCTION forbid_stage_transition_change()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "units" DROP CONSTRAINT "fk_units_manager"`);
    await queryRunner.query(`DROP TABLE "stage_transitions"`);
    await queryRunner.query(`DROP FUNCTION forbid_stage_transition_change()`);
    await queryRunner.query(`DROP TABLE "employee_assignments"`);
    await queryRunner.query(`DROP TABLE "unit_versions"`);
    await queryRunner.query(`DROP TABLE "employees"`);
    await queryRunner.query(`DROP TABLE "units"`);
  }
}
