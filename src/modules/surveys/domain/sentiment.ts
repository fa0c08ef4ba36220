import Sentiment from 'sentiment';

/** How a comment reads, from its comparative score. */
export const SENTIMENT_LABELS = ['positive', 'neutral', 'negative'] as const;
export type SentimentLabel = (typeof SENTIMENT_LABELS)[number];

/**
 * Cut-offs on the comparative score (AFINN points per token, −5 … 5). A comment is positive above
 * 0.05 and negative below −0.05: one mildly positive word ("good", +3) in a sentence of up to 60
 * words is enough to leave neutral, and a comment with no scored word, or whose words cancel out,
 * stays neutral.
 */
export const POSITIVE_ABOVE = 0.05;
export const NEGATIVE_BELOW = -0.05;

/** The languages the lexicon covers (the `sentiment` package ships AFINN-165 in English only). */
export const SENTIMENT_LANGUAGES: readonly string[] = ['en'];

export interface SentimentScore {
  /** Comparative score: the AFINN sum divided by the number of tokens, rounded to 4 decimals. */
  readonly score: number;
  readonly label: SentimentLabel;
}

const analyser = new Sentiment();

/** The label of a comparative score (see {@link POSITIVE_ABOVE} and {@link NEGATIVE_BELOW}). */
export function sentimentLabel(comparative: number): SentimentLabel {
  if (comparative > POSITIVE_ABOVE) return 'positive';
  if (comparative < NEGATIVE_BELOW) return 'negative';
  return 'neutral';
}

/**
 * Scores a comment with the AFINN lexicon (with its negation handling: "not good" counts −3).
 * Returns null for a locale whose language has no lexicon: a French comment scored with English
 * words would read as neutral, which is a claim, not an absence of one.
 */
export function analyseSentiment(text: string, locale: string): SentimentScore | null {
  const language = locale.toLowerCase().split('-')[0]!;
  if (!SENTIMENT_LANGUAGES.includes(language)) return null;
  const { comparative } = analyser.analyze(text, { language });
  const score = Math.round(comparative * 10_000) / 10_000;
  return { score, label: sentimentLabel(score) };
}
