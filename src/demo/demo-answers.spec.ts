import { describe, expect, it } from '@jest/globals';
import { pearson } from '#src/analytics/correlation.js';
import { analyseSentiment } from '#src/modules/surveys/domain/sentiment.js';
import { CX_CORRELATION, cxFigures, DEMO_COMMENTS, exitAnswers, pulseAnswers, type ExCell } from './demo-answers.js';
import { Random } from './random.js';

describe('demo answers', () => {
  it('answers every scored question within its range', () => {
    const rng = new Random(3);
    const questions = [
      { id: 'e', type: 'enps' as const, driverKey: null },
      { id: 'g', type: 'likert5' as const, driverKey: 'growth' },
      { id: 'x', type: 'likert5' as const, driverKey: 'engagement' },
      { id: 't', type: 'text' as const, driverKey: null },
    ];
    for (const mood of [-3, 0, 3]) {
      for (let i = 0; i < 200; i++) {
        const answers = pulseAnswers(rng, questions, mood, { change: 't' });
        expect(answers.filter((a) => a.value !== undefined).map((a) => a.questionId)).toEqual(['e', 'g', 'x']);
        expect(answers.find((a) => a.questionId === 'e')!.value).toBeGreaterThanOrEqual(0);
        expect(answers.find((a) => a.questionId === 'e')!.value).toBeLessThanOrEqual(10);
        for (const id of ['g', 'x']) expect([1, 2, 3, 4, 5]).toContain(answers.find((a) => a.questionId === id)!.value);
      }
    }
  });

  it('answers better in a better mood', () => {
    const rng = new Random(4);
    const mean = (mood: number) => {
      let sum = 0;
      for (let i = 0; i < 2000; i++) sum += pulseAnswers(rng, [{ id: 'g', type: 'likert5', driverKey: 'growth' }], mood, {})[0]!.value!;
      return sum / 2000;
    };
    expect(mean(0.5)).toBeGreaterThan(mean(-0.5) + 0.6);
  });

  it('writes comments whose sentiment matches what they are about', () => {
    for (const text of DEMO_COMMENTS.change) expect(analyseSentiment(text, 'en')?.label).toBe('negative');
    for (const text of DEMO_COMMENTS.keep) expect(analyseSentiment(text, 'en')?.label).toBe('positive');
    expect(DEMO_COMMENTS.wishes.some((text) => analyseSentiment(text, 'en')?.label === 'neutral')).toBe(true);
  });

  it('gives the exit reason as the separation’s and answers the rest of the questionnaire', () => {
    const questions = [
      { id: 'r', type: 'single_choice' as const, driverKey: null, options: new Array(10).fill({}), text: 'What is the main reason you are leaving?' },
      { id: 'b', type: 'single_choice' as const, driverKey: null, options: new Array(3).fill({}), text: 'Would you come back?' },
      { id: 'm', type: 'likert5' as const, driverKey: 'manager_relationship', text: 'My manager supported me well.' },
      { id: 's', type: 'text' as const, driverKey: null, text: 'What would have made you stay?' },
      { id: 'a', type: 'text' as const, driverKey: null, text: 'Anything else?' },
    ];
    const answers = exitAnswers(new Random(5), questions, -0.5, 2);
    expect(answers.find((a) => a.questionId === 'r')!.value).toBe(2);
    expect([0, 1, 2]).toContain(answers.find((a) => a.questionId === 'b')!.value);
    expect(answers.filter((a) => a.text !== undefined)).toHaveLength(1);
  });

  it(`builds CX that correlates exactly ${CX_CORRELATION} with measured EX over the team-months shown, within the metrics' ranges`, () => {
    const rng = new Random(6);
    const cells: ExCell[] = Array.from({ length: 3000 }, (_, i) => ({
      unitExternalId: `u${i % 40}`,
      month: `2026-${String((i % 12) + 1).padStart(2, '0')}`,
      respondents: i % 10 === 0 ? 3 : 9,
      enps: rng.normal(10, 30),
      engagement: rng.normal(65, 10),
      customerFacing: i % 2 === 0,
    }));
    const figures = cxFigures(new Random(7), cells, 5);
    expect(figures).toHaveLength(6000);
    const shown = cells.map((cell, i) => ({ cell, csat: figures[2 * i]!, nps: figures[2 * i + 1]! })).filter(({ cell }) => cell.respondents >= 5);
    // Exactly ρ but for the rounding of the figures.
    expect(pearson(shown.map((s) => s.cell.enps), shown.map((s) => s.csat.value))).toBeCloseTo(CX_CORRELATION, 2);
    expect(pearson(shown.map((s) => s.cell.engagement), shown.map((s) => s.nps.value))).toBeCloseTo(CX_CORRELATION, 2);
    for (const figure of figures) {
      if (figure.metric === 'csat') expect(figure.value >= 1 && figure.value <= 5).toBe(true);
      else expect(figure.value >= -100 && figure.value <= 100).toBe(true);
      expect(figure.n).toBeGreaterThanOrEqual(15);
    }
  });
});
