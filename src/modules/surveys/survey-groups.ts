import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SegmentCell, UnitParents } from '#src/analytics/anonymity-guard.js';
import type { Principal } from '#src/common/auth/principal.js';
import { DomainError } from '#src/common/errors/domain-error.js';
import { validationFailed } from '#src/common/http/validation.js';
import { SurveyRoundEntity } from './entities/survey-round.entity.js';
import { ancestorsOrSelf, isWithin } from '#src/modules/units/domain/unit-tree.js';
import { readUnitTree, type UnitTree } from '#src/modules/units/unit-tree.js';
import { SurveysProblems } from './surveys.errors.js';

/** A round closed this long ago has settled: no submission can still change it. */
export const SETTLED_AFTER_MS = 2 * 3_600_000;
/** How many settled rounds' cells one instance keeps (a few thousand small objects each). */
export const SETTLED_ROUNDS_KEPT = 64;

/** Respondents of one segment of a round, with the key rollups are grouped by. */
export interface RoundCell extends SegmentCell {
  readonly segmentKey: string;
}

/**
 * The groups survey data is read by, shared by results, comments and actions: the round read, the
 * tenant's unit tree, the respondents per segment of a round, and a caller's reach (hr_admin:
 * everything; a manager: the units they manage, with sub-units; an employee, for actions only:
 * their own unit and the units above it).
 */
@Injectable()
export class SurveyGroups {
  private readonly settledCells = new Map<string, RoundCell[]>();

  constructor(private readonly dataSource: DataSource) {}

  units(tenantId: string): Promise<UnitTree> {
    return readUnitTree(this.dataSource, tenantId);
  }

  /** The round a reading is about: the one given by id or number, else the latest. */
  async round(tenantId: string, surveyId: string, which: { roundId?: string; number?: number } = {}): Promise<SurveyRoundEntity> {
    const { roundId, number } = which;
    const where = roundId ? { tenantId, surveyId, id: roundId } : number ? { tenantId, surveyId, number } : { tenantId, surveyId };
    const round = await this.dataSource.manager.findOne(SurveyRoundEntity, { where, order: { number: 'DESC' } });
    if (!round) throw new DomainError(SurveysProblems.roundNotFound, roundId ? `No round ${roundId} in survey ${surveyId}.` : 'This survey has no round yet.');
    return round;
  }

  /** Respondents per segment of a round (from the rollups: no answer is read). */
  async cells(tenantId: string, roundId: string, closedAt: Date | null = null): Promise<RoundCell[]> {
    // A round closed for a while no longer changes (the sweeper finishes stray submissions within
    // the hour), so its cells are kept: every results reading needs them, often for two rounds.
    const settled = closedAt !== null && Date.now() - closedAt.getTime() > SETTLED_AFTER_MS;
    const cached = settled ? this.settledCells.get(`${tenantId}:${roundId}`) : undefined;
    if (cached) return cached;
    const rows: (SnapshotRow & { segment_key: string; respondents: number })[] = await this.dataSource.query(
      `SELECT segment_key, unit_id, tenure_phase, stage, location, employment_type, referral_hire, respondents
       FROM survey_segment_counts WHERE tenant_id = $1 AND round_id = $2`,
      [tenantId, roundId],
    );
    const cells = rows.map((s) => ({ segmentKey: s.segment_key, ...snapshotCell(s), count: s.respondents }));
    if (settled) this.remember(`${tenantId}:${roundId}`, cells);
    return cells;
  }

  /** Least recently used first out, past {@link SETTLED_ROUNDS_KEPT} rounds. */
  private remember(key: string, cells: RoundCell[]): void {
    this.settledCells.delete(key);
    this.settledCells.set(key, cells);
    if (this.settledCells.size > SETTLED_ROUNDS_KEPT) this.settledCells.delete(this.settledCells.keys().next().value!);
  }

  /**
   * The top units of a caller's reporting line: null for hr_admin (everything), else the units a
   * manager manages that are not inside another one they manage. A manager who manages nothing is
   * `surveys.out_of_scope`.
   */
  async reportingLine(principal: Principal, parents: UnitParents): Promise<string[] | null> {
    if (principal.role === 'hr_admin') return null;
    const roots = await this.managedRoots(principal, parents);
    if (roots.length === 0) throw new DomainError(SurveysProblems.outOfScope, 'You manage no unit, so there is nothing of this survey for you to read.');
    return roots;
  }

  /** The top units a manager manages (none for anyone else, or for a manager linked to no employee). */
  async managedRoots(principal: Principal, parents: UnitParents): Promise<string[]> {
    if (principal.role !== 'manager' || !principal.userId) return [];
    const managed: { id: string }[] = await this.dataSource.query(
      `SELECT u.id FROM units u JOIN users us ON us.tenant_id = u.tenant_id AND us.employee_id = u.manager_id
       WHERE u.tenant_id = $1 AND us.id = $2 AND u.archived_at IS NULL`,
      [principal.tenantId, principal.userId],
    );
    const ids = managed.map((m) => m.id);
    return ids.filter((id) => !ids.some((other) => other !== id && isWithin(id, other, parents)));
  }

  /** The unit of the employee a user is, or null. */
  async ownUnit(principal: Principal): Promise<string | null> {
    if (!principal.userId) return null;
    const rows: { unit_id: string | null }[] = await this.dataSource.query(
      `SELECT e.unit_id FROM users us JOIN employees e ON e.tenant_id = us.tenant_id AND e.id = us.employee_id
       WHERE us.tenant_id = $1 AND us.id = $2`,
      [principal.tenantId, principal.userId],
    );
    return rows[0]?.unit_id ?? null;
  }

  /** The unit a caller may read: hr_admin any; a manager only units in their reporting line, by default its top. */
  async scopedUnit(principal: Principal, parents: UnitParents, unitId: string | undefined): Promise<string | undefined> {
    if (unitId && !parents.has(unitId)) throw validationFailed([{ field: 'unitId', message: 'does not match a unit' }]);
    const roots = await this.reportingLine(principal, parents);
    if (roots === null) return unitId;
    if (!unitId) {
      if (roots.length === 1) return roots[0];
      throw validationFailed([{ field: 'unitId', message: `is required: you manage ${roots.length} units; pick one` }]);
    }
    if (!roots.some((root) => isWithin(unitId, root, parents))) {
      throw new DomainError(SurveysProblems.outOfScope, 'This unit is outside your reporting line.');
    }
    return unitId;
  }
}

/** The segment snapshot columns of `survey_segment_counts` (and `survey_responses`), as read. */
export interface SnapshotRow {
  unit_id: string | null;
  tenure_phase: string | null;
  stage: string | null;
  location: string | null;
  employment_type: string | null;
  referral_hire: boolean | null;
}

/** A snapshot row in the anonymity guard's terms (referral hire as `yes` or `no`). */
export function snapshotCell(row: SnapshotRow): Omit<SegmentCell, 'count'> {
  return {
    unitId: row.unit_id,
    tenurePhase: row.tenure_phase,
    stage: row.stage,
    location: row.location,
    employmentType: row.employment_type,
    referralHire: row.referral_hire === null ? null : row.referral_hire ? 'yes' : 'no',
  };
}

export { ancestorsOrSelf, isWithin, type UnitTree };
