import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { countMatching, matches, suppressInPartition, visibility, type SegmentCell, type SegmentFilter, type UnitParents } from '#src/analytics/anonymity-guard.js';
import { enps, likert, sumTallies, toHundred, type Tally } from '#src/analytics/survey-scores.js';
import type { Principal } from '#src/common/auth/principal.js';
import { TenantsService } from '#src/modules/tenancy/tenants.service.js';
import { ENGAGEMENT_DRIVER } from './domain/default-bank.js';
import type { AskedQuestion } from './domain/questions.js';
import type { DriverResultDto, HeatmapDto, HeatmapGroupDto, ParticipationDto, ResultsDto, ResultsQueryDto, SuppressedDto } from './dto/results.dto.js';
import { SurveyRoundEntity } from './entities/survey-round.entity.js';
import { isWithin, SurveyGroups, type RoundCell } from './survey-groups.js';
import { SurveysService } from './surveys.service.js';

/** A round's rollups, loaded once per request: respondents per segment and tallies per segment × question. */
interface RoundData {
  readonly round: SurveyRoundEntity;
  readonly cells: RoundCell[];
  readonly tallies: Map<string, Map<string, Tally>>; // segment key → question id → tally
}

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
  ) {}

  async results(principal: Principal, surveyId: string, query: ResultsQueryDto): Promise<ResultsDto> {
    const tenantId = principal.tenantId;
    const survey = await this.surveys.require(tenantId, surveyId);
    const { settings } = await this.tenants.get(tenantId);
    // The survey's locked threshold, or the organisation's if that has since risen.
    const k = Math.max(survey.anonymityThreshold, settings.anonymityThreshold);
    const { parents, names: unitNames } = await this.groups.units(tenantId);
    const unitId = await this.groups.scopedUnit(principal, parents, query.unitId);
    const filter: SegmentFilter = { unitId, tenurePhase: query.tenurePhase, stage: query.stage, location: query.location };

    const current = await this.load(tenantId, surveyId, query.roundId);
    const previous = current.round.number > 1 ? await this.load(tenantId, surveyId, undefined, current.round.number - 1).catch(() => null) : null;
    const drivers = await this.driverNames(tenantId);
    const base = {
      surveyId,
      roundId: current.round.id,
      roundNumber: current.round.number,
      anonymityThreshold: k,
      filters: { unitId, tenurePhase: query.tenurePhase, stage: query.stage, location: query.location },
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
        drivers: [...new Set(driverKeys(current.round.questions))].map((key) => ({ key, name: drivers.get(key) ?? key, ...hidden })),
      };
    }
    const previousShown = previous && visibility(previous.cells, filter, parents, k).shown ? previous : null;
    const byDriver = this.driverResults(current, filter, parents, k, drivers, previousShown);
    const nps = enps(tallyOf(current, filter, parents, questionsOf(current.round.questions, 'enps')));
    const engagement = byDriver.find((d) => d.key === ENGAGEMENT_DRIVER);
    return {
      ...base,
      respondents: shown.count,
      enps: nps === null ? null : nps.respondents >= k ? nps : suppressed('below_threshold'),
      engagement: !engagement ? null : engagement.mean !== undefined ? { index: toHundred(engagement.mean), mean: engagement.mean } : suppressed('below_threshold'),
      drivers: byDriver,
      ...(query.groupBy ? { heatmap: this.heatmap(current, filter, parents, k, query.groupBy, shown.count, unitNames) } : {}),
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
  ): DriverResultDto[] {
    return [...new Set(driverKeys(data.round.questions))].map((key) => {
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
    unitNames: Map<string, string>,
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
    const keys = [...new Set(driverKeys(data.round.questions))];
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

  private async load(tenantId: string, surveyId: string, roundId?: string, number?: number): Promise<RoundData> {
    const round = await this.groups.round(tenantId, surveyId, { roundId, number });
    const [cells, rollups] = await Promise.all([
      this.groups.cells(tenantId, round.id),
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
  unitNames: Map<string, string>,
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

function driverKeys(questions: readonly AskedQuestion[]): string[] {
  return questions.filter((q) => q.type === 'likert5' && q.driverKey).map((q) => q.driverKey!);
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
