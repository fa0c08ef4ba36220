import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { countMatching, matches, suppressInPartition, visibility, type SegmentCell, type SegmentFilter, type UnitParents } from '#src/analytics/anonymity-guard.js';
import { pearson } from '#src/analytics/correlation.js';
import { enps, likert, sumTallies, toHundred, type Tally } from '#src/analytics/survey-scores.js';
import type { Principal } from '#src/common/auth/principal.js';
import { DomainError } from '#src/common/errors/domain-error.js';
import { toCsv } from '#src/common/http/csv.js';
import { validationFailed } from '#src/common/http/validation.js';
import { TenantsService } from '#src/modules/tenancy/tenants.service.js';
import { ENGAGEMENT_DRIVER } from './domain/default-bank.js';
import type { AskedQuestion } from './domain/questions.js';
import type { DriverResultDto, HeatmapDto, HeatmapGroupDto, ParticipationDto, PriorityDto, ResultsDto, ResultsQueryDto, SuppressedDto, TrendDto, TrendQueryDto } from './dto/results.dto.js';
import { SurveyRoundEntity } from './entities/survey-round.entity.js';
import { SurveysProblems } from './surveys.errors.js';
import { ReportingLine, isWithin, type UnitTree } from './reporting-line.js';
import { SurveysService } from './surveys.service.js';

interface Cell extends SegmentCell {
  readonly segmentKey: string;
}

/** A round's rollups, loaded once per request: respondents per segment and tallies per segment × question. */
interface RoundData {
  readonly round: SurveyRoundEntity;
  readonly cells: Cell[];
  readonly tallies: Map<string, Map<string, Tally>>; // segment key → question id → tally
}

/** A trend covers at most this many rounds: one results computation each. */
export const MAX_TREND_ROUNDS = 24;

const suppressed = (reason: SuppressedDto['reason']): SuppressedDto => ({ suppressed: true, reason });

/**
 * Survey results, read from rollups only, and only through the anonymity guard: a filtered group
 * is shown when it passes `visibility` (k, and no nested result differing by 1 … k−1), the groups
 * of a heatmap pass `suppressInPartition`, and every per-question number needs k answers.
 */
@Injectable()
export class ResultsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly surveys: SurveysService,
    private readonly tenants: TenantsService,
    private readonly reportingLine: ReportingLine,
  ) {}

  /** Results as the caller may read them: a manager's default and only units are their reporting line. */
  async results(principal: Principal, surveyId: string, query: ResultsQueryDto): Promise<ResultsDto> {
    const tree = await this.reportingLine.tree(principal.tenantId);
    const unitId = await this.scopedUnit(principal, tree.parents, query.unitId);
    return this.compute(principal.tenantId, surveyId, { ...query, unitId }, tree);
  }

  /**
   * The results view as CSV, in long form (scope, group, measure, value): exactly the numbers the
   * JSON shows, with `suppressed (reason)` where it shows none.
   */
  async exportCsv(principal: Principal, surveyId: string, query: ResultsQueryDto): Promise<string> {
    const results = await this.results(principal, surveyId, query);
    const value = (v: number | SuppressedDto | null | undefined): string | number | null =>
      v === null || v === undefined ? null : typeof v === 'number' ? v : `suppressed (${v.reason})`;
    const rows: (string | number | null)[][] = [['round', 'scope', 'group', 'measure', 'value']];
    const add = (scope: string, group: string, measure: string, v: number | SuppressedDto | null | undefined) =>
      rows.push([results.roundNumber, scope, group, measure, value(v)]);
    add('all', '', 'respondents', results.respondents);
    if (results.participation && 'suppressed' in results.participation) add('all', '', 'participation', results.participation);
    else if (results.participation) add('all', '', 'participation', results.participation.rate);
    if (results.enps && 'suppressed' in results.enps) add('all', '', 'enps', results.enps);
    else if (results.enps) add('all', '', 'enps', results.enps.score);
    if (results.engagement && 'suppressed' in results.engagement) add('all', '', 'engagement', results.engagement);
    else if (results.engagement) add('all', '', 'engagement', results.engagement.index);
    for (const driver of results.drivers) {
      if (driver.suppressed) add('all', '', `driver:${driver.key}:mean`, suppressed(driver.reason!));
      else {
        add('all', '', `driver:${driver.key}:mean`, driver.mean);
        add('all', '', `driver:${driver.key}:favourable`, driver.favourable);
      }
    }
    for (const group of results.heatmap?.groups ?? []) {
      const scope = results.heatmap!.groupBy;
      if (group.suppressed) {
        add(scope, group.label, 'respondents', suppressed(group.reason!));
        continue;
      }
      add(scope, group.label, 'respondents', group.respondents);
      add(scope, group.label, 'enps', group.enps?.score ?? null);
      for (const [key, mean] of Object.entries(group.drivers ?? {})) add(scope, group.label, `driver:${key}:mean`, mean);
    }
    return toCsv(rows);
  }

  /** One result per round (oldest first) over a range of at most 24 rounds, each behind the guard. */
  async trend(principal: Principal, surveyId: string, query: TrendQueryDto): Promise<TrendDto> {
    const tree = await this.reportingLine.tree(principal.tenantId);
    const unitId = await this.scopedUnit(principal, tree.parents, query.unitId);
    const rounds: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM survey_rounds WHERE tenant_id = $1 AND survey_id = $2 AND number BETWEEN $3 AND $4 ORDER BY number DESC LIMIT $5`,
      [principal.tenantId, (await this.surveys.require(principal.tenantId, surveyId)).id, query.fromRound ?? 1, query.toRound ?? 2_147_483_647, MAX_TREND_ROUNDS],
    );
    const { fromRound: _from, toRound: _to, ...filters } = { ...query, unitId };
    const points: ResultsDto[] = [];
    for (const round of rounds.reverse()) points.push(await this.compute(principal.tenantId, surveyId, { ...filters, roundId: round.id }, tree));
    return { surveyId, points };
  }

  /**
   * Results with no scope check, for callers that did theirs (a trend, an action's before and
   * after). The anonymity guard applies all the same.
   */
  async compute(tenantId: string, surveyId: string, query: ResultsQueryDto, tree?: UnitTree): Promise<ResultsDto> {
    const survey = await this.surveys.require(tenantId, surveyId);
    const { settings } = await this.tenants.get(tenantId);
    // The survey's locked threshold, or the organisation's if that has since risen.
    const k = Math.max(survey.anonymityThreshold, settings.anonymityThreshold);
    const { parents, names: unitNames } = tree ?? (await this.reportingLine.tree(tenantId));
    if (query.unitId && !parents.has(query.unitId)) throw validationFailed([{ field: 'unitId', message: 'does not match a unit' }]);
    const unitId = query.unitId;
    const filter: SegmentFilter = { unitId, tenurePhase: query.tenurePhase, stage: query.stage, location: query.location };

    const current = await this.load(tenantId, surveyId, query.roundId);
    const previous = current.round.number > 1 ? await this.load(tenantId, surveyId, undefined, current.round.number - 1).catch(() => null) : null;
    const drivers = await this.driverNames(tenantId);
    const base = {
      surveyId,
      roundId: current.round.id,
      roundNumber: current.round.number,
      openedAt: current.round.openedAt.toISOString(),
      anonymityThreshold: k,
      filters: { unitId, tenurePhase: query.tenurePhase, stage: query.stage, location: query.location, driver: query.driver },
      participation: await this.participation(tenantId, current.round.id, filter, parents, k),
    };

    const shown = visibility(current.cells, filter, parents, k);
    if (!shown.shown) {
      const hidden = suppressed(shown.reason);
      return {
        ...base,
        respondents: hidden,
        enps: hidden,
        engagement: hidden,
        drivers: [...new Set(driverKeys(current.round.questions, query.driver))].map((key) => ({ key, name: drivers.get(key) ?? key, ...hidden })),
        priorities: [],
      };
    }
    const previousShown = previous && visibility(previous.cells, filter, parents, k).shown ? previous : null;
    const byDriver = this.driverResults(current, filter, parents, k, drivers, previousShown, query.driver);
    const nps = enps(tallyOf(current, filter, parents, questionsOf(current.round.questions, 'enps')));
    const engagement = (query.driver ? this.driverResults(current, filter, parents, k, drivers, null, ENGAGEMENT_DRIVER) : byDriver).find(
      (d) => d.key === ENGAGEMENT_DRIVER,
    );
    return {
      ...base,
      respondents: shown.count,
      enps: nps === null ? null : nps.respondents >= k ? nps : suppressed('below_threshold'),
      engagement: !engagement ? null : engagement.mean !== undefined ? { index: toHundred(engagement.mean), mean: engagement.mean } : suppressed('below_threshold'),
      drivers: byDriver,
      priorities: priorities(byDriver, this.heatmap(current, filter, parents, k, 'unit', shown.count, unitNames)),
      ...(query.groupBy ? { heatmap: this.heatmap(current, filter, parents, k, query.groupBy, shown.count, unitNames, query.driver) } : {}),
    };
  }

  /** Per driver: mean, favourable share and change since the previous round, each needing k answers. */
  private driverResults(
    data: RoundData,
    filter: SegmentFilter,
    parents: UnitParents,
    k: number,
    names: Map<string, string>,
    previous: RoundData | null,
    only?: string,
  ): DriverResultDto[] {
    return [...new Set(driverKeys(data.round.questions, only))].map((key) => {
      const name = names.get(key) ?? key;
      const summary = likert(tallyOf(data, filter, parents, questionsOf(data.round.questions, 'likert5', key)));
      if (!summary || summary.answered < k) return { key, name, ...suppressed('below_threshold') };
      const before = previous ? likert(tallyOf(previous, filter, parents, questionsOf(previous.round.questions, 'likert5', key))) : null;
      const change = before && before.answered >= k ? Math.round((summary.mean - before.mean) * 100) / 100 : null;
      return { key, name, mean: summary.mean, favourable: summary.favourable, answered: summary.answered, change };
    });
  }

  /**
   * Drivers × groups. Each group is the filter plus one value of the grouping; people the groups
   * do not cover (a unit's own members, unknown values) form one more group that is never shown,
   * so that the parent minus the visible groups is never 1 … k−1 people.
   */
  private heatmap(
    data: RoundData,
    filter: SegmentFilter,
    parents: UnitParents,
    k: number,
    groupBy: NonNullable<ResultsQueryDto['groupBy']>,
    parentCount: number,
    unitNames: ReadonlyMap<string, string>,
    only?: string,
  ): HeatmapDto {
    const inParent = data.cells.filter((cell) => matches(cell, filter, parents));
    const groups = groupFilters(groupBy, filter, inParent, parents, unitNames);
    const candidates = groups.map((group) => {
      const count = countMatching(inParent, group.filter, parents);
      return { ...group, count, visibility: visibility(data.cells, group.filter, parents, k) };
    });
    const covered = candidates.reduce((sum, group) => sum + group.count, 0);
    const hidden = suppressInPartition(
      parentCount,
      [
        ...candidates.map((group) => ({ key: group.key, count: group.count, showable: group.visibility.shown })),
        ...(parentCount > covered ? [{ key: '\u0000uncovered', count: parentCount - covered, showable: false }] : []),
      ],
      k,
    );
    const keys = [...new Set(driverKeys(data.round.questions, only))];
    return {
      groupBy,
      groups: candidates.map((group): HeatmapGroupDto => {
        if (hidden.has(group.key)) {
          return { key: group.key, label: group.label, ...suppressed(!group.visibility.shown ? group.visibility.reason : 'differencing') };
        }
        const nps = enps(tallyOf(data, group.filter, parents, questionsOf(data.round.questions, 'enps')));
        return {
          key: group.key,
          label: group.label,
          respondents: group.count,
          enps: nps && nps.respondents >= k ? nps : null,
          drivers: Object.fromEntries(
            keys.map((key) => {
              const summary = likert(tallyOf(data, group.filter, parents, questionsOf(data.round.questions, 'likert5', key)));
              return [key, summary && summary.answered >= k ? summary.mean : null];
            }),
          ),
        };
      }),
    };
  }

  /** Invited and responded for the unit filter, shown from k invitees on; null when other filters apply (invitations keep only the unit). */
  private async participation(tenantId: string, roundId: string, filter: SegmentFilter, parents: UnitParents, k: number): Promise<ParticipationDto | SuppressedDto | null> {
    if (filter.tenurePhase || filter.stage || filter.location) return null;
    const rows: { unit_id: string | null; invited: number; responded: number }[] = await this.dataSource.query(
      `SELECT unit_id, count(*)::int AS invited, count(responded_on)::int AS responded
       FROM survey_invitations WHERE tenant_id = $1 AND round_id = $2 GROUP BY unit_id`,
      [tenantId, roundId],
    );
    let invited = 0;
    let responded = 0;
    for (const row of rows) {
      if (filter.unitId && !(row.unit_id && isWithin(row.unit_id, filter.unitId, parents))) continue;
      invited += row.invited;
      responded += row.responded;
    }
    if (invited < k) return suppressed('below_threshold');
    return { invited, responded, rate: Math.round((responded / invited) * 1000) / 1000 };
  }

  /** The unit a caller may read: hr_admin any; a manager only units in their reporting line, by default its top. */
  private async scopedUnit(principal: Principal, parents: UnitParents, unitId: string | undefined): Promise<string | undefined> {
    if (unitId && !parents.has(unitId)) throw validationFailed([{ field: 'unitId', message: 'does not match a unit' }]);
    if (principal.role === 'hr_admin') return unitId;
    const roots = await this.reportingLine.managedRoots(principal, parents);
    if (roots.length === 0) throw new DomainError(SurveysProblems.outOfScope, 'You manage no unit, so there are no results for you to read.');
    if (!unitId) {
      if (roots.length === 1) return roots[0];
      throw validationFailed([{ field: 'unitId', message: `is required: you manage ${roots.length} units; pick one` }]);
    }
    if (!roots.some((root) => isWithin(unitId, root, parents))) {
      throw new DomainError(SurveysProblems.outOfScope, 'This unit is outside your reporting line.');
    }
    return unitId;
  }

  private async load(tenantId: string, surveyId: string, roundId?: string, number?: number): Promise<RoundData> {
    const where = roundId ? { tenantId, surveyId, id: roundId } : number ? { tenantId, surveyId, number } : { tenantId, surveyId };
    const round = await this.dataSource.manager.findOne(SurveyRoundEntity, { where, order: { number: 'DESC' } });
    if (!round) throw new DomainError(SurveysProblems.roundNotFound, roundId ? `No round ${roundId} in survey ${surveyId}.` : 'This survey has no round yet.');
    const [segments, rollups] = await Promise.all([
      this.dataSource.query(
        `SELECT segment_key, unit_id, tenure_phase, stage, location, respondents FROM survey_segment_counts WHERE tenant_id = $1 AND round_id = $2`,
        [tenantId, round.id],
      ) as Promise<{ segment_key: string; unit_id: string | null; tenure_phase: string | null; stage: string | null; location: string | null; respondents: number }[]>,
      this.dataSource.query(
        `SELECT segment_key, question_id, answered, total, histogram FROM survey_rollups WHERE tenant_id = $1 AND round_id = $2`,
        [tenantId, round.id],
      ) as Promise<{ segment_key: string; question_id: string; answered: number; total: number; histogram: number[] }[]>,
    ]);
    const tallies = new Map<string, Map<string, Tally>>();
    for (const row of rollups) {
      const bySegment = tallies.get(row.segment_key) ?? new Map<string, Tally>();
      bySegment.set(row.question_id, { answered: row.answered, total: row.total, histogram: row.histogram });
      tallies.set(row.segment_key, bySegment);
    }
    const cells = segments.map((s) => ({
      segmentKey: s.segment_key,
      unitId: s.unit_id,
      tenurePhase: s.tenure_phase,
      stage: s.stage,
      location: s.location,
      count: s.respondents,
    }));
    return { round, cells, tallies };
  }

  private async driverNames(tenantId: string): Promise<Map<string, string>> {
    const rows: { key: string; name: string }[] = await this.dataSource.query(`SELECT key, name FROM survey_drivers WHERE tenant_id = $1`, [tenantId]);
    return new Map(rows.map((row) => [row.key, row.name]));
  }
}

/** The groups of a heatmap: one filter per value of the grouping among the parent's respondents. */
function groupFilters(
  groupBy: NonNullable<ResultsQueryDto['groupBy']>,
  filter: SegmentFilter,
  cells: readonly SegmentCell[],
  parents: UnitParents,
  unitNames: ReadonlyMap<string, string>,
): { key: string; label: string; filter: SegmentFilter }[] {
  if (groupBy === 'unit') {
    // Children of the filtered unit (or the roots), each with its sub-units.
    const children = [...parents].filter(([, parent]) => parent === (filter.unitId ?? null)).map(([id]) => id);
    return children
      .filter((child) => cells.some((cell) => cell.unitId && isWithin(cell.unitId, child, parents)))
      .map((child) => ({ key: child, label: unitNames.get(child) ?? child, filter: { ...filter, unitId: child } }));
  }
  const field = groupBy === 'tenure_phase' ? 'tenurePhase' : groupBy;
  const values = [...new Set(cells.map((cell) => cell[field]).filter((v): v is string => v !== null))].sort();
  return values.map((value) => ({ key: value, label: value, filter: { ...filter, [field]: value } }));
}

/**
 * Where to act first: drivers that score low and move eNPS across units. For each driver, Pearson's
 * r between the visible sub-units' driver means and their eNPS (at least three units, each shown
 * in the unit heatmap); priority = (5 − mean) × max(r, 0), so a driver needs both room to improve
 * and a positive link with eNPS to rank high. Drivers with no r follow, lowest mean first.
 */
function priorities(drivers: readonly DriverResultDto[], byUnit: HeatmapDto): PriorityDto[] {
  const shown = byUnit.groups.filter((group) => !group.suppressed && group.enps);
  return drivers
    .filter((driver) => driver.mean !== undefined)
    .map((driver) => {
      const pairs = shown.filter((group) => group.drivers?.[driver.key] != null);
      const r = pearson(
        pairs.map((group) => group.drivers![driver.key]!),
        pairs.map((group) => group.enps!.score),
      );
      const correlation = r === null ? null : Math.round(r * 1000) / 1000;
      const priority = correlation === null ? null : Math.round((5 - driver.mean!) * Math.max(correlation, 0) * 1000) / 1000;
      return { key: driver.key, name: driver.name, mean: driver.mean!, correlation, units: pairs.length, priority };
    })
    .sort((a, b) => (b.priority ?? -1) - (a.priority ?? -1) || a.mean - b.mean);
}

function driverKeys(questions: readonly AskedQuestion[], only?: string): string[] {
  return questions.filter((q) => q.type === 'likert5' && q.driverKey && (!only || q.driverKey === only)).map((q) => q.driverKey!);
}

function questionsOf(questions: readonly AskedQuestion[], type: AskedQuestion['type'], driverKey?: string): Set<string> {
  return new Set(questions.filter((q) => q.type === type && (driverKey === undefined || q.driverKey === driverKey)).map((q) => q.id));
}

/** The tallies of some questions over the segments matching a filter, added up. */
function tallyOf(data: RoundData, filter: SegmentFilter, parents: UnitParents, questionIds: Set<string>): Tally {
  const parts: Tally[] = [];
  for (const cell of data.cells) {
    if (!matches(cell, filter, parents)) continue;
    for (const [questionId, tally] of data.tallies.get(cell.segmentKey) ?? []) if (questionIds.has(questionId)) parts.push(tally);
  }
  return sumTallies(parts);
}
