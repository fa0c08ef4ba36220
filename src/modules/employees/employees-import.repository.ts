import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EmployeeEntity } from './employee.entity.js';
import type { Stage, TransitionSource } from './domain/journey.js';

/** The full state of one employee row as an import writes it. */
export interface ImportedEmployeeRow {
  id: string;
  external_id: string;
  first_name: string;
  last_name: string;
  work_email: string | null;
  job_title: string | null;
  unit_id: string | null;
  manager_id: string | null;
  location: string | null;
  employment_type: string | null;
  start_date: string | null;
  end_date: string | null;
  referred_by_id: string | null;
  stage: Stage;
}

export interface ImportedTransition {
  employee_id: string;
  from_stage: Stage | null;
  to_stage: Stage;
  reason: string;
}

const EMPLOYEE_RECORD = `id uuid, external_id text, first_name text, last_name text, work_email text, job_title text,
  unit_id uuid, manager_id uuid, location text, employment_type text, start_date date, end_date date,
  referred_by_id uuid, stage text`;

/**
 * Set-based SQL for HRIS imports: each step is one statement over all rows of the call (rows
 * travel as one JSON parameter), never a statement per row.
 */
@Injectable()
export class EmployeesImportRepository {
  /** Serialises imports of one tenant, so concurrent calls cannot both create the same external id. */
  async lockTenantImports(manager: EntityManager, tenantId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('tandem:employees-import'), hashtext($1))`, [tenantId]);
  }

  /** Employees matching any of the external ids or work e-mails. */
  findByExternalIdsOrEmails(manager: EntityManager, tenantId: string, externalIds: string[], emails: string[]): Promise<EmployeeEntity[]> {
    return manager
      .getRepository(EmployeeEntity)
      .createQueryBuilder('e')
      .where('e.tenant_id = :tenantId', { tenantId })
      .andWhere('(e.external_id = ANY(:externalIds) OR e.work_email = ANY(:emails))', { externalIds, emails })
      .getMany();
  }

  async unitIdsByExternalId(manager: EntityManager, tenantId: string, externalIds: string[]): Promise<Map<string, string>> {
    if (externalIds.length === 0) return new Map();
    const rows: { id: string; external_id: string }[] = await manager.query(
      `SELECT id, external_id FROM units WHERE tenant_id = $1 AND external_id = ANY($2) AND archived_at IS NULL`,
      [tenantId, externalIds],
    );
    return new Map(rows.map((r) => [r.external_id, r.id]));
  }

  async insertEmployees(manager: EntityManager, tenantId: string, rows: ImportedEmployeeRow[], at: Date): Promise<void> {
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO employees (tenant_id, id, external_id, first_name, last_name, work_email, job_title, unit_id, manager_id,
                              location, employment_type, start_date, end_date, referred_by_id, stage, stage_changed_at, version)
       SELECT $1, r.id, r.external_id, r.first_name, r.last_name, r.work_email, r.job_title, r.unit_id, r.manager_id,
              r.location, r.employment_type, r.start_date, r.end_date, r.referred_by_id, r.stage, $3, 1
       FROM jsonb_to_recordset($2::jsonb) AS r(${EMPLOYEE_RECORD})`,
      [tenantId, JSON.stringify(rows), at],
    );
  }

  async updateEmployees(manager: EntityManager, tenantId: string, rows: ImportedEmployeeRow[], at: Date): Promise<void> {
    if (rows.length === 0) return;
    await manager.query(
      `UPDATE employees e SET
         first_name = r.first_name, last_name = r.last_name, work_email = r.work_email, job_title = r.job_title,
         unit_id = r.unit_id, manager_id = r.manager_id, location = r.location, employment_type = r.employment_type,
         start_date = r.start_date, end_date = r.end_date, referred_by_id = r.referred_by_id,
         stage_changed_at = CASE WHEN e.stage <> r.stage THEN $3 ELSE e.stage_changed_at END,
         stage = r.stage, version = e.version + 1, updated_at = now()
       FROM jsonb_to_recordset($2::jsonb) AS r(${EMPLOYEE_RECORD})
       WHERE e.tenant_id = $1 AND e.id = r.id`,
      [tenantId, JSON.stringify(rows), at],
    );
  }

  async insertTransitions(
    manager: EntityManager,
    tenantId: string,
    transitions: ImportedTransition[],
    at: Date,
    actor: { source: TransitionSource; userId: string | null; apiKeyId: string | null },
  ): Promise<void> {
    if (transitions.length === 0) return;
    await manager.query(
      `INSERT INTO stage_transitions (tenant_id, employee_id, from_stage, to_stage, effective_at, reason, source, actor_user_id, actor_api_key_id)
       SELECT $1, r.employee_id, r.from_stage, r.to_stage, $3, r.reason, $4, $5, $6
       FROM jsonb_to_recordset($2::jsonb) AS r(employee_id uuid, from_stage text, to_stage text, reason text)`,
      [tenantId, JSON.stringify(transitions), at, actor.source, actor.userId, actor.apiKeyId],
    );
  }

  /** Employees not yet departed, and those of them with an external id outside `present` (a full sync's leavers). */
  async countFullSyncLeavers(
    manager: EntityManager,
    tenantId: string,
    present: string[],
  ): Promise<{ active: number; missing: number; departable: number }> {
    const rows: { active: number; missing: number; departable: number }[] = await manager.query(
      `SELECT count(*)::int AS active,
              count(*) FILTER (WHERE external_id IS NOT NULL AND NOT external_id = ANY($2))::int AS missing,
              count(*) FILTER (WHERE external_id IS NOT NULL AND NOT external_id = ANY($2) AND stage <> 'attract')::int AS departable
       FROM employees WHERE tenant_id = $1 AND stage <> 'depart'`,
      [tenantId, present],
    );
    return rows[0]!;
  }

  /**
   * Moves every employee with an external id outside `present` to depart (candidates in attract
   * cannot depart and are left alone); returns who moved and from where.
   */
  async departMissing(
    manager: EntityManager,
    tenantId: string,
    present: string[],
    at: Date,
  ): Promise<{ id: string; external_id: string; from_stage: Stage }[]> {
    return manager.query(
      `WITH leaving AS (
         SELECT id, stage FROM employees
         WHERE tenant_id = $1 AND external_id IS NOT NULL AND NOT external_id = ANY($2)
           AND stage NOT IN ('depart', 'attract')
         FOR UPDATE
       ), moved AS (
         UPDATE employees e SET stage = 'depart', stage_changed_at = $3, version = e.version + 1, updated_at = now()
         FROM leaving WHERE e.tenant_id = $1 AND e.id = leaving.id
         RETURNING e.id, e.external_id, leaving.stage AS from_stage
       )
       -- A top-level SELECT, so the rows come back as rows (TypeORM wraps a bare UPDATE's result).
       SELECT id, external_id, from_stage FROM moved ORDER BY external_id`,
      [tenantId, present, at],
    );
  }

  /**
   * Opens an assignment with each employee's present unit, manager and title, closing the current
   * one of those who had one (`existingIds`; new employees have none to close).
   */
  async recordAssignments(manager: EntityManager, tenantId: string, newIds: string[], existingIds: string[], at: Date): Promise<void> {
    if (existingIds.length > 0) {
      await manager.query(
        `UPDATE employee_assignments SET valid_to = $3
         WHERE tenant_id = $1 AND employee_id = ANY($2::uuid[]) AND valid_to IS NULL`,
        [tenantId, existingIds, at],
      );
    }
    const employeeIds = [...newIds, ...existingIds];
    if (employeeIds.length === 0) return;
    await manager.query(
      `INSERT INTO employee_assignments (tenant_id, employee_id, unit_id, manager_id, job_title, valid_from)
       SELECT tenant_id, id, unit_id, manager_id, job_title, $3 FROM employees
       WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
      [tenantId, employeeIds, at],
    );
  }
}
