/** The kinds of question: likert 1–5, eNPS 0–10, one or several of the options, or free text. */
export const QUESTION_TYPES = ['likert5', 'enps', 'single_choice', 'multi_choice', 'text'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/**
 * What a question of the bank is for: survey rounds, or exit interviews (worded for leavers, in the
 * past tense; kept out of surveys so a pulse never asks "did you…" of people who stay).
 */
export const QUESTION_PURPOSES = ['survey', 'exit'] as const;
export type QuestionPurpose = (typeof QUESTION_PURPOSES)[number];

/** Texts per BCP 47 locale; `en` is always there. */
export type LocalizedTexts = Record<string, string>;

export interface QuestionOption {
  readonly texts: LocalizedTexts;
}

/** A question as a round asked it: frozen when the round opened. */
export interface AskedQuestion {
  readonly id: string;
  readonly driverKey: string | null;
  readonly type: QuestionType;
  readonly texts: LocalizedTexts;
  readonly options: QuestionOption[] | null;
}

/** The range of a scored question's values, or null for text. Choices are option indexes. */
export function valueRange(question: Pick<AskedQuestion, 'type' | 'options'>): { min: number; max: number } | null {
  switch (question.type) {
    case 'likert5':
      return { min: 1, max: 5 };
    case 'enps':
      return { min: 0, max: 10 };
    case 'single_choice':
    case 'multi_choice':
      return { min: 0, max: (question.options?.length ?? 1) - 1 };
    case 'text':
      return null;
  }
}

/**
 * The text for a locale: the exact locale, else its language (`fr` for `fr-CA`), else English.
 * Locale tags compare case-insensitively.
 */
export function localize(texts: LocalizedTexts, locale: string): { text: string; locale: string } {
  const wanted = locale.toLowerCase();
  const language = wanted.split('-')[0]!;
  const entries = Object.entries(texts);
  const hit =
    entries.find(([tag]) => tag.toLowerCase() === wanted) ??
    entries.find(([tag]) => tag.toLowerCase() === language) ??
    entries.find(([tag]) => tag.toLowerCase() === 'en') ??
    entries[0]!;
  return { locale: hit[0], text: hit[1] };
}

/** A question as a respondent sees it: in their locale, options numbered from 0, with its scale. */
export interface FormQuestion {
  readonly id: string;
  readonly type: QuestionType;
  readonly driverKey: string | null;
  readonly text: string;
  readonly locale: string;
  readonly options: string[] | null;
  readonly scale: { min: number; max: number } | null;
}

export function formQuestion(question: AskedQuestion, locale: string): FormQuestion {
  const text = localize(question.texts, locale);
  return {
    id: question.id,
    type: question.type,
    driverKey: question.driverKey,
    text: text.text,
    locale: text.locale,
    options: question.options?.map((option) => localize(option.texts, locale).text) ?? null,
    scale: question.type === 'likert5' || question.type === 'enps' ? valueRange(question) : null,
  };
}
