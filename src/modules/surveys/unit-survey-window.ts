import { suppressInPartition, visibility, type SegmentCell, type UnitParents } from '#src/analytics/anonymity-guard.js';
import type { ReportSegment } from '#src/modules/segments/domain/segment-filters.js';
import { segmentSql, snapshotColumns } from '#src/modules/segments/segment-sql.js';
import type { Queryable } from '#src/modules/tenancy/tenant-calendar.js';
import { isWithin } from '#src/modules/units/domain/unit-tree.js';
import { snapshotCell, type SnapshotRow } from './survey-groups.js';

/** What one round says about one unit's own members (sub-units apart): from the rollups, never raw answers. */
interface RoundUnitFacts {
  roundId: string;
  unitId: string | null;
  respondents: number;
  invited: number;
  responded: number;
  /** Per driver: likert answers and their sum. */
  drivers: Map<string, { answered: number; total: number }>;
  enps: { answered: number; detractors: number; promoters: number };
}

/** A group's survey figures over the rounds of a window that passed the anonymity guard. */
export interface PooledFigures {
  readonly rounds: number;
  readonly responses: number;
  readonly invited: number;
  readonly responded: number;
  readonly drivers: ReadonlyMap<string, { answered: number; total: number }>;
  readonly enps: { answered: number; detractors: number; promoters: number };
}

/**
 * The survey rounds a tenant opened between two local dates, per round and unit: respondents,
 * invitations, likert sums per driver and eNPS detractors and promoters. Pooling them for a unit (with its
 * sub-units) keeps only the rounds in which that unit may be shown beside every other unit of the
 * organisation, so no figure built from pools names a group below k, directly or by difference.
 * Read for a saved segment, the figures are its respondents' only, and the guard judges each unit's
 * part of the segment (see {@link shownIn}); invitations keep no segment, so there are none then.
 */
export class UnitSurveyWindow {
  private constructor(
    private readonly facts: readonly RoundUnitFacts[],
    private readonly segment: { readonly applied: ReportSegment; readonly cells: ReadonlyMap<string, SegmentCell[]> } | null,
  ) {}

  /** Rounds opened from `from` to `to` (local dates, both included) in the tenant's time zone, for everyone or a segment. */
  static async read(
    db: Queryable,
    tenantId: string,
    timezone: string,
    from: string,
    to: string,
    segment: { readonly applied: ReportSegment; readonly parents: UnitParents } | null = null,
  ): Promise<UnitSurveyWindow> {
    const params: unknown[] = [tenantId, from, to, timezone];
    const rounds = `SELECT id FROM survey_rounds WHERE tenant_id = $1
        AND opened_at >= ($2::date)::timestamp AT TIME ZONE $4 AND opened_at < ($3::date + 1)::timestamp AT TIME ZONE $4`;
    const inSegment = segment ? segmentSql(segment.applied.filters, segment.parents, params, snapshotColumns('c')) : 'TRUE';
    const [counts, invitations, rollups, cells] = (await Promise.all([
      db.query(
        `SELECT c.round_id, c.unit_id, sum(c.respondents)::int AS n FROM survey_segment_counts c
         WHERE c.tenant_id = $1 AND c.round_id IN (${rounds}) AND ${inSegment} GROUP BY c.round_id, c.unit_id`,
        params,
      ),
      segment
        ? []
        : db.query(
            `SELECT round_id, unit_id, count(*)::int AS invited, count(responded_on)::int AS responded FROM survey_invitations
             WHERE tenant_id = $1 AND round_id IN (${rounds}) GROUP BY round_id, unit_id`,
            params,
          ),
      db.query(
        `SELECT ro.round_id, c.unit_id, q->>'type' AS type, q->>'driverKey' AS driver_key,
                sum(ro.answered)::int AS answered, sum(ro.total)::int AS total,
                sum((SELECT coalesce(sum(x), 0) FROM unnest(ro.histogram[1:7]) x))::int AS low,
                sum((SELECT coalesce(sum(x), 0) FROM unnest(ro.histogram[10:11]) x))::int AS high
         FROM survey_rollups ro
         JOIN survey_segment_counts c ON c.tenant_id = ro.tenant_id AND c.round_id = ro.round_id AND c.segment_key = ro.segment_key
         JOIN survey_rounds r ON r.tenant_id = ro.tenant_id AND r.id = ro.round_id
         CROSS JOIN LATERAL jsonb_array_elements(r.questions) q
         WHERE ro.tenant_id = $1 AND ro.round_id IN (${rounds}) AND q->>'id' = ro.question_id::text AND ${inSegment}
           AND (q->>'type' = 'enps' OR (q->>'type' = 'likert5' AND q->>'driverKey' IS NOT NULL))
         GROUP BY ro.round_id, c.unit_id, q->>'type', q->>'driverKey'`,
        params,
      ),
      // With a segment, the guard needs every respondent of the round by segment, not only the segment's.
      segment
        ? db.query(
            `SELECT round_id, unit_id, tenure_phase, stage, location, employment_type, referral_hire, respondents FROM survey_segment_counts
             WHERE tenant_id = $1 AND round_id IN (${rounds})`,
            params.slice(0, 4),
          )
        : [],
    ])) as [
      { round_id: string; unit_id: string | null; n: number }[],
      { round_id: string; unit_id: string | null; invited: number; responded: number }[],
      { round_id: string; unit_id: string | null; type: string; driver_key: string | null; answered: number; total: number; low: number; high: number }[],
      (SnapshotRow & { round_id: string; respondents: number })[],
    ];
    const byKey = new Map<string, RoundUnitFacts>();
    const at = (roundId: string, unitId: string | null) => {
      const key = `${roundId}|${unitId ?? ''}`;
      let facts = byKey.get(key);
      if (!facts) {
        facts = { roundId, unitId, respondents: 0, invited: 0, responded: 0, drivers: new Map(), enps: { answered: 0, detractors: 0, promoters: 0 } };
        byKey.set(key, facts);
      }
      return facts;
    };
    for (const row of counts) at(row.round_id, row.unit_id).respondents = row.n;
    for (const row of invitations) Object.assign(at(row.round_id, row.unit_id), { invited: row.invited, responded: row.responded });
    for (const row of rollups) {
      const facts = at(row.round_id, row.unit_id);
      if (row.type === 'enps') {
        facts.enps.answered += row.answered;
        facts.enps.detractors += row.low;
        facts.enps.promoters += row.high;
      } else {
        const driver = facts.drivers.get(row.driver_key!) ?? { answered: 0, total: 0 };
        driver.answered += row.answered;
        driver.total += row.total;
        facts.drivers.set(row.driver_key!, driver);
      }
    }
    const cellsByRound = new Map<string, SegmentCell[]>();
    for (const row of cells) {
      const list = cellsByRound.get(row.round_id) ?? [];
      list.push({ ...snapshotCell(row), count: row.respondents });
      cellsByRound.set(row.round_id, list);
    }
    return new UnitSurveyWindow([...byKey.values()], segment ? { applied: segment.applied, cells: cellsByRound } : null);
  }

  /**
   * A unit's figures (sub-units included) over the rounds in which it is shown: see {@link shownIn}.
   */
  pool(unitId: string, parents: UnitParents, k: number): PooledFigures {
    let included = 0;
    let responses = 0;
    let invited = 0;
    let responded = 0;
    const drivers = new Map<string, { answered: number; total: number }>();
    const enps = { answered: 0, detractors: 0, promoters: 0 };
    for (const list of this.byRound().values()) {
      if (!this.shownIn(list, parents, k).has(unitId)) continue;
      included += 1;
      for (const f of list) {
        if (f.unitId === null || !isWithin(f.unitId, unitId, parents)) continue;
        responses += f.respondents;
        invited += f.invited;
        responded += f.responded;
        enps.answered += f.enps.answered;
        enps.detractors += f.enps.detractors;
        enps.promoters += f.enps.promoters;
        for (const [key, tally] of f.drivers) {
          const sum = drivers.get(key) ?? { answered: 0, total: 0 };
          drivers.set(key, { answered: sum.answered + tally.answered, total: sum.total + tally.total });
        }
      }
    }
    return { rounds: included, responses, invited, responded, drivers, enps };
  }

  private rounds?: Map<string, RoundUnitFacts[]>;
  private readonly shown = new Map<readonly RoundUnitFacts[], Set<string>>();

  private byRound(): Map<string, RoundUnitFacts[]> {
    if (!this.rounds) {
      this.rounds = new Map();
      for (const facts of this.facts) this.rounds.set(facts.roundId, [...(this.rounds.get(facts.roundId) ?? []), facts]);
    }
    return this.rounds;
  }

  /**
   * The units a report listing every unit may show for one round. A unit (with its sub-units) must
   * pass the guard (`visibility()`: k respondents, not readable by difference from a larger group),
   * and, because the list shows a unit beside its sub-units, each set of siblings must leave their
   * parent's remainder at 0 or at least k (`suppressInPartition()`, the whole organisation being the
   * parent of the top units). A hidden unit's sub-units stay hidden. For a segment, each unit's part
   * of it is judged against every respondent of the round (so against the unit, the segment, and
   * the segment without each of its filters), and nothing is shown unless the segment as a whole is.
   */
  private shownIn(list: readonly RoundUnitFacts[], parents: UnitParents, k: number): Set<string> {
    const cached = this.shown.get(list);
    if (cached) return cached;
    const segment = this.segment?.applied.sets;
    const cells: SegmentCell[] = this.segment
      ? (this.segment.cells.get(list[0]?.roundId ?? '') ?? [])
      : list.map((f) => ({ unitId: f.unitId, tenurePhase: null, stage: null, location: null, count: f.respondents }));
    const children = new Map<string | null, string[]>();
    for (const [id, parent] of parents) children.set(parent, [...(children.get(parent) ?? []), id]);
    const respondents = (unit: string) => list.reduce((sum, f) => (f.unitId !== null && isWithin(f.unitId, unit, parents) ? sum + f.respondents : sum), 0);
    const shown = new Set<string>();
    if (segment && !visibility(cells, { segment }, parents, k).shown) {
      this.shown.set(list, shown);
      return shown;
    }
    const visit = (parentCount: number, units: readonly string[]) => {
      const groups = units.map((unit) => ({ key: unit, count: respondents(unit), showable: visibility(cells, { unitId: unit, segment }, parents, k).shown }));
      const hidden = suppressInPartition(parentCount, groups, k);
      for (const group of groups) {
        if (hidden.has(group.key)) continue;
        shown.add(group.key);
        visit(group.count, children.get(group.key) ?? []);
      }
    };
    visit(list.reduce((sum, f) => sum + f.respondents, 0), children.get(null) ?? []);
    this.shown.set(list, shown);
    return shown;
  }
}

/** Per driver, the mean of a pool's likert answers (1–5), by key. */
export function driverMeans(pool: PooledFigures): { key: string; mean: number; answered: number }[] {
  return [...pool.drivers.entries()]
    .filter(([, tally]) => tally.answered > 0)
    .map(([key, tally]) => ({ key, mean: Math.round((tally.total / tally.answered) * 100) / 100, answered: tally.answered }))
    .sort((a, b) => a.key.localeCompare(b.key));
}
