/** The kinds of customer metric and the value ranges each allows. */
export const CX_KINDS = ['csat', 'nps', 'ces', 'custom'] as const;
export type CxKind = (typeof CX_KINDS)[number];

export interface ValueRange {
  readonly min: number;
  readonly max: number;
}

/** The ranges a kind allows, the first being its default; `custom` takes any range it is given. */
export const KIND_RANGES: Readonly<Record<Exclude<CxKind, 'custom'>, readonly ValueRange[]>> = {
  csat: [{ min: 1, max: 5 }, { min: 0, max: 100 }],
  nps: [{ min: -100, max: 100 }],
  ces: [{ min: 1, max: 7 }, { min: 1, max: 5 }],
};

/** The range of a new metric, or why the one asked for is not allowed for its kind. */
export function rangeFor(kind: CxKind, asked: Partial<ValueRange>): ValueRange | string {
  const { min, max } = asked;
  if (kind === 'custom') {
    if (min === undefined || max === undefined) return 'a custom metric needs minValue and maxValue';
    return min < max ? { min, max } : 'minValue must be below maxValue';
  }
  const allowed = KIND_RANGES[kind];
  if (min === undefined && max === undefined) return allowed[0]!;
  const match = allowed.find((r) => r.min === min && r.max === max);
  return match ?? `a ${kind} metric ranges ${allowed.map((r) => `${r.min}…${r.max}`).join(' or ')}`;
}

/** The metrics every organisation starts with. */
export const DEFAULT_METRICS = [
  { key: 'csat', name: 'Customer satisfaction (CSAT)', kind: 'csat', minValue: 1, maxValue: 5, higherIsBetter: true },
  { key: 'nps', name: 'Net Promoter Score (NPS)', kind: 'nps', minValue: -100, maxValue: 100, higherIsBetter: true },
] as const;
