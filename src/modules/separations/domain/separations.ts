import type { Stage } from '#src/modules/employees/domain/journey.js';

/** How an employment ended. */
export const SEPARATION_TYPES = ['voluntary', 'involuntary', 'retirement', 'end_of_contract'] as const;
export type SeparationType = (typeof SEPARATION_TYPES)[number];

/** A separation is active until withdrawn; a withdrawn one stays, for the record. */
export const SEPARATION_STATUSES = ['active', 'withdrawn'] as const;
export type SeparationStatus = (typeof SEPARATION_STATUSES)[number];

export interface DefaultReason {
  readonly key: string;
  readonly name: string;
  readonly description: string;
}

/** The reasons every organisation starts with; HR renames, adds and retires its own. */
export const DEFAULT_REASONS: readonly DefaultReason[] = [
  { key: 'compensation', name: 'Compensation', description: 'Pay, bonus or benefits.' },
  { key: 'career_growth', name: 'Career growth', description: 'No path forward, no learning, no promotion in sight.' },
  { key: 'manager', name: 'Manager', description: 'The relationship with their manager.' },
  { key: 'workload_wellbeing', name: 'Workload and wellbeing', description: 'Too much work, stress, burnout, hours.' },
  { key: 'culture', name: 'Culture', description: 'Values, team climate, belonging.' },
  { key: 'role_fit', name: 'Role fit', description: 'The role was not what they expected or suited to them.' },
  { key: 'relocation', name: 'Relocation', description: 'Moving away; commute.' },
  { key: 'personal', name: 'Personal', description: 'Family, health, studies, other personal reasons.' },
  { key: 'better_offer', name: 'Better offer', description: 'Another employer made a better offer.' },
  { key: 'other', name: 'Other', description: 'None of the above.' },
];

/** The shape of a reason key: lower-case words joined by underscores. */
export const REASON_KEY = /^[a-z][a-z0-9_]{1,39}$/;

/**
 * Whether a separation can still be withdrawn on `today` (the tenant's calendar): up to and
 * including the last working day, while the person still works here.
 */
export function isWithdrawable(status: SeparationStatus, lastWorkingDay: string, today: string): boolean {
  return status === 'active' && today <= lastWorkingDay;
}

/** The stage a withdrawn separation returns the employee to: the one they left for depart. */
export function returnStage(previousStage: Stage | null): Stage {
  return previousStage && previousStage !== 'depart' ? previousStage : 'engage';
}
