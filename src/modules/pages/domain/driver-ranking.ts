import type { ResultsDto } from '#src/modules/surveys/dto/results.dto.js';

/** One driver of the dashboard's ranking, whatever ranked it. */
export interface RankedDriver {
  readonly key: string;
  readonly name: string;
  /** What the ranking sorts by (higher: act here first); null when it cannot be computed. */
  readonly score: number | null;
  /** The driver's mean answer (1–5) in the group. */
  readonly mean: number | null;
  /** Pearson r behind the score, and how many groups it is computed over. */
  readonly r: number | null;
  readonly over: number;
}

/** The dashboard's driver ranking: where the figures come from, in words, and the drivers in order. */
export interface DriverRanking {
  readonly source: 'survey_priorities';
  /** What the score is, for the page. */
  readonly scoreLabel: string;
  readonly explanation: string;
  readonly drivers: readonly RankedDriver[];
}

/**
 * The ranking from the survey results' priorities (docs/surveys.md: (5 − mean) × max(r, 0), r of
 * sub-unit driver means with sub-unit eNPS). This is the source until `GET /reports/ex-cx/drivers`
 * exists; then a second source (`ex_cx_drivers`, from that report's service) is added beside this
 * function and `InsightsPageService.driverRanking()` picks it: the view reads only this shape.
 */
export function rankingFromPriorities(results: ResultsDto): DriverRanking {
  return {
    source: 'survey_priorities',
    scoreLabel: 'Priority',
    explanation:
      'Priority = (5 − mean) × max(r, 0), with r the correlation of the sub-units’ driver means with their eNPS in this round: high when a driver scores low and moves with eNPS.',
    drivers: results.priorities.map((p) => ({ key: p.key, name: p.name, score: p.priority, mean: p.mean, r: p.correlation, over: p.units })),
  };
}
