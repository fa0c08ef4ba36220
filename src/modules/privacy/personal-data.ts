import type { RetainedData } from './employee-erasure.entity.js';

/**
 * Every `table.column` that holds an employee's id: the data export reads each of them and the
 * erasure has a rule for each (docs/privacy.md). test/privacy.e2e-spec.ts compares this list with
 * the live schema (every foreign key to `employees` and every column named `…employee_id`), so a
 * new table that refers to employees fails until it is added here and to the export.
 */
export const PERSONAL_DATA_REFERENCES = [
  'employees.id',
  'employees.manager_id',
  'employees.referred_by_id',
  'employee_erasures.employee_id',
  'employee_assignments.employee_id',
  'employee_assignments.manager_id',
  'stage_transitions.employee_id',
  'units.manager_id',
  'users.employee_id',
  'checklists.employee_id',
  'survey_invitations.employee_id',
  'recognitions.author_employee_id',
  'recognition_recipients.employee_id',
  'voice_messages.author_employee_id',
  'voice_messages.routed_employee_id',
  'separations.employee_id',
  'separations.manager_id',
  'exit_interviews.employee_id',
  'playbook_runs.employee_id',
  'domain_events.subject_id',
  'audit_log.entity_id',
] as const;

/** The tombstone an erased employee's names become. */
export const ERASED_NAMES = { firstName: 'Erased', lastName: 'person' } as const;

/** What replaces free text an erased person wrote under their name. */
export const ERASED_TEXT = '[erased]';

/** Keys removed from the payloads of the events about an erased person: free text, job titles, links. */
export const ERASED_EVENT_KEYS = ['reason', 'fromJobTitle', 'toJobTitle', 'path'] as const;

/** What an erasure keeps, and why; stored with every erasure and shown in the export. */
export const RETAINED_DATA: readonly RetainedData[] = [
  {
    data: 'employees: unit, manager, location, employment type, start and end dates, stage',
    reason: 'headcount, attrition and survey-segment aggregates are computed from them; employment dates are kept for legal retention',
  },
  { data: 'employee_assignments: unit, manager and dates', reason: 'headcount over time' },
  { data: 'stage_transitions', reason: 'the journey is append-only history and the employment record' },
  {
    data: 'separations: type, dates, reasons, regrettable, rehire eligibility, whether they opted in as alumni (not the address)',
    reason: 'legal retention of the end of employment; attrition aggregates',
  },
  { data: 'exit_interview_answers: scores, choices and the sentiment of text answers', reason: 'exit-interview aggregates' },
  { data: 'survey_invitations: which rounds, whether answered', reason: 'participation counts (survey answers were never tied to the person)' },
  { data: 'recognitions received', reason: 'colleagues’ words, kept for their authors; recognition counts' },
  { data: 'checklists, tasks and their history; playbook runs', reason: 'the employer’s own work record, holding only the person’s id' },
  { data: 'audit_log entries', reason: 'append-only; they hold ids and no personal values' },
  { data: 'this erasure record', reason: 'proof of the erasure and of what was kept' },
];
