import { describe, expect, it } from '@jest/globals';
import { DEFAULT_OBSERVATION_WEIGHTS, OBSERVATION_COMPONENTS, observationIndex, type ObservationComponent } from './observation-index.js';

const none = Object.fromEntries(OBSERVATION_COMPONENTS.map((k) => [k, null])) as Record<ObservationComponent, number | null>;
const noPeers = Object.fromEntries(OBSERVATION_COMPONENTS.map((k) => [k, [] as number[]])) as Record<ObservationComponent, number[]>;

describe('observation index', () => {
  it('weights each component’s percentile rank among peers, turned round where less is better', () => {
    const values = { ...none, engagement: 4, attrition: 0.1 };
    const peers = { ...noPeers, engagement: [2, 3, 4, 5], attrition: [0, 0.1, 0.2, 0.3] };
    // engagement: 2 below + ½ tie over 4 = 62.5; attrition: 1 below + ½ → 37.5, turned round → 62.5.
    // Weights present 0.2 + 0.1 = 0.3: points 0.2 × 62.5 / 0.3 = 41.67 and 0.1 × 62.5 / 0.3 = 20.83; index 62.5.
    const score = observationIndex(values, peers, DEFAULT_OBSERVATION_WEIGHTS);
    expect(score.index).toBe(62.5);
    expect(score.components.find((c) => c.key === 'engagement')).toEqual({ key: 'engagement', value: 4, normalised: 62.5, weight: 0.2, points: 41.67 });
    expect(score.components.find((c) => c.key === 'attrition')).toEqual({ key: 'attrition', value: 0.1, normalised: 62.5, weight: 0.1, points: 20.83 });
    expect(score.missing).toEqual(['enps', 'participation', 'openPainPoints', 'resolvedPainPoints', 'recognition', 'checklistOnTime', 'cx']);
  });

  it('follows the CX metric’s direction, skips zero weights, and has no index without components', () => {
    const values = { ...none, cx: 10 };
    const peers = { ...noPeers, cx: [10, 20, 30, 40] };
    expect(observationIndex(values, peers, DEFAULT_OBSERVATION_WEIGHTS).index).toBe(12.5);
    expect(observationIndex(values, peers, DEFAULT_OBSERVATION_WEIGHTS, false).index).toBe(87.5);
    expect(observationIndex(values, peers, { ...DEFAULT_OBSERVATION_WEIGHTS, cx: 0 }).index).toBeNull();
    expect(observationIndex(none, noPeers, DEFAULT_OBSERVATION_WEIGHTS)).toMatchObject({ index: null, missing: [...OBSERVATION_COMPONENTS] });
  });
});
