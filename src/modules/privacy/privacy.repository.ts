import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Stage } from '#src/modules/employees/domain/journey.js';
import { ERASED_EVENT_KEYS, ERASED_NAMES, ERASED_TEXT } from './personal-data.js';

type Row = Record<string, unknown>;

/** Who the person is to the queries below: their employee id and the ids of their user accounts. */
export interface Person {
  readonly tenantId: string;
  readonly employeeId: string;
  readonly userIds: readonly string[];
}

/** Everything held about one person, row by row as stored (secrets left out). */
export interface PersonalRows {
  readonly employee: Row;
  readonly stageHistory: Row[];
  readonly assignments: Row[];
  readonly managerOf: { employees: string[]; formerReports: string[]; units: string[]; separations: string[] };
  readonly referred: string[];
  readonly checklists: Row[];
  readonly tasksAssigned: Row[];
  readonly surveyInvitations: Row[];
  readonly recognitionsSent: Row[];
  readonly recognitionsReceived: Row[];
  readonly voiceMessages: Row[];
  readonly voicesRoutedToThem: string[];
  readonly painPoints: Row[];
  readonly separations: Row[];
  readonly exitInterviews: Row[];
  readonly users: Row[];
  readonly openSessions: number;
  readonly notifications: Row[];
  readonly playbookRuns: Row[];
  readonly events: Row[];
}

/** The SQL of the data-subject rights: reading every row about one person, and anonymising them. */
@Injectable()
export class PrivacyRepository {
  /**
   * The employee with their user accounts, locked until the transaction ends when asked (an
   * erasure); null when there is no such employee in the tenant.
   */
  async findPerson(manager: EntityManager, tenantId: string, employeeId: string, options: { lock: boolean }): Promise<(Person & { stage: Stage }) | null> {
    const rows: { stage: Stage; user_ids: string[] }[] = await manager.query(
      `SELECT e.stage, ARRAY(SELECT u.id FROM users u WHERE u.tenant_id = e.tenant_id AND u.employee_id = e.id ORDER BY u.id) AS user_ids
       FROM employees e WHERE e.tenant_id = $1 AND e.id = $2 ${options.lock ? 'FOR UPDATE OF e' : ''}`,
      [tenantId, employeeId],
    );
    const row = rows[0];
    return row ? { tenantId, employeeId, userIds: row.user_ids, stage: row.stage } : null;
  }

  /** Every row about the person, in one snapshot (the caller's transaction). */
  async read(manager: EntityManager, person: Person): Promise<PersonalRows> {
    const { tenantId, employeeId, userIds } = person;
    const one = async (sql: string, params: unknown[] = [tenantId, employeeId]): Promise<Row[]> =>
      ((await manager.query(sql, params)) as { row: Row }[]).map((r) => r.row);
    const ids = async (sql: string): Promise<string[]> => ((await manager.query(sql, [tenantId, employeeId])) as { id: string }[]).map((r) => r.id);
    const withUsers = [tenantId, employeeId, userIds];

    // One query at a time: a transaction's connection runs one statement at once.
    const employee = (await one(`SELECT to_jsonb(e) AS row FROM employees e WHERE e.tenant_id = $1 AND e.id = $2`))[0]!;
    const stageHistory = await one(
      `SELECT to_jsonb(t) AS row FROM stage_transitions t WHERE t.tenant_id = $1 AND t.employee_id = $2 ORDER BY t.effective_at, t.created_at, t.id`,
    );
    const assignments = await one(
      `SELECT to_jsonb(a) AS row FROM employee_assignments a WHERE a.tenant_id = $1 AND a.employee_id = $2 ORDER BY a.valid_from, a.id`,
    );
    const managerOf = {
      employees: await ids(`SELECT id FROM employees WHERE tenant_id = $1 AND manager_id = $2 ORDER BY id`),
      formerReports: await ids(`SELECT DISTINCT employee_id AS id FROM employee_assignments WHERE tenant_id = $1 AND manager_id = $2 ORDER BY 1`),
      units: await ids(`SELECT id FROM units WHERE tenant_id = $1 AND manager_id = $2 ORDER BY id`),
      separations: await ids(`SELECT id FROM separations WHERE tenant_id = $1 AND manager_id = $2 ORDER BY id`),
    };
    const referred = await ids(`SELECT id FROM employees WHERE tenant_id = $1 AND referred_by_id = $2 ORDER BY id`);
    const checklists = await one(
      `SELECT to_jsonb(c) || jsonb_build_object('tasks', (
                SELECT coalesce(jsonb_agg(to_jsonb(t) || jsonb_build_object('history', (
                         SELECT coalesce(jsonb_agg(to_jsonb(ev) ORDER BY ev.created_at, ev.id), '[]')
                         FROM checklist_task_events ev WHERE ev.tenant_id = t.tenant_id AND ev.task_id = t.id))
                       ORDER BY t.due_on, t.key), '[]')
                FROM checklist_tasks t WHERE t.tenant_id = c.tenant_id AND t.checklist_id = c.id)) AS row
       FROM checklists c WHERE c.tenant_id = $1 AND c.employee_id = $2 ORDER BY c.created_at, c.id`,
    );
    const tasksAssigned = await one(
      `SELECT to_jsonb(t) AS row FROM checklist_tasks t WHERE t.tenant_id = $1 AND $2::uuid IS NOT NULL AND t.assignee_user_id = ANY($3::uuid[])
       ORDER BY t.due_on, t.id`,
      withUsers,
    );
    // Whether they answered is shown only for closed rounds: with live results, knowing who answered
    // between two readings gives their answers away (docs/anonymity.md). Never the token, never the day.
    const surveyInvitations = await one(
      `SELECT jsonb_build_object(
                'id', i.id, 'surveyId', r.survey_id, 'survey', s.name, 'roundId', i.round_id, 'roundNumber', r.number,
                'invitedAt', i.created_at, 'roundClosed', r.closed_at IS NOT NULL,
                'answered', CASE WHEN r.closed_at IS NOT NULL THEN i.responded_on IS NOT NULL END) AS row
       FROM survey_invitations i
       JOIN survey_rounds r ON r.tenant_id = i.tenant_id AND r.id = i.round_id
       JOIN surveys s ON s.tenant_id = r.tenant_id AND s.id = r.survey_id
       WHERE i.tenant_id = $1 AND i.employee_id = $2 ORDER BY i.created_at, i.id`,
    );
    const recognitionsSent = await one(
      `SELECT to_jsonb(g) || jsonb_build_object('recipientIds', ARRAY(
                SELECT rr.employee_id FROM recognition_recipients rr WHERE rr.tenant_id = g.tenant_id AND rr.recognition_id = g.id ORDER BY 1)) AS row
       FROM recognitions g WHERE g.tenant_id = $1 AND (g.author_employee_id = $2 OR g.author_user_id = ANY($3::uuid[]))
       ORDER BY g.created_at, g.id`,
      withUsers,
    );
    const recognitionsReceived = await one(
      `SELECT to_jsonb(g) AS row FROM recognitions g
       WHERE g.tenant_id = $1 AND EXISTS (SELECT 1 FROM recognition_recipients rr WHERE rr.tenant_id = g.tenant_id AND rr.recognition_id = g.id AND rr.employee_id = $2)
       ORDER BY g.created_at, g.id`,
    );
    const voiceMessages = await one(
      `SELECT (to_jsonb(v) - 'reply_key_hash') || jsonb_build_object('replies', (
                SELECT coalesce(jsonb_agg(to_jsonb(r) ORDER BY r.created_at, r.id), '[]') FROM voice_replies r WHERE r.tenant_id = v.tenant_id AND r.voice_id = v.id)) AS row
       FROM voice_messages v
       WHERE v.tenant_id = $1 AND NOT v.anonymous AND (v.author_employee_id = $2 OR v.author_user_id = ANY($3::uuid[]))
       ORDER BY v.created_at, v.id`,
      withUsers,
    );
    const voicesRoutedToThem = await ids(`SELECT id FROM voice_messages WHERE tenant_id = $1 AND routed_employee_id = $2 ORDER BY id`);
    const painPoints = await one(
      `SELECT to_jsonb(p) AS row FROM pain_points p WHERE p.tenant_id = $1 AND $2::uuid IS NOT NULL AND p.reporter_user_id = ANY($3::uuid[])
       ORDER BY p.reported_on, p.id`,
      withUsers,
    );
    const separations = await one(`SELECT to_jsonb(s) AS row FROM separations s WHERE s.tenant_id = $1 AND s.employee_id = $2 ORDER BY s.created_at, s.id`);
    const exitInterviews = await one(
      `SELECT (to_jsonb(x) - 'token_hash') || jsonb_build_object('answers', (
                SELECT coalesce(jsonb_agg(to_jsonb(a) ORDER BY a.question_id), '[]') FROM exit_interview_answers a WHERE a.tenant_id = x.tenant_id AND a.interview_id = x.id)) AS row
       FROM exit_interviews x WHERE x.tenant_id = $1 AND x.employee_id = $2 ORDER BY x.created_at, x.id`,
    );
    const users = await one(
      `SELECT to_jsonb(u) - 'password_hash' AS row FROM users u WHERE u.tenant_id = $1 AND u.employee_id = $2 ORDER BY u.created_at, u.id`,
    );
    const sessions: { n: number }[] = await manager.query(
      `SELECT count(*)::int AS n FROM web_sessions WHERE tenant_id = $1 AND user_id = ANY($2::uuid[]) AND expires_at > now()`,
      [tenantId, userIds],
    );
    const notifications = await one(
      `SELECT to_jsonb(n) AS row FROM checklist_notifications n WHERE n.tenant_id = $1 AND $2::uuid IS NOT NULL AND n.user_id = ANY($3::uuid[])
       ORDER BY n.created_at, n.id`,
      withUsers,
    );
    const playbookRuns = await one(`SELECT to_jsonb(p) AS row FROM playbook_runs p WHERE p.tenant_id = $1 AND p.employee_id = $2 ORDER BY p.created_at, p.id`);
    const events = await one(`SELECT to_jsonb(d) AS row FROM domain_events d WHERE d.tenant_id = $1 AND d.subject_id = $2 ORDER BY d.seq`);
    return {
      employee,
      stageHistory,
      assignments,
      managerOf,
      referred,
      checklists,
      tasksAssigned,
      surveyInvitations,
      recognitionsSent,
      recognitionsReceived,
      voiceMessages,
      voicesRoutedToThem,
      painPoints,
      separations,
      exitInterviews,
      users,
      openSessions: sessions[0]!.n,
      notifications,
      playbookRuns,
      events,
    };
  }

  /**
   * Anonymises the person in the caller's transaction (docs/privacy.md, the erasure table);
   * answers how many rows of each table changed. Aggregated data is left as it is.
   */
  async anonymise(manager: EntityManager, person: Person): Promise<Record<string, number>> {
    const { tenantId, employeeId, userIds } = person;
    const count = async (sql: string, params: unknown[]): Promise<number> => {
      const rows: { n: number }[] = await manager.query(sql, params);
      return rows[0]!.n;
    };
    // Each statement is a CTE with a top-level SELECT, so the count comes back as a row.
    const changed: Record<string, number> = {};
    changed.employees = await count(
      `WITH changed AS (
         UPDATE employees SET first_name = $3, last_name = $4, work_email = NULL, job_title = NULL, external_id = 'erased:' || id,
                erased_at = now(), updated_at = now(), version = version + 1
         WHERE tenant_id = $1 AND id = $2 RETURNING 1)
       SELECT count(*)::int AS n FROM changed`,
      [tenantId, employeeId, ERASED_NAMES.firstName, ERASED_NAMES.lastName],
    );
    changed.employee_assignments = await count(
      `WITH changed AS (UPDATE employee_assignments SET job_title = NULL WHERE tenant_id = $1 AND employee_id = $2 AND job_title IS NOT NULL RETURNING 1)
       SELECT count(*)::int AS n FROM changed`,
      [tenantId, employeeId],
    );
    // The opt-in stays as recorded (the attrition report counts it); the address becomes one that
    // can receive nothing.
    changed.separations = await count(
      `WITH changed AS (
         UPDATE separations SET alumni_email = CASE WHEN alumni_email IS NULL THEN NULL ELSE 'erased+' || id || '@erased.invalid' END,
                withdrawal_reason = NULL, updated_at = now(), version = version + 1
         WHERE tenant_id = $1 AND employee_id = $2 AND (alumni_email NOT LIKE 'erased+%' OR withdrawal_reason IS NOT NULL) RETURNING 1)
       SELECT count(*)::int AS n FROM changed`,
      [tenantId, employeeId],
    );
    // A replaced hash matches no token: the link stops working. An unanswered interview is cancelled.
    changed.exit_interviews = await count(
      `WITH changed AS (
         UPDATE exit_interviews SET token_hash = 'erased:' || gen_random_uuid(),
                status = CASE WHEN status = 'invited' THEN 'cancelled' ELSE status END, updated_at = now(), version = version + 1
         WHERE tenant_id = $1 AND employee_id = $2 AND token_hash NOT LIKE 'erased:%' RETURNING 1)
       SELECT count(*)::int AS n FROM changed`,
      [tenantId, employeeId],
    );
    changed.exit_interview_answers = await count(
      `WITH changed AS (
         UPDATE exit_interview_answers a SET text = NULL
         FROM exit_interviews x
         WHERE a.tenant_id = $1 AND x.tenant_id = $1 AND x.employee_id = $2 AND a.interview_id = x.id AND a.text IS NOT NULL RETURNING 1)
       SELECT count(*)::int AS n FROM changed`,
      [tenantId, employeeId],
    );
    changed.survey_invitations = await count(
      `WITH changed AS (
         UPDATE survey_invitations SET token_hash = 'erased:' || gen_random_uuid()
         WHERE tenant_id = $1 AND employee_id = $2 AND token_hash NOT LIKE 'erased:%' RETURNING 1)
       SELECT count(*)::int AS n FROM changed`,
      [tenantId, employeeId],
    );
    changed.recognitions = await count(
      `WITH changed AS (
         UPDATE recognitions SET message = $4, updated_at = now(), version = version + 1
         WHERE tenant_id = $1 AND (author_employee_id = $2 OR author_user_id = ANY($3::uuid[])) AND message <> $4 RETURNING 1)
       SELECT count(*)::int AS n FROM changed`,
      [tenantId, employeeId, userIds, ERASED_TEXT],
    );
    changed.voice_messages = await count(
      `WITH changed AS (
         UPDATE voice_messages SET text = $4, version = version + 1
         WHERE tenant_id = $1 AND NOT anonymous AND (author_employee_id = $2 OR author_user_id = ANY($3::uuid[])) AND text <> $4 RETURNING 1)
       SELECT count(*)::int AS n FROM changed`,
      [tenantId, employeeId, userIds, ERASED_TEXT],
    );
    changed.voice_replies = await count(
      `WITH changed AS (
         UPDATE voice_replies r SET text = $4
         FROM voice_messages v
         WHERE r.tenant_id = $1 AND v.tenant_id = $1 AND r.voice_id = v.id AND r.author = 'sender' AND r.text <> $4
           AND NOT v.anonymous AND (v.author_employee_id = $2 OR v.author_user_id = ANY($3::uuid[])) RETURNING 1)
       SELECT count(*)::int AS n FROM changed`,
      [tenantId, employeeId, userIds, ERASED_TEXT],
    );
    changed.pain_points = await count(
      `WITH changed AS (
         UPDATE pain_points SET description = $3
         WHERE tenant_id = $1 AND source = 'employee' AND reporter_user_id = ANY($2::uuid[]) AND description <> $3 RETURNING 1)
       SELECT count(*)::int AS n FROM changed`,
      [tenantId, userIds, ERASED_TEXT],
    );
    changed.users = await count(
      `WITH changed AS (
         UPDATE users SET email = 'erased+' || id || '@erased.invalid', display_name = NULL, password_hash = NULL,
                deactivated_at = coalesce(deactivated_at, now()), updated_at = now(), version = version + 1
         WHERE tenant_id = $1 AND employee_id = $2 RETURNING 1)
       SELECT count(*)::int AS n FROM changed`,
      [tenantId, employeeId],
    );
    changed.web_sessions = await count(
      `WITH gone AS (DELETE FROM web_sessions WHERE tenant_id = $1 AND user_id = ANY($2::uuid[]) RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [tenantId, userIds],
    );
    changed.checklist_notifications = await count(
      `WITH changed AS (
         UPDATE checklist_notifications SET recipient = 'erased+' || user_id || '@erased.invalid'
         WHERE tenant_id = $1 AND user_id = ANY($2::uuid[]) AND recipient NOT LIKE 'erased+%' RETURNING 1)
       SELECT count(*)::int AS n FROM changed`,
      [tenantId, userIds],
    );
    changed.domain_events = await count(
      `WITH changed AS (
         UPDATE domain_events SET payload = payload - $3::text[]
         WHERE tenant_id = $1 AND subject_id = $2 AND payload ?| $3::text[] RETURNING 1)
       SELECT count(*)::int AS n FROM changed`,
      [tenantId, employeeId, [...ERASED_EVENT_KEYS]],
    );
    return Object.fromEntries(Object.entries(changed).filter(([, n]) => n > 0));
  }
}
