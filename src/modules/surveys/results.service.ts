import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { countMatching, matches, suppressInPartition, visibility, type SegmentCell, type SegmentFilter, type UnitParents } from '#src/analytics/anonymity-guard.js';
import { pearson } from '#src/analytics/correlation.js';
import { enps, likert, sumTallies, toHundred, type Tally } from '#src/analytics/survey-scores.js';
import type { Principal } from '#src/common/auth/principal.js';
import { toCsv } from '#src/common/http/csv.js';
import { validationFailed } from '#src/common/http/validation.js';
import { AuditLogRepository } from '#src/modules/audit/audit-log.repository.js';
import { exportAudit } from '#src/modules/audit/domain/audit.js';
import { toAppliedSegment } from '#src/modules/segments/dto/segment.dto.js';
import { SegmentsService } from '#src/modules/segments/segments.service.js';
import { TenantsService } from '#src/modules/tenancy/tenants.service.js';
import { ENGAGEMENT_DRIVER } from './domain/default-bank.js';
import type { AskedQuestion } from './domain/questions.js';
import type { DriverResultDto, HeatmapDto, HeatmapGroupDto, ParticipationDto, PriorityDto, ResultsDto, ResultsQueryDto, SuppressedDto, TrendDto, TrendQueryDto } from './dto/results.dto.js';
import { SurveyRoundEntity } from './entities/survey-round.entity.js';
import { SETTLED_AFTER_MS, SETTLED_ROUNDS_KEPT, SurveyGroups, isWithin, type RoundCell, type UnitTree } from './survey-groups.js';
import { SurveysService } from './surveys.service.js';

/** A round and its respondents per segment: all the anonymity guard needs. */
interface RoundData {
  readonly round: SurveyRoundEntity;
  readonly cells: RoundCell[];
}

/** Per group of respondents, per question: the rollups added up (by PostgreSQL). */
type Tallies = ReadonlyMap<string, ReadonlyMap<string, Tally>>;

/** A heatmap's groups, decided before any score is read: which are shown, and whose segments they hold. */
interface HeatmapPlan {
  readonly groupBy: NonNullable<ResultsQueryDto['groupBy']>;
  readonly groups: { key: string; label: string; filter: SegmentFilter; count: number; hidden: SuppressedDto | null }[];
}

/** The largest value a scored answer has (eNPS 0–10; likert 1–5). Results read only scored questions. */
const MAX_VALUE = 10;
/** The group key of the whole filtered group in a tallies query. */
const ALL = '';

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
    private readonly groups: SurveyGroups,
    private readonly audit: AuditLogRepository,
    private readonly segments: SegmentsService,
  ) {}

  /** Tallies per unit of settled rounds, least recently used first. */
  private readonly settledUnitTallies = new Map<string, ReadonlyMap<string, ReadonlyMap<string, Tally>>>();

  /** Results as the caller may read them: a manager's default and only units are their reporting line. */
  async results(principal: Principal, surveyId: string, query: ResultsQueryDto): Promise<ResultsDto> {
    const tree = await this.groups.units(principal.tenantId);
    const unitId = await this.groups.scopedUnit(principal, tree.parents, query.unitId);
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
    await this.audit.recordExport(principal.tenantId, principal, exportAudit('survey', surveyId, { export: 'results', format: 'csv', query }));
    return toCsv(rows);
  }

  /** One result per round (oldest first) over a range of at most 24 rounds, each behind the guard. */
  async trend(principal: Principal, surveyId: string, query: TrendQueryDto): Promise<TrendDto> {
    const tree = await this.groups.units(principal.tenantId);
    const unitId = await this.groups.scopedUnit(principal, tree.parents, query.unitId);
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
    const [{ settings }, { parents, names: unitNames }, current, drivers, segment] = await Promise.all([
      this.tenants.get(tenantId),
      tree ?? this.groups.units(tenantId),
      this.load(tenantId, surveyId, query.roundId),
      this.driverNames(tenantId),
      this.segments.forReport(tenantId, query.segmentId),
    ]);
    // The survey's locked threshold, or the organisation's if that has since risen.
    const k = Math.max(survey.anonymityThreshold, settings.anonymityThreshold);
    if (query.unitId && !parents.has(query.unitId)) throw validationFailed([{ field: 'unitId', message: 'does not match a unit' }]);
    const unitId = query.unitId;
    const filter: SegmentFilter = { unitId, tenurePhase: query.tenurePhase, stage: query.stage, location: query.location, ...(segment ? { segment: segment.sets } : {}) };

    const base = {
      surveyId,
      roundId: current.round.id,
      roundNumber: current.round.number,
      openedAt: current.round.openedAt.toISOString(),
      anonymityThreshold: k,
      filters: { unitId, segmentId: segment?.id, tenurePhase: query.tenurePhase, stage: query.stage, location: query.location, driver: query.driver },
      ...(segment ? { segment: toAppliedSegment(segment) } : {}),
    };
    // Started now, awaited with the other reads below.
    const participationRead = this.participation(tenantId, current.round.id, filter, parents, k);

    const shown = visibility(current.cells, filter, parents, k);
    if (!shown.shown) {
      const hidden = suppressed(shown.reason);
      return {
        ...base,
        participation: await participationRead,
        respondents: hidden,
        enps: hidden,
        engagement: hidden,
        drivers: [...new Set(driverKeys(current.round.questions, query.driver))].map((key) => ({ key, name: drivers.get(key) ?? key, ...hidden })),
        priorities: [],
      };
    }

    // Decide every group first, then read all their scores in one pass over the round's rollups.
    const byUnit = planHeatmap(current.cells, filter, parents, k, 'unit', shown.count, unitNames);
    const heatmap = !query.groupBy ? null : query.groupBy === 'unit' ? byUnit : planHeatmap(current.cells, filter, parents, k, query.groupBy, shown.count, unitNames);
    const inGroup = current.cells.filter((cell) => matches(cell, filter, parents));
    const partitions = [byUnit, ...(heatmap && heatmap !== byUnit ? [heatmap] : [])].map((plan) => partitionOf(inGroup, plan, parents));
    const questions = current.round.questions;
    // Independent reads, side by side: the pool has room, and a reading waits for the slowest only.
    const [tallies, before, participation] = await Promise.all([
      this.tallies(tenantId, current, partitions, scoredQuestions(questions)),
      this.previousTallies(tenantId, surveyId, current.round.number, filter, parents, k),
      participationRead,
    ]);
    const byDriver = driverResults(questions, tallies.get(ALL), k, drivers, before, query.driver);
    const nps = enps(sumOf(tallies.get(ALL), questionsOf(questions, 'enps')));
    const engagement = (query.driver ? driverResults(questions, tallies.get(ALL), k, drivers, null, ENGAGEMENT_DRIVER) : byDriver).find(
      (d) => d.key === ENGAGEMENT_DRIVER,
    );
    return {
      ...base,
      participation,
      respondents: shown.count,
      enps: nps === null ? null : nps.respondents >= k ? nps : suppressed('below_threshold'),
      engagement: !engagement ? null : engagement.mean !== undefined ? { index: toHundred(engagement.mean), mean: engagement.mean } : suppressed('below_threshold'),
      drivers: byDriver,
      priorities: priorities(byDriver, heatmapOf(byUnit, tallies, questions, k)),
      ...(heatmap ? { heatmap: heatmapOf(heatmap, tallies, questions, k, query.driver) } : {}),
    };
  }

  /** The previous round's tallies for the same group, when that round exists and shows the group. */
  private async previousTallies(
    tenantId: string,
    surveyId: string,
    number: number,
    filter: SegmentFilter,
    parents: UnitParents,
    k: number,
  ): Promise<{ questions: AskedQuestion[]; tallies: ReadonlyMap<string, Tally> | undefined } | null> {
    if (number <= 1) return null;
    const previous = await this.load(tenantId, surveyId, undefined, number - 1).catch(() => null);
    if (!previous || !visibility(previous.cells, filter, parents, k).shown) return null;
    const whole = new Map(previous.cells.filter((cell) => matches(cell, filter, parents)).map((cell) => [cell.segmentKey, ALL]));
    const tallies = await this.tallies(tenantId, previous, [whole], scoredQuestions(previous.round.questions));
    return { questions: previous.round.questions, tallies: tallies.get(ALL) };
  }

  /**
   * Adds up the round's rollups per group and question in one pass. Each partition maps every
   * segment of the filtered group to exactly one group key (so the first partition's groups add up
   * to the whole, kept under {@link ALL}); GROUPING SETS sums each partition from the same rows.
   * Only rollup rows of those segments and questions are read.
   */
  private async tallies(tenantId: string, data: RoundData, partitions: readonly ReadonlyMap<string, string>[], questionIds: string[]): Promise<Tallies> {
    const byUnit = unitPartitions(data.cells, partitions);
    if (byUnit && isSettled(data.round)) return this.talliesFromUnits(tenantId, data.round.id, byUnit, questionIds);
    const roundId = data.round.id;
    const segments = [...partitions[0]!.keys()];
    const columns = partitions.map((_, i) => `p${i}`);
    const histogram = Array.from({ length: MAX_VALUE + 1 }, (_, v) => `sum(coalesce(r.histogram[${v + 1}], 0))`).join(', ');
    const rows: { group_key: string; question_id: string; answered: number; total: number; histogram: number[] }[] = await this.dataSource.query(
      `SELECT ${columns.length === 1 ? 'g.p0' : `coalesce(${columns.map((c) => `CASE WHEN GROUPING(g.${c}) = 0 THEN g.${c} END`).join(', ')})`} AS group_key,
              r.question_id, sum(r.answered)::int AS answered, sum(r.total)::int AS total, ARRAY[${histogram}]::int[] AS histogram
       FROM unnest($3::text[], ${columns.map((_, i) => `$${i + 5}::text[]`).join(', ')}) AS g(segment_key, ${columns.join(', ')})
       JOIN survey_rollups r ON r.tenant_id = $1 AND r.round_id = $2 AND r.segment_key = g.segment_key
       WHERE r.question_id = ANY($4::uuid[])
       GROUP BY ${columns.length === 1 ? 'g.p0, r.question_id' : `GROUPING SETS (${columns.map((c) => `(g.${c}, r.question_id)`).join(', ')})`}`,
      [tenantId, roundId, segments, questionIds, ...partitions.map((partition) => segments.map((segment) => partition.get(segment) ?? ''))],
    );
    const result = new Map<string, Map<string, Tally>>();
    const whole = new Map<string, Tally[]>();
    const firstPartition = new Set(partitions[0]!.values());
    for (const row of rows) {
      const byQuestion = result.get(row.group_key) ?? new Map<string, Tally>();
      const tally = { answered: row.answered, total: row.total, histogram: row.histogram };
      byQuestion.set(row.question_id, tally);
      result.set(row.group_key, byQuestion);
      if (firstPartition.has(row.group_key) && row.group_key !== ALL) whole.set(row.question_id, [...(whole.get(row.question_id) ?? []), tally]);
    }
    if (!result.has(ALL)) result.set(ALL, new Map([...whole].map(([questionId, parts]) => [questionId, sumTallies(parts)])));
    return result;
  }

  /**
   * {@link tallies} for a settled round whose groups are whole units: added up in memory from the
   * round's tallies per unit (a few thousand rows, read once and kept), instead of a pass over
   * every segment's rollups. A settled round never changes, so the kept tallies stay true.
   */
  private async talliesFromUnits(
    tenantId: string,
    roundId: string,
    partitions: readonly ReadonlyMap<string, string>[],
    questionIds: string[],
  ): Promise<Tallies> {
    const perUnit = await this.unitTallies(tenantId, roundId);
    const wanted = new Set(questionIds);
    const parts = new Map<string, Map<string, Tally[]>>();
    const add = (group: string, questionId: string, tally: Tally) => {
      const byQuestion = parts.get(group) ?? new Map<string, Tally[]>();
      byQuestion.set(questionId, [...(byQuestion.get(questionId) ?? []), tally]);
      parts.set(group, byQuestion);
    };
    for (const [index, partition] of partitions.entries()) {
      for (const [unit, group] of partition) {
        for (const [questionId, tally] of perUnit.get(unit) ?? []) {
          if (!wanted.has(questionId)) continue;
          add(group, questionId, tally);
          if (index === 0 && group !== ALL) add(ALL, questionId, tally);
        }
      }
    }
    return new Map([...parts].map(([group, byQuestion]) => [group, new Map([...byQuestion].map(([q, list]) => [q, sumTallies(list)]))]));
  }

  /** A settled round's tallies per unit and question (unit '' for respondents with none); kept for {@link SETTLED_ROUNDS_KEPT} rounds. */
  private async unitTallies(tenantId: string, roundId: string): Promise<ReadonlyMap<string, ReadonlyMap<string, Tally>>> {
    const key = `${tenantId}:${roundId}`;
    const kept = this.settledUnitTallies.get(key);
    if (kept) return kept;
    const histogram = Array.from({ length: MAX_VALUE + 1 }, (_, v) => `sum(coalesce(r.histogram[${v + 1}], 0))`).join(', ');
    const rows: { unit: string; question_id: string; answered: number; total: number; histogram: number[] }[] = await this.dataSource.query(
      `SELECT coalesce(s.unit_id::text, '') AS unit, r.question_id, sum(r.answered)::int AS answered, sum(r.total)::int AS total,
              ARRAY[${histogram}]::int[] AS histogram
       FROM survey_rollups r
       JOIN survey_segment_counts s ON s.tenant_id = r.tenant_id AND s.round_id = r.round_id AND s.segment_key = r.segment_key
       WHERE r.tenant_id = $1 AND r.round_id = $2
       GROUP BY 1, 2`,
      [tenantId, roundId],
    );
    const perUnit = new Map<string, Map<string, Tally>>();
    for (const row of rows) {
      const byQuestion = perUnit.get(row.unit) ?? new Map<string, Tally>();
      byQuestion.set(row.question_id, { answered: row.answered, total: row.total, histogram: row.histogram });
      perUnit.set(row.unit, byQuestion);
    }
    this.settledUnitTallies.delete(key);
    this.settledUnitTallies.set(key, perUnit);
    if (this.settledUnitTallies.size > SETTLED_ROUNDS_KEPT) this.settledUnitTallies.delete(this.settledUnitTallies.keys().next().value!);
    return perUnit;
  }

  /** Invited and responded for the unit filter, shown from k invitees on; null when other filters or a segment apply (invitations keep only the unit). */
  private async participation(tenantId: string, roundId: string, filter: SegmentFilter, parents: UnitParents, k: number): Promise<ParticipationDto | SuppressedDto | null> {
    if (filter.tenurePhase || filter.stage || filter.location || filter.segment) return null;
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

  private async load(tenantId: string, surveyId: string, roundId?: string, number?: number): Promise<RoundData> {
    const round = await this.groups.round(tenantId, surveyId, { roundId, number });
    return { round, cells: await this.groups.cells(tenantId, round.id, round.closedAt) };
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

/** The questions results score: likert and eNPS (choice and text questions have no mean). */
function scoredQuestions(questions: readonly AskedQuestion[]): string[] {
  return questions.filter((q) => q.type === 'likert5' || q.type === 'enps').map((q) => q.id);
}

/**
 * The partitions restated per unit (unit id, '' for none → group), when every group is made of
 * whole units: each unit's segments are all in the filtered group or all out of it, and in one
 * group of each partition. Null when a filter or grouping cuts through a unit (tenure phase,
 * stage, location), which needs the segments themselves.
 */
function unitPartitions(cells: readonly RoundCell[], partitions: readonly ReadonlyMap<string, string>[]): Map<string, string>[] | null {
  const restated = partitions.map(() => new Map<string, string>());
  const inFilter = new Map<string, boolean>();
  for (const cell of cells) {
    const unit = cell.unitId ?? '';
    const included = partitions[0]!.has(cell.segmentKey);
    if ((inFilter.get(unit) ?? included) !== included) return null;
    inFilter.set(unit, included);
    if (!included) continue;
    for (const [index, partition] of partitions.entries()) {
      const group = partition.get(cell.segmentKey)!;
      if ((restated[index]!.get(unit) ?? group) !== group) return null;
      restated[index]!.set(unit, group);
    }
  }
  return restated;
}

/** Closed long enough ago that no submission can still change it (see SurveyGroups). */
function isSettled(round: SurveyRoundEntity): boolean {
  return round.closedAt !== null && Date.now() - round.closedAt.getTime() > SETTLED_AFTER_MS;
}

/**
 * Each segment of the filtered group mapped to its group in a heatmap plan (`groupBy:key`), or to
 * `groupBy:` when no group of the plan holds it (a unit's own members, unknown values). The plan's
 * groups never overlap, so every segment has exactly one.
 */
function partitionOf(cells: readonly RoundCell[], plan: HeatmapPlan, parents: UnitParents): Map<string, string> {
  return new Map(
    cells.map((cell) => {
      const group = plan.groups.find((candidate) => matches(cell, candidate.filter, parents));
      return [cell.segmentKey, `${plan.groupBy}:${group?.key ?? ''}`];
    }),
  );
}

/** Some questions' tallies of one group, added up. */
function sumOf(byQuestion: ReadonlyMap<string, Tally> | undefined, questionIds: ReadonlySet<string>): Tally {
  return sumTallies([...(byQuestion ?? [])].filter(([questionId]) => questionIds.has(questionId)).map(([, tally]) => tally));
}

/** Per driver: mean, favourable share and change since the previous round, each needing k answers. */
function driverResults(
  questions: readonly AskedQuestion[],
  byQuestion: ReadonlyMap<string, Tally> | undefined,
  k: number,
  names: ReadonlyMap<string, string>,
  previous: { questions: AskedQuestion[]; tallies: ReadonlyMap<string, Tally> | undefined } | null,
  only?: string,
): DriverResultDto[] {
  return [...new Set(driverKeys(questions, only))].map((key) => {
    const name = names.get(key) ?? key;
    const summary = likert(sumOf(byQuestion, questionsOf(questions, 'likert5', key)));
    if (!summary || summary.answered < k) return { key, name, ...suppressed('below_threshold') };
    const before = previous ? likert(sumOf(previous.tallies, questionsOf(previous.questions, 'likert5', key))) : null;
    const change = before && before.answered >= k ? Math.round((summary.mean - before.mean) * 100) / 100 : null;
    return { key, name, mean: summary.mean, favourable: summary.favourable, answered: summary.answered, change };
  });
}

/**
 * Which groups of a heatmap are shown. Each group is the filter plus one value of the grouping;
 * people the groups do not cover (a unit's own members, unknown values) form one more group that
 * is never shown, so that the parent minus the visible groups is never 1 … k−1 people.
 */
function planHeatmap(
  cells: readonly RoundCell[],
  filter: SegmentFilter,
  parents: UnitParents,
  k: number,
  groupBy: HeatmapPlan['groupBy'],
  parentCount: number,
  unitNames: ReadonlyMap<string, string>,
): HeatmapPlan {
  const inParent = cells.filter((cell) => matches(cell, filter, parents));
  const candidates = groupFilters(groupBy, filter, inParent, parents, unitNames).map((group) => ({
    ...group,
    count: countMatching(inParent, group.filter, parents),
    visibility: visibility(cells, group.filter, parents, k),
  }));
  const covered = candidates.reduce((sum, group) => sum + group.count, 0);
  const hidden = suppressInPartition(
    parentCount,
    [
      ...candidates.map((group) => ({ key: group.key, count: group.count, showable: group.visibility.shown })),
      ...(parentCount > covered ? [{ key: '\u0000uncovered', count: parentCount - covered, showable: false }] : []),
    ],
    k,
  );
  return {
    groupBy,
    groups: candidates.map(({ visibility: seen, ...group }) => ({
      ...group,
      hidden: !hidden.has(group.key) ? null : suppressed(seen.shown ? 'differencing' : seen.reason),
    })),
  };
}

/** Drivers × the plan's groups, from the tallies read for its visible groups. */
function heatmapOf(plan: HeatmapPlan, tallies: Tallies, questions: readonly AskedQuestion[], k: number, only?: string): HeatmapDto {
  const keys = [...new Set(driverKeys(questions, only))];
  return {
    groupBy: plan.groupBy,
    groups: plan.groups.map((group): HeatmapGroupDto => {
      if (group.hidden) return { key: group.key, label: group.label, ...group.hidden };
      const byQuestion = tallies.get(`${plan.groupBy}:${group.key}`);
      const nps = enps(sumOf(byQuestion, questionsOf(questions, 'enps')));
      return {
        key: group.key,
        label: group.label,
        respondents: group.count,
        enps: nps && nps.respondents >= k ? nps : null,
        drivers: Object.fromEntries(
          keys.map((key) => {
            const summary = likert(sumOf(byQuestion, questionsOf(questions, 'likert5', key)));
            return [key, summary && summary.answered >= k ? summary.mean : null];
          }),
        ),
      };
    }),
  };
}
