import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { tenantCalendar } from '#src/modules/tenancy/tenant-calendar.js';

export interface NamedRow {
  readonly id: string;
  readonly name: string;
}

export interface EmployeeRow {
  readonly id: string;
  readonly name: string;
  readonly unit_id: string | null;
}

export interface ChecklistSubjectRow {
  readonly id: string;
  readonly employee: string;
  readonly template: string;
}

export interface RoundRow {
  readonly id: string;
  readonly number: number;
}

/** Most units or templates a filter lists. */
const OPTIONS_LIMIT = 1000;

/**
 * The names the pages show beside what the API returns (the API answers with ids): employees,
 * units, templates, users. Reads only, every one scoped by the tenant.
 */
@Injectable()
export class PagesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The tenant's time zone and today in it. */
  calendar(tenantId: string): Promise<{ timezone: string; today: string }> {
    return tenantCalendar(this.dataSource, tenantId);
  }

  findUnitOptions(tenantId: string): Promise<NamedRow[]> {
    return this.dataSource.query(
      `SELECT id, name FROM units WHERE tenant_id = $1 AND archived_at IS NULL ORDER BY name, id LIMIT ${OPTIONS_LIMIT}`,
      [tenantId],
    );
  }

  findTemplateOptions(tenantId: string): Promise<NamedRow[]> {
    return this.dataSource.query(
      `SELECT id, name FROM checklist_templates WHERE tenant_id = $1 ORDER BY archived_at IS NOT NULL, name, id LIMIT ${OPTIONS_LIMIT}`,
      [tenantId],
    );
  }

  findEmployeesByIds(tenantId: string, ids: readonly string[]): Promise<EmployeeRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource.query(
      `SELECT id, first_name || ' ' || last_name AS name, unit_id FROM employees WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
      [tenantId, [...new Set(ids)]],
    );
  }

  findUserNamesByIds(tenantId: string, ids: readonly string[]): Promise<NamedRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource.query(`SELECT id, coalesce(display_name, email) AS name FROM users WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [
      tenantId,
      [...new Set(ids)],
    ]);
  }

  /** For each checklist: whose it is and which template it runs. */
  findChecklistSubjects(tenantId: string, checklistIds: readonly string[]): Promise<ChecklistSubjectRow[]> {
    if (checklistIds.length === 0) return Promise.resolve([]);
    return this.dataSource.query(
      `SELECT c.id, e.first_name || ' ' || e.last_name AS employee, t.name AS template
       FROM checklists c
       JOIN employees e ON e.tenant_id = c.tenant_id AND e.id = c.employee_id
       JOIN checklist_templates t ON t.tenant_id = c.tenant_id AND t.id = c.template_id
       WHERE c.tenant_id = $1 AND c.id = ANY($2::uuid[])`,
      [tenantId, [...new Set(checklistIds)]],
    );
  }

  /** Surveys that have opened a round, the most recently opened first (for the dashboard's survey filter). */
  findSurveyOptions(tenantId: string): Promise<NamedRow[]> {
    return this.dataSource.query(
      `SELECT s.id, s.name FROM surveys s
       JOIN (SELECT survey_id, max(opened_at) AS last FROM survey_rounds WHERE tenant_id = $1 GROUP BY survey_id) r ON r.survey_id = s.id
       WHERE s.tenant_id = $1
       ORDER BY r.last DESC, s.name, s.id LIMIT ${OPTIONS_LIMIT}`,
      [tenantId],
    );
  }

  /** A survey's rounds opened from day `first` to before day `next` of the tenant's calendar, in order. */
  findRoundsOpenedIn(tenantId: string, surveyId: string, first: string, next: string, timezone: string): Promise<RoundRow[]> {
    return this.dataSource.query(
      `SELECT id, number FROM survey_rounds
       WHERE tenant_id = $1 AND survey_id = $2 AND opened_at >= ($3::date)::timestamp AT TIME ZONE $5 AND opened_at < ($4::date)::timestamp AT TIME ZONE $5
       ORDER BY number`,
      [tenantId, surveyId, first, next, timezone],
    );
  }
}
