/**
 * The 360° observation index of a unit: a documented composite of what the organisation observes
 * about it, each component normalised against the other units (docs/observe.md). Pure.
 */
import { percentileRank } from './distribution.js';
import { roundTo } from './rounding.js';

export const OBSERVATION_COMPONENTS = [
  'engagement',
  'enps',
  'participation',
  'openPainPoints',
  'resolvedPainPoints',
  'recognition',
  'checklistOnTime',
  'attrition',
  'cx',
] as const;
export type ObservationComponent = (typeof OBSERVATION_COMPONENTS)[number];
export type ObservationWeights = Record<ObservationComponent, number>;

/** Sensible defaults: how people feel weighs most, then what happens to them. They add up to 1. */
export const DEFAULT_OBSERVATION_WEIGHTS: ObservationWeights = {
  engagement: 0.2,
  enps: 0.15,
  participation: 0.1,
  openPainPoints: 0.1,
  resolvedPainPoints: 0.05,
  recognition: 0.1,
  checklistOnTime: 0.1,
  attrition: 0.1,
  cx: 0.1,
};

/** Components where less is better; `cx` follows its metric's own direction. */
const LOWER_IS_BETTER: ReadonlySet<ObservationComponent> = new Set(['openPainPoints', 'attrition']);

export interface ComponentScore {
  readonly key: ObservationComponent;
  /** The raw value (null: missing for this unit). */
  readonly value: number | null;
  /** 0–100: the percentile rank among the peers that have it, turned round where less is better. */
  readonly normalised: number | null;
  readonly weight: number;
  /** Points in the index: weight × normalised / the weight of the components present. */
  readonly points: number | null;
}

export interface ObservationScore {
  /** 0–100; null when no component is present. */
  readonly index: number | null;
  readonly components: ComponentScore[];
  readonly missing: ObservationComponent[];
}

/**
 * The index of one unit: each present component's percentile rank among its peers' values (turned
 * round where lower is better), weighted, over the weight of the present components — so a missing
 * component neither helps nor hurts.
 */
export function observationIndex(
  values: Readonly<Record<ObservationComponent, number | null>>,
  peers: Readonly<Record<ObservationComponent, readonly number[]>>,
  weights: ObservationWeights,
  cxHigherIsBetter = true,
): ObservationScore {
  const normalised = (key: ObservationComponent): number | null => {
    const value = values[key];
    if (value === null || weights[key] <= 0) return null;
    const rank = percentileRank(peers[key], value);
    if (rank === null) return null;
    const lower = key === 'cx' ? !cxHigherIsBetter : LOWER_IS_BETTER.has(key);
    return lower ? 100 - rank : rank;
  };
  const scores = OBSERVATION_COMPONENTS.map((key) => ({ key, value: values[key], normalised: normalised(key), weight: weights[key] }));
  const carried = scores.reduce((sum, s) => (s.normalised === null ? sum : sum + s.weight), 0);
  const points = (s: (typeof scores)[number]) => (s.normalised === null || carried === 0 ? null : (s.weight * s.normalised) / carried);
  const components = scores.map((s) => ({
    ...s,
    normalised: s.normalised === null ? null : roundTo(s.normalised, 2),
    points: points(s) === null ? null : roundTo(points(s)!, 2),
  }));
  const index = carried === 0 ? null : roundTo(scores.reduce((sum, s) => sum + (points(s) ?? 0), 0), 2);
  return { index, components, missing: scores.filter((s) => s.normalised === null).map((s) => s.key) };
}
