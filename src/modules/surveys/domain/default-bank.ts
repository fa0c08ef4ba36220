import type { QuestionType } from './questions.js';

/** The driver every engagement measure is read from (issue 9 reads it as the engagement index). */
export const ENGAGEMENT_DRIVER = 'engagement';

export interface DefaultDriver {
  readonly key: string;
  readonly name: string;
  readonly description: string;
  readonly questions: readonly string[];
}

/**
 * The drivers and questions every tenant starts with: the core needs of every journey stage, plus
 * the outcome `engagement`. Wording follows common engagement-survey practice: one idea per
 * statement, first person, answerable on a five-point agreement scale.
 */
export const DEFAULT_DRIVERS: readonly DefaultDriver[] = [
  {
    key: 'manager_relationship',
    name: 'Relationship with manager',
    description: 'Support, feedback and trust between people and their manager.',
    questions: [
      'My manager gives me useful feedback on my work.',
      'I can talk openly with my manager about problems.',
      'My manager cares about me as a person.',
    ],
  },
  {
    key: 'role_clarity',
    name: 'Role clarity',
    description: 'Knowing what is expected and how success is judged.',
    questions: [
      'I know what is expected of me at work.',
      'I understand how my work is evaluated.',
      'My priorities are clear to me.',
    ],
  },
  {
    key: 'team_contribution',
    name: 'Contribution to the team',
    description: 'Feeling one’s work matters to the team and its goals.',
    questions: [
      'I can see how my work contributes to my team’s goals.',
      'My ideas are taken seriously in my team.',
      'My team relies on what I do.',
    ],
  },
  {
    key: 'workspace',
    name: 'Space and place of work',
    description: 'The physical or remote setting in which work happens.',
    questions: [
      'My workspace lets me focus when I need to.',
      'I have the equipment I need to do my job well.',
      'Where I work supports how I work best.',
    ],
  },
  {
    key: 'wellbeing',
    name: 'Wellbeing',
    description: 'Workload, balance and energy.',
    questions: [
      'My workload is manageable.',
      'I can switch off from work when I need to.',
      'I rarely feel exhausted by my work.',
    ],
  },
  {
    key: 'recognition',
    name: 'Recognition',
    description: 'Being noticed and thanked for good work.',
    questions: [
      'I receive recognition when I do good work.',
      'Good work is celebrated in my team.',
      'I feel appreciated for what I contribute.',
    ],
  },
  {
    key: 'growth',
    name: 'Growth',
    description: 'Learning, development and career paths.',
    questions: [
      'I have opportunities to learn and grow here.',
      'I can see a path for my career here.',
      'Someone at work encourages my development.',
    ],
  },
  {
    key: 'tools_processes',
    name: 'Tools and processes',
    description: 'Systems and ways of working that help rather than hinder.',
    questions: [
      'Our tools help me get my work done.',
      'Our processes rarely get in the way of my work.',
      'I can get the information I need without delay.',
    ],
  },
  {
    key: 'belonging',
    name: 'Belonging',
    description: 'Being accepted and able to be oneself.',
    questions: [
      'I feel I belong here.',
      'I can be myself at work.',
      'People here treat each other with respect.',
    ],
  },
  {
    key: 'customer_focus',
    name: 'Customer focus',
    description: 'Caring about, and being able to serve, customers well.',
    questions: [
      'We put our customers’ needs first.',
      'I have what I need to serve customers well.',
      'I know how my work affects our customers.',
    ],
  },
  {
    key: ENGAGEMENT_DRIVER,
    name: 'Engagement',
    description: 'The outcome: pride, motivation and commitment.',
    questions: [
      'I am proud to work here.',
      'I am motivated to go beyond what is expected of me.',
      'I see myself still working here in two years.',
    ],
  },
];

export interface DefaultQuestion {
  readonly driverKey: string | null;
  readonly type: QuestionType;
  readonly text: string;
}

/** The eNPS question (no driver: it is its own measure). */
export const ENPS_QUESTION = 'How likely are you to recommend working here to a friend?';

/** Every default question: three likert statements per driver, the eNPS question and two open questions. */
export function defaultQuestions(): DefaultQuestion[] {
  return [
    ...DEFAULT_DRIVERS.flatMap((driver) => driver.questions.map((text) => ({ driverKey: driver.key, type: 'likert5' as const, text }))),
    { driverKey: null, type: 'enps', text: ENPS_QUESTION },
    { driverKey: null, type: 'text', text: 'What is the one thing we should change to make this a better place to work?' },
    { driverKey: null, type: 'text', text: 'What is working well that we should keep doing?' },
  ];
}
