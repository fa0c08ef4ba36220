import { createHmac } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '#src/common/auth/principal.js';
import { DomainError } from '#src/common/errors/domain-error.js';
import { isUniqueViolation } from '#src/common/errors/postgres-errors.js';
import { validationFailed } from '#src/common/http/validation.js';
import { DEFAULT_PAGE_SIZE, decodeCursor, toPage } from '#src/common/pagination/pagination.js';
import { InstanceSecrets } from '#src/common/secrets/instance-secrets.js';
import type { Stage } from '#src/modules/employees/domain/journey.js';
import { tenurePhase } from '#src/modules/employees/domain/tenure-phase.js';
import { tenantCalendar } from '#src/modules/tenancy/tenant-calendar.js';
import type { PainPointStatus } from './domain/touchpoints.js';
import { CommentsService } from '#src/modules/surveys/comments.service.js';
import type { PromoteCommentDto } from './dto/journey-map.dto.js';
import type { ListPainPointsQueryDto, MeTooDto, PainPointDto, PainPointEventDto, PainPointPageDto, ReportPainPointDto, UpdatePainPointDto } from './dto/journey-map.dto.js';
import { PainPointEntity, PainPointEventEntity } from './entities/pain-point.entity.js';
import { JourneyMapProblems } from './journey-map.errors.js';
import { JourneyMapService } from './journey-map.service.js';

const ME_TOO_SECRET = 'pain_point_me_too_secret';

/**
 * Pain points: reported named or anonymously (no person, only the day), weighed by "me too" once
 * per person, moved through their statuses with history. Anonymous reports are shown only where
 * their unit has at least k of them at the touchpoint.
 */
@Injectable()
export class PainPointsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly map: JourneyMapService,
    private readonly secrets: InstanceSecrets,
    private readonly comments: CommentsService,
  ) {}

  async report(principal: Principal, dto: ReportPainPointDto): Promise<PainPointDto> {
    const tenantId = principal.tenantId;
    const anonymous = dto.anonymous ?? false;
    if (anonymous && principal.role !== 'employee') {
      throw validationFailed([{ field: 'anonymous', message: 'is for employees; managers and HR report what they observe, named' }]);
    }
    const touchpoint = await this.map.require(tenantId, dto.touchpointId);
    if (touchpoint.retiredAt) throw new DomainError(JourneyMapProblems.touchpointRetired, 'This touchpoint is retired; report against the one that replaced it.');
    const { today, segment } = await this.reporter(principal);
    const inserted = await this.dataSource.transaction(async (manager) => {
      const result = await manager.insert(PainPointEntity, {
        ...newPainPoint(tenantId, dto.touchpointId, dto.description, dto.severity, today),
        source: anonymous ? 'anonymous' : principal.role === 'employee' ? 'employee' : 'observation',
        reporterUserId: anonymous ? null : principal.userId,
        reporterApiKeyId: anonymous ? null : principal.apiKeyId,
        ...segment,
      });
      const id = (result.identifiers[0] as { id: string }).id;
      // An anonymous report gets no first event: its exact time would sit beside it.
      if (!anonymous) await manager.insert(PainPointEventEntity, { tenantId, painPointId: id, fromStatus: null, toStatus: 'new', note: null, actorUserId: principal.userId });
      return id;
    });
    return toPainPointDto(await this.require(tenantId, inserted));
  }

  /**
   * Turns a survey comment into a pain point, keeping its anonymity: the comment's text and
   * segment, no person, the day of the promotion. Only a comment HR can read may be promoted:
   * through the comments view (its group passes the comment threshold) or a flagged one.
   */
  async promote(principal: Principal, dto: PromoteCommentDto): Promise<PainPointDto> {
    const tenantId = principal.tenantId;
    const comment = await this.comments.readableByHr(principal, dto.commentId);
    const touchpoint = await this.map.require(tenantId, dto.touchpointId);
    if (touchpoint.retiredAt) throw new DomainError(JourneyMapProblems.touchpointRetired, 'This touchpoint is retired.');
    const { today } = await tenantCalendar(this.dataSource, tenantId);
    const inserted = await this.dataSource.manager.insert(PainPointEntity, {
      ...newPainPoint(tenantId, dto.touchpointId, comment.text, dto.severity, today),
      source: 'survey_comment',
      reporterUserId: null,
      reporterApiKeyId: null,
      unitId: comment.unitId,
      tenurePhase: comment.tenurePhase,
      stage: comment.stage,
      location: comment.location,
    });
    return toPainPointDto(await this.require(tenantId, (inserted.identifiers[0] as { id: string }).id));
  }

  /** Every pain point for HR, except anonymous ones whose unit has fewer than k at the touchpoint. */
  async list(principal: Principal, query: ListPainPointsQueryDto): Promise<PainPointPageDto> {
    const tenantId = principal.tenantId;
    const [{ k }] = (await this.dataSource.query(`SELECT anonymity_threshold AS k FROM tenants WHERE id = $1`, [tenantId])) as [{ k: number }];
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    // Anonymous reports and promoted comments name nobody: shown only from k of them in their unit.
    const visible = `(p.source NOT IN ('anonymous', 'survey_comment') OR (
        SELECT count(*) FROM pain_points a
        WHERE a.tenant_id = p.tenant_id AND a.touchpoint_id = p.touchpoint_id AND a.source IN ('anonymous', 'survey_comment')
          AND a.unit_id IS NOT DISTINCT FROM p.unit_id
      ) >= :k)`;
    const q = this.dataSource.manager.createQueryBuilder(PainPointEntity, 'p').where('p.tenant_id = :tenantId', { tenantId, k });
    if (query.touchpointId) q.andWhere('p.touchpoint_id = :touchpointId', { touchpointId: query.touchpointId });
    if (query.status) q.andWhere('p.status = :status', { status: query.status });
    const suppressedAnonymous = await q.clone().andWhere(`NOT ${visible}`).getCount();
    q.andWhere(visible);
    if (query.cursor) q.andWhere('p.id > :after', { after: decodeCursor(query.cursor).id });
    const rows = await q.orderBy('p.id', 'ASC').limit(limit + 1).getMany();
    const page = toPage(rows, limit, (row) => ({ value: null, id: row.id }));
    return { items: page.items.map(toPainPointDto), nextCursor: page.nextCursor, suppressedAnonymous };
  }

  /** Moves a pain point's status (kept with its note), or links it to a survey action. */
  async update(principal: Principal, id: string, dto: UpdatePainPointDto): Promise<PainPointDto> {
    const tenantId = principal.tenantId;
    await this.dataSource.transaction(async (manager) => {
      const current = await manager.createQueryBuilder(PainPointEntity, 'p').setLock('pessimistic_write').where('p.tenant_id = :tenantId AND p.id = :id', { tenantId, id }).getOne();
      if (!current) throw notFound(id);
      const changes: Partial<Pick<PainPointEntity, 'actionId' | 'status' | 'resolutionNote' | 'resolvedOn'>> = {};
      if (dto.actionId) {
        const action: unknown[] = await manager.query(`SELECT 1 FROM survey_actions WHERE tenant_id = $1 AND id = $2`, [tenantId, dto.actionId]);
        if (action.length === 0) throw validationFailed([{ field: 'actionId', message: 'does not match a survey action' }]);
      }
      if (dto.actionId !== undefined) changes.actionId = dto.actionId;
      if (dto.status !== undefined && dto.status !== current.status) {
        const closing = dto.status === 'resolved' || dto.status === 'wont_fix';
        changes.status = dto.status;
        changes.resolutionNote = closing ? (dto.note ?? null) : current.resolutionNote;
        changes.resolvedOn = closing ? (await tenantCalendar(manager, tenantId)).today : null;
        await manager.insert(PainPointEventEntity, { tenantId, painPointId: id, fromStatus: current.status, toStatus: dto.status, note: dto.note ?? null, actorUserId: principal.userId });
      }
      if (Object.keys(changes).length > 0) await manager.update(PainPointEntity, { tenantId, id }, changes);
    });
    return toPainPointDto(await this.require(tenantId, id));
  }

  /** "Me too", once per person; the row that makes it once is an HMAC, not the person. */
  async meToo(principal: Principal, id: string): Promise<MeTooDto> {
    const tenantId = principal.tenantId;
    if (!principal.userId) throw validationFailed([{ field: 'principal', message: 'me too needs a signed-in person (an API key is nobody)' }]);
    await this.require(tenantId, id);
    const secret = await this.secrets.get(ME_TOO_SECRET);
    const voterHash = createHmac('sha256', secret).update(`${tenantId}:${id}:${principal.userId}`).digest('hex');
    try {
      await this.dataSource.transaction(async (manager) => {
        await manager.query(`INSERT INTO pain_point_me_toos (tenant_id, pain_point_id, voter_hash) VALUES ($1, $2, $3)`, [tenantId, id, voterHash]);
        await manager.query(`UPDATE pain_points SET me_too_count = me_too_count + 1 WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError(JourneyMapProblems.alreadyCounted, 'You already said "me too" to this pain point.');
      throw error;
    }
    return { meToos: (await this.require(tenantId, id)).meTooCount };
  }

  async history(principal: Principal, id: string): Promise<PainPointEventDto[]> {
    await this.require(principal.tenantId, id);
    const events = await this.dataSource.manager.find(PainPointEventEntity, { where: { tenantId: principal.tenantId, painPointId: id }, order: { createdAt: 'ASC', id: 'ASC' } });
    return events.map((e) => ({ id: e.id, fromStatus: e.fromStatus, toStatus: e.toStatus, note: e.note, actorUserId: e.actorUserId, createdAt: e.createdAt.toISOString() }));
  }

  private async require(tenantId: string, id: string): Promise<PainPointEntity> {
    const painPoint = await this.dataSource.manager.findOneBy(PainPointEntity, { tenantId, id });
    if (!painPoint) throw notFound(id);
    return painPoint;
  }

  /** The reporter's calendar and segment (from the employee their user is), nothing more. */
  private async reporter(principal: Principal): Promise<{ today: string; segment: Pick<PainPointEntity, 'unitId' | 'tenurePhase' | 'stage' | 'location'> }> {
    const { timezone, today } = await tenantCalendar(this.dataSource, principal.tenantId);
    const rows: { unit_id: string | null; stage: Stage; location: string | null; start_date: string | null }[] = principal.userId
      ? await this.dataSource.query(
          `SELECT e.unit_id, e.stage, e.location, to_char(e.start_date, 'YYYY-MM-DD') AS start_date
           FROM users u JOIN employees e ON e.tenant_id = u.tenant_id AND e.id = u.employee_id WHERE u.tenant_id = $1 AND u.id = $2`,
          [principal.tenantId, principal.userId],
        )
      : [];
    const employee = rows[0];
    return {
      today,
      segment: employee
        ? { unitId: employee.unit_id, stage: employee.stage, location: employee.location, tenurePhase: tenurePhase(employee.stage, employee.start_date, today) }
        : { unitId: null, stage: null, location: null, tenurePhase: null },
    };
  }

}

/** What every new pain point starts with; the caller adds its source, reporter and segment. */
function newPainPoint(tenantId: string, touchpointId: string, description: string, severity: number, reportedOn: string) {
  return { tenantId, touchpointId, description, severity, status: 'new' as const, resolutionNote: null, actionId: null, meTooCount: 0, reportedOn, resolvedOn: null };
}

function notFound(id: string): DomainError {
  return new DomainError(JourneyMapProblems.painPointNotFound, `No pain point ${id}.`);
}

function toPainPointDto(p: PainPointEntity): PainPointDto {
  return {
    id: p.id,
    touchpointId: p.touchpointId,
    description: p.description,
    severity: p.severity,
    source: p.source,
    reporterUserId: p.reporterUserId,
    unitId: p.unitId,
    tenurePhase: p.tenurePhase,
    stage: p.stage,
    location: p.location,
    status: p.status as PainPointStatus,
    resolutionNote: p.resolutionNote,
    actionId: p.actionId,
    meToos: p.meTooCount,
    reportedOn: p.reportedOn,
  };
}
