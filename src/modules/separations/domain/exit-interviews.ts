import type { QuestionType } from '#src/modules/surveys/domain/questions.js';

export const EXIT_INTERVIEW_STATUSES = ['invited', 'completed', 'cancelled'] as const;
export type ExitInterviewStatus = (typeof EXIT_INTERVIEW_STATUSES)[number];

export const EXIT_INTERVIEW_MODES = ['link', 'hr'] as const;
export type ExitInterviewMode = (typeof EXIT_INTERVIEW_MODES)[number];

/** A leaver's link works until this many days after their last working day. */
export const LINK_DAYS_AFTER_LAST_DAY = 30;

export interface DefaultExitQuestion {
  readonly driverKey: string | null;
  readonly type: QuestionType;
  readonly text: string;
  readonly options?: readonly string[];
}

/**
 * The exit questionnaire every organisation starts with, added to its survey question bank: why,
 * what would have kept them, the manager and growth, would they recommend us and come back, and
 * anything else. HR can change the questionnaire (`PUT /exit-interviews/questionnaire`).
 */
export const DEFAULT_EXIT_QUESTIONS: readonly DefaultExitQuestion[] = [
  {
    driverKey: null,
    type: 'single_choice',
    text: 'What is the main reason you are leaving?',
    options: [
      'Compensation',
      'Career growth',
      'My manager',
      'Workload or wellbeing',
      'Culture',
      'The role was not a fit',
      'Relocation',
      'Personal reasons',
      'A better offer',
      'Something else',
    ],
  },
  { driverKey: null, type: 'text', text: 'What would have made you stay?' },
  { driverKey: 'manager_relationship', type: 'likert5', text: 'My manager supported me well.' },
  { driverKey: 'growth', type: 'likert5', text: 'I had good opportunities to learn and grow here.' },
  { driverKey: null, type: 'enps', text: 'How likely are you to recommend working here to a friend?' },
  { driverKey: null, type: 'single_choice', text: 'Would you consider coming back to work here one day?', options: ['Yes', 'Maybe', 'No'] },
  { driverKey: null, type: 'text', text: 'Is there anything else you would like to tell us?' },
];
