import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '#src/common/auth/principal.js';
import { validationFailed } from '#src/common/http/validation.js';
import { addDays } from '#src/modules/checklists/domain/start.js';
import { localDate } from '#src/modules/employees/domain/tenure-phase.js';
import { reportScope } from '#src/modules/surveys/report-scope.js';
import { SurveyGroups } from '#src/modules/surveys/survey-groups.js';
import { isWithin } from '#src/modules/units/domain/unit-tree.js';
import { tenantCalendar } from '#src/modules/tenancy/tenant-calendar.js';
import { readUnitTree, subtreeSql } from '#src/modules/units/unit-tree.js';
import { employeeOfUser } from '#src/modules/users/user-employee.js';
import type { MomentDto, MomentsDto, RecognitionCountsDto, RecognitionCountsQueryDto } from './dto/recognition.dto.js';

/** Whose moments: everyone, or a manager's direct reports (`self`) and the people of `units`. */
export interface MomentScope {
  readonly all: boolean;
  readonly self: string | null;
  readonly units: readonly string[];
}

/** Moments are suggested from this many days before today to this many after. */
const MOMENT_DAYS = 7;

/** Recognition counts per unit (never per person), and moments worth a thank-you. */
@Injectable()
export class RecognitionReportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly groups: SurveyGroups,
  ) {}

  /** Per unit (the unit people were in when thanked, or when they thanked): recognitions received, people recognised, recognitions given. */
  async counts(principal: Principal, query: RecognitionCountsQueryDto): Promise<RecognitionCountsDto> {
    if (query.from > query.to) throw validationFailed([{ field: 'from', message: 'must not be after to' }]);
    const { tree, unitId, timezone } = await reportScope(this.dataSource, this.groups, principal, query.unitId);
    const rows: { unit_id: string | null; received: number; people: number; given: number }[] = await this.dataSource.query(
      `${subtreeSql('$1', '$2')},
       period AS (
         SELECT * FROM recognitions r
         WHERE r.tenant_id = $1 AND r.deleted_at IS NULL
           AND r.created_at >= ($3::date)::timestamp AT TIME ZONE $5 AND r.created_at < ($4::date + 1)::timestamp AT TIME ZONE $5
       ),
       counts AS (
         SELECT x.unit_id, count(DISTINCT x.recognition_id) AS received, count(DISTINCT x.employee_id) AS people, 0 AS given
         FROM recognition_recipients x JOIN period r ON r.tenant_id = x.tenant_id AND r.id = x.recognition_id GROUP BY x.unit_id
         UNION ALL
         SELECT author_unit_id, 0, 0, count(*) FROM period WHERE author_employee_id IS NOT NULL GROUP BY author_unit_id
       )
       SELECT unit_id, sum(received)::int AS received, sum(people)::int AS people, sum(given)::int AS given FROM counts
       WHERE $2::uuid IS NULL OR unit_id IN (SELECT id FROM subtree)
       GROUP BY unit_id`,
      [principal.tenantId, unitId, query.from, query.to, timezone],
    );
    return {
      from: query.from,
      to: query.to,
      units: rows
        .map((row) => ({
          unitId: row.unit_id,
          name: row.unit_id ? (tree.names.get(row.unit_id) ?? null) : null,
          received: row.received,
          peopleRecognised: row.people,
          given: row.given,
        }))
        .sort((a, b) => b.received - a.received || (a.name ?? '~').localeCompare(b.name ?? '~')),
    };
  }

  /**
   * Moments worth a thank-you, a week either side of today: work anniversaries, ends of onboarding
   * (3 months in), checklists finished before their last due date. HR sees everyone; a manager their
   * direct reports and the people of the units they manage.
   */
  async moments(principal: Principal): Promise<MomentsDto> {
    const { tenantId } = principal;
    const { timezone } = await tenantCalendar(this.dataSource, tenantId);
    return this.momentsFor(tenantId, timezone, await this.scope(principal), new Date());
  }

  /** The moments of a scope (everyone, or a manager's direct reports and units) around `now` in the tenant's calendar. */
  async momentsFor(tenantId: string, timezone: string, scope: MomentScope, now: Date): Promise<MomentsDto> {
    const today = localDate(now, timezone);
    const from = addDays(today, -MOMENT_DAYS);
    const to = addDays(today, MOMENT_DAYS);
    const people = `e.tenant_id = $1 AND e.stage NOT IN ('attract', 'depart')
      AND ($4::boolean OR e.manager_id = $5::uuid OR e.unit_id = ANY($6::uuid[]))`;
    const params = [tenantId, from, to, scope.all, scope.self, scope.units];
    const [anniversaries, onboarded, early] = (await Promise.all([
      this.dataSource.query(
        `SELECT e.id, e.first_name || ' ' || e.last_name AS name, c.n AS amount, to_char((e.start_date + make_interval(years => c.n))::date, 'YYYY-MM-DD') AS on
         FROM employees e
         CROSS JOIN LATERAL (VALUES (extract(year FROM $3::date)::int - extract(year FROM e.start_date)::int),
                                    (extract(year FROM $3::date)::int - extract(year FROM e.start_date)::int - 1)) AS c(n)
         WHERE ${people} AND c.n >= 1 AND (e.start_date + make_interval(years => c.n))::date BETWEEN $2::date AND $3::date`,
        params,
      ),
      this.dataSource.query(
        `SELECT e.id, e.first_name || ' ' || e.last_name AS name, NULL::int AS amount, to_char((e.start_date + interval '3 months')::date, 'YYYY-MM-DD') AS on
         FROM employees e WHERE ${people} AND (e.start_date + interval '3 months')::date BETWEEN $2::date AND $3::date`,
        params,
      ),
      this.dataSource.query(
        `SELECT e.id, e.first_name || ' ' || e.last_name AS name, (last.due - (c.completed_at AT TIME ZONE $7)::date)::int AS amount,
                to_char((c.completed_at AT TIME ZONE $7)::date, 'YYYY-MM-DD') AS on
         FROM checklists c
         JOIN employees e ON e.tenant_id = c.tenant_id AND e.id = c.employee_id
         CROSS JOIN LATERAL (SELECT max(t.due_on) AS due FROM checklist_tasks t WHERE t.tenant_id = c.tenant_id AND t.checklist_id = c.id) last
         WHERE ${people} AND c.status = 'completed' AND (c.completed_at AT TIME ZONE $7)::date BETWEEN $2::date AND $3::date
           AND (c.completed_at AT TIME ZONE $7)::date < last.due`,
        [...params, timezone],
      ),
    ])) as { id: string; name: string; amount: number | null; on: string }[][];
    const moment = (kind: MomentDto['kind']) => (row: { id: string; name: string; amount: number | null; on: string }): MomentDto => ({
      kind,
      employeeId: row.id,
      name: row.name,
      on: row.on,
      amount: row.amount,
    });
    const moments = [...anniversaries!.map(moment('work_anniversary')), ...onboarded!.map(moment('end_of_onboarding')), ...early!.map(moment('checklist_finished_early'))];
    return { from, to, moments: moments.sort((a, b) => a.on.localeCompare(b.on) || a.name.localeCompare(b.name)) };
  }

  /** HR: everyone; a manager: their direct reports and the units they manage, with sub-units. */
  private async scope(principal: Principal): Promise<MomentScope> {
    if (principal.role === 'hr_admin') return { all: true, self: null, units: [] };
    const tree = await readUnitTree(this.dataSource, principal.tenantId);
    const roots = await this.groups.managedRoots(principal, tree.parents);
    const units = [...tree.parents.keys()].filter((id) => roots.some((root) => isWithin(id, root, tree.parents)));
    return { all: false, self: await employeeOfUser(this.dataSource, principal), units };
  }
}
