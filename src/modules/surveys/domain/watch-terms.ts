/** What a sensitive comment is about; each has its own watch list per locale. */
export const WATCH_CATEGORIES = ['harassment', 'safety', 'integrity', 'self_harm'] as const;
export type WatchCategory = (typeof WATCH_CATEGORIES)[number];

/** Longest watch term (a word or a short phrase). */
export const MAX_WATCH_TERM = 100;

export interface WatchTerm {
  readonly category: WatchCategory;
  readonly term: string;
}

/**
 * The English watch lists every organisation starts with: short, and words that rarely mean
 * anything else in an answer about work. Organisations edit them.
 */
export const DEFAULT_WATCH_TERMS: Readonly<Record<WatchCategory, readonly string[]>> = {
  harassment: ['harassment', 'harassed', 'harassing', 'bullying', 'bullied', 'sexual comments', 'inappropriate touching', 'groped', 'discrimination', 'racist', 'sexist', 'intimidated'],
  safety: ['unsafe', 'injury', 'injured', 'accident', 'near miss', 'hazard', 'dangerous', 'violence', 'violent', 'threatened'],
  integrity: ['fraud', 'bribe', 'bribery', 'kickback', 'theft', 'stealing', 'falsified', 'cover up', 'corruption', 'embezzlement'],
  self_harm: ['suicide', 'suicidal', 'kill myself', 'self harm', 'self-harm', 'hurt myself', 'end my life', 'want to die'],
};

/**
 * The form a term is stored and compared in: Unicode NFKC, lower-case, single spaces, trimmed.
 * "Near  Miss" and "near miss" are the same term.
 */
export function normalizeTerm(term: string): string {
  return term.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * The categories of the terms that occur in the text, sorted, each once. A term matches as a
 * whole word or phrase, case-insensitively: "theft" matches "Theft!" but not "thefts", and the
 * spaces of a phrase match any run of white space. Letters and digits of any script count as word
 * characters, so "bully" does not match inside "bullying".
 */
export function matchWatchTerms(text: string, terms: readonly WatchTerm[]): WatchCategory[] {
  const haystack = normalizeTerm(text);
  const found = new Set<WatchCategory>();
  for (const { category, term } of terms) {
    if (found.has(category)) continue;
    const needle = normalizeTerm(term);
    if (!needle) continue;
    const pattern = needle.split(' ').map(escapeRegExp).join('\\s+');
    if (new RegExp(`(?<![\\p{L}\\p{N}])${pattern}(?![\\p{L}\\p{N}])`, 'u').test(haystack)) found.add(category);
  }
  return WATCH_CATEGORIES.filter((category) => found.has(category));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
