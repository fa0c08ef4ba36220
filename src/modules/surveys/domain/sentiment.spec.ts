import { describe, expect, it } from '@jest/globals';
import { analyseSentiment, sentimentLabel } from './sentiment.js';

describe('sentiment', () => {
  it('labels a clearly positive comment positive', () => {
    expect(analyseSentiment('I love my team, the support is great and I feel happy here.', 'en')?.label).toBe('positive');
  });

  it('labels a clearly negative comment negative', () => {
    expect(analyseSentiment('The workload is terrible and I feel stressed, angry and ignored.', 'en')?.label).toBe('negative');
  });

  it('labels a comment without scored words neutral, with a score of 0', () => {
    expect(analyseSentiment('We moved to the third floor in March.', 'en')).toEqual({ score: 0, label: 'neutral' });
  });

  it('counts a negated word against the comment', () => {
    expect(analyseSentiment('The onboarding was not good.', 'en')?.label).toBe('negative');
  });

  it('scores regional English (en-GB) with the English lexicon', () => {
    expect(analyseSentiment('Brilliant managers, great colleagues.', 'en-GB')?.label).toBe('positive');
  });

  it('does not score a language it has no lexicon for', () => {
    expect(analyseSentiment('Une équipe formidable.', 'fr')).toBeNull();
  });

  it('uses the documented cut-offs, exclusive', () => {
    expect(sentimentLabel(0.05)).toBe('neutral');
    expect(sentimentLabel(0.0501)).toBe('positive');
    expect(sentimentLabel(-0.05)).toBe('neutral');
    expect(sentimentLabel(-0.0501)).toBe('negative');
  });

  it('matches the package’s comparative score (sum / tokens): "good" alone is 3, among 4 tokens 0.75', () => {
    expect(analyseSentiment('good', 'en')).toEqual({ score: 3, label: 'positive' });
    expect(analyseSentiment('this is very good', 'en')).toEqual({ score: 0.75, label: 'positive' });
  });
});
