import type { Stage } from '#src/modules/employees/domain/journey.js';

export const CHANNELS = ['in_person', 'email', 'system', 'meeting', 'phone', 'video', 'document', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

export const PAIN_POINT_SOURCES = ['employee', 'anonymous', 'observation', 'survey_comment'] as const;
export type PainPointSource = (typeof PAIN_POINT_SOURCES)[number];

export const PAIN_POINT_STATUSES = ['new', 'acknowledged', 'in_progress', 'resolved', 'wont_fix'] as const;
export type PainPointStatus = (typeof PAIN_POINT_STATUSES)[number];

/** Open: still to be dealt with. */
export const OPEN_STATUSES: readonly PainPointStatus[] = ['new', 'acknowledged', 'in_progress'];

export interface DefaultTouchpoint {
  readonly stage: Stage;
  readonly name: string;
  readonly ownerRole: string;
  readonly channel: Channel;
  readonly dayOffset: number;
}

/** The map every tenant starts with: the moments of truth of each stage. */
export const DEFAULT_TOUCHPOINTS: readonly DefaultTouchpoint[] = [
  { stage: 'attract', name: 'Job posting', ownerRole: 'recruiting', channel: 'system', dayOffset: 0 },
  { stage: 'attract', name: 'Application', ownerRole: 'recruiting', channel: 'system', dayOffset: 7 },
  { stage: 'hire', name: 'Interview', ownerRole: 'hiring manager', channel: 'meeting', dayOffset: 0 },
  { stage: 'hire', name: 'Offer', ownerRole: 'recruiting', channel: 'email', dayOffset: 14 },
  { stage: 'onboard', name: 'Pre-boarding', ownerRole: 'hr', channel: 'email', dayOffset: -7 },
  { stage: 'onboard', name: 'Day one', ownerRole: 'manager', channel: 'in_person', dayOffset: 0 },
  { stage: 'onboard', name: 'IT and equipment setup', ownerRole: 'it', channel: 'system', dayOffset: 0 },
  { stage: 'onboard', name: 'First 1:1 with the manager', ownerRole: 'manager', channel: 'meeting', dayOffset: 3 },
  { stage: 'onboard', name: '30-day check-in', ownerRole: 'manager', channel: 'meeting', dayOffset: 30 },
  { stage: 'onboard', name: '90-day review', ownerRole: 'manager', channel: 'meeting', dayOffset: 90 },
  { stage: 'engage', name: 'Goal setting', ownerRole: 'manager', channel: 'meeting', dayOffset: 0 },
  { stage: 'perform', name: 'Performance review', ownerRole: 'manager', channel: 'meeting', dayOffset: 0 },
  { stage: 'develop', name: 'Learning and promotion', ownerRole: 'hr', channel: 'system', dayOffset: 0 },
  { stage: 'develop', name: 'Internal move', ownerRole: 'hr', channel: 'meeting', dayOffset: 0 },
  { stage: 'depart', name: 'Resignation conversation', ownerRole: 'manager', channel: 'meeting', dayOffset: 0 },
  { stage: 'depart', name: 'Exit interview', ownerRole: 'hr', channel: 'meeting', dayOffset: 10 },
  { stage: 'depart', name: 'Offboarding', ownerRole: 'hr', channel: 'in_person', dayOffset: 14 },
  { stage: 'depart', name: 'Alumni', ownerRole: 'hr', channel: 'email', dayOffset: 30 },
];
