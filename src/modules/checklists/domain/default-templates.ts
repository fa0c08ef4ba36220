import type { ChecklistKind, TemplateTask } from './templates.js';

const task = (key: string, title: string, rule: TemplateTask['assignee']['rule'], offsetDays: number, dependsOn: string[] = [], required = true): TemplateTask => ({
  key,
  title,
  description: null,
  assignee: { rule },
  offsetDays,
  required,
  dependsOn,
  conditions: {},
});

/** The templates every tenant starts with; HR edits them (each edit is a new version). */
export const DEFAULT_TEMPLATES: readonly { name: string; kind: ChecklistKind; tasks: TemplateTask[] }[] = [
  {
    name: 'Onboarding',
    kind: 'onboarding',
    tasks: [
      task('welcome_email', 'Send the welcome e-mail with first-day details', 'hr', -7),
      task('equipment', 'Order laptop, phone and accounts', 'hr', -7),
      task('buddy', 'Choose a buddy for the first weeks', 'manager', -5, [], false),
      task('workspace', 'Prepare the workspace and access badge', 'hr', -2, ['equipment']),
      task('day_one_welcome', 'Welcome on day one and introduce the team', 'manager', 0),
      task('day_one_setup', 'Hand over equipment and check every account works', 'hr', 0, ['equipment']),
      task('first_week_goals', 'Agree on first-week goals', 'manager', 2),
      task('first_week_paperwork', 'Complete contract and payroll paperwork', 'employee', 4),
      task('checkin_30', '30-day check-in', 'manager', 30, ['first_week_goals']),
      task('checkin_60', '60-day check-in', 'manager', 60, ['checkin_30']),
      task('checkin_90', '90-day review', 'manager', 90, ['checkin_60']),
    ],
  },
  {
    name: 'Offboarding',
    kind: 'offboarding',
    tasks: [
      task('handover_plan', 'Agree on a knowledge handover plan', 'manager', -14),
      task('handover_done', 'Hand over documents, projects and contacts', 'employee', -3, ['handover_plan']),
      task('exit_interview', 'Hold the exit interview', 'hr', -5),
      task('equipment_return', 'Return laptop, phone and badge', 'employee', 0),
      task('access_removal', 'Remove access to every system', 'hr', 0, ['equipment_return']),
      task('final_pay', 'Settle the final pay', 'hr', 5),
      task('alumni_invitation', 'Invite to the alumni network', 'hr', 7, [], false),
    ],
  },
];
