import { describe, expect, it } from '@jest/globals';
import { DEFAULT_WATCH_TERMS, matchWatchTerms, normalizeTerm, WATCH_CATEGORIES, type WatchTerm } from './watch-terms.js';

const terms: WatchTerm[] = [
  { category: 'integrity', term: 'theft' },
  { category: 'safety', term: 'near miss' },
  { category: 'harassment', term: 'bully' },
  { category: 'self_harm', term: 'self-harm' },
];

describe('watch terms', () => {
  it('matches a whole word whatever its case and punctuation', () => {
    expect(matchWatchTerms('There was a THEFT, again!', terms)).toEqual(['integrity']);
  });

  it('does not match inside a longer word', () => {
    expect(matchWatchTerms('Several thefts and some bullying', terms)).toEqual([]);
  });

  it('matches a phrase across any white space, but not its words apart', () => {
    expect(matchWatchTerms('We had a near\n  miss in the warehouse', terms)).toEqual(['safety']);
    expect(matchWatchTerms('We were near; a miss', terms)).toEqual([]);
  });

  it('matches terms with punctuation inside, literally', () => {
    expect(matchWatchTerms('thoughts of self-harm', terms)).toEqual(['self_harm']);
    expect(matchWatchTerms('thoughts of self harm', terms)).toEqual([]);
  });

  it('treats letters of any script as word characters', () => {
    expect(matchWatchTerms('bullyé', terms)).toEqual([]);
    expect(matchWatchTerms('le bully', terms)).toEqual(['harassment']);
  });

  it('returns each category once, in the fixed category order', () => {
    expect(matchWatchTerms('a near miss and a theft by a bully', terms)).toEqual(['harassment', 'safety', 'integrity']);
  });

  it('takes regular-expression characters in a term literally', () => {
    expect(matchWatchTerms('a+b happened', [{ category: 'safety', term: 'a+b' }])).toEqual(['safety']);
    expect(matchWatchTerms('aab happened', [{ category: 'safety', term: 'a+b' }])).toEqual([]);
  });

  it('normalizes terms: case, width and spacing', () => {
    expect(normalizeTerm('  Near \t Ｍiss ')).toBe('near miss');
  });

  it('ships a default list for every category, each term already normalized', () => {
    for (const category of WATCH_CATEGORIES) {
      expect(DEFAULT_WATCH_TERMS[category].length).toBeGreaterThan(0);
      for (const term of DEFAULT_WATCH_TERMS[category]) expect(normalizeTerm(term)).toBe(term);
    }
  });
});
