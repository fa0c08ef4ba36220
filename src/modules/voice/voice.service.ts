import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { Principal } from '#src/common/auth/principal.js';
import { DomainError } from '#src/common/errors/domain-error.js';
import { validationFailed } from '#src/common/http/validation.js';
import { DEFAULT_PAGE_SIZE, decodeCursor, toPage } from '#src/common/pagination/pagination.js';
import { localDate } from '#src/modules/employees/domain/tenure-phase.js';
import { DomainEventsRepository } from '#src/modules/events/domain-events.repository.js';
import { tenantCalendar } from '#src/modules/tenancy/tenant-calendar.js';
import { employeeOfUser } from '#src/modules/users/user-employee.js';
import { asSystem, inTenant } from '#src/common/tenancy/tenant-scope.js';
import type { ListVoiceQueryDto, SendVoiceDto, SentVoiceDto, VoiceDto, VoiceListDto, VoiceReplyDto } from './dto/voice.dto.js';
import { VoiceMessageEntity, VoiceReplyEntity, type VoiceStatus } from './entities/voice.entity.js';
import { VoiceProblems } from './voice.errors.js';

export const VOICE_RECEIVED_EVENT = 'voice.received';

/**
 * Always-on voice: anyone sends a suggestion, concern or praise about a unit, a driver or a
 * touchpoint, named or anonymous. It goes to the unit's manager (or HR) and is answered in a
 * conversation; an anonymous sender reads and answers with the key they were shown once.
 * Anonymous voices follow the comment threshold: none is shown until its sender's unit has sent at
 * least k. Design: docs/voice.md.
 */
@Injectable()
export class VoiceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: DomainEventsRepository,
  ) {}

  async send(principal: Principal, dto: SendVoiceDto): Promise<SentVoiceDto> {
    const { tenantId } = principal;
    if (!dto.unitId && !dto.driverKey && !dto.touchpointId) throw validationFailed([{ field: 'unitId', message: 'say what it is about: a unitId, a driverKey or a touchpointId' }]);
    const [checks, sender, tenant] = (await Promise.all([
      this.dataSource.query(
        `SELECT (SELECT manager_id FROM units WHERE tenant_id = $1 AND id = $2::uuid) AS manager_id,
                EXISTS (SELECT 1 FROM units WHERE tenant_id = $1 AND id = $2::uuid) AS unit_ok,
                EXISTS (SELECT 1 FROM survey_drivers WHERE tenant_id = $1 AND key = $3::text) AS driver_ok,
                EXISTS (SELECT 1 FROM journey_touchpoints WHERE tenant_id = $1 AND id = $4::uuid) AS touchpoint_ok`,
        [tenantId, dto.unitId ?? null, dto.driverKey ?? null, dto.touchpointId ?? null],
      ),
      principal.userId
        ? this.dataSource.query(
            `SELECT e.id, e.unit_id FROM users u JOIN employees e ON e.tenant_id = u.tenant_id AND e.id = u.employee_id WHERE u.tenant_id = $1 AND u.id = $2`,
            [tenantId, principal.userId],
          )
        : [],
      tenantCalendar(this.dataSource, tenantId, new Date()),
    ])) as [{ manager_id: string | null; unit_ok: boolean; driver_ok: boolean; touchpoint_ok: boolean }[], { id: string; unit_id: string | null }[], { timezone: string; today: string }];
    const check = checks[0]!;
    const problems = [
      ...(dto.unitId && !check.unit_ok ? [{ field: 'unitId', message: 'is not a unit of this organisation' }] : []),
      ...(dto.driverKey && !check.driver_ok ? [{ field: 'driverKey', message: 'is not a driver of this organisation' }] : []),
      ...(dto.touchpointId && !check.touchpoint_ok ? [{ field: 'touchpointId', message: 'is not a touchpoint of the journey map' }] : []),
    ];
    if (problems.length > 0) throw validationFailed(problems);

    const anonymous = dto.anonymous ?? false;
    const replyKey = anonymous ? randomBytes(24).toString('base64url') : null;
    const routedEmployeeId = check.manager_id;
    const now = new Date();
    const id = await this.dataSource.transaction(async (manager) => {
      const inserted = await manager.insert(VoiceMessageEntity, {
        tenantId,
        kind: dto.kind,
        anonymous,
        authorUserId: anonymous ? null : principal.userId,
        authorEmployeeId: anonymous ? null : (sender[0]?.id ?? null),
        senderUnitId: sender[0]?.unit_id ?? null,
        unitId: dto.unitId ?? null,
        driverKey: dto.driverKey ?? null,
        touchpointId: dto.touchpointId ?? null,
        routedEmployeeId,
        text: dto.text.trim(),
        status: 'new',
        replyKeyHash: replyKey ? sha256(replyKey) : null,
        createdOn: localDate(now, tenant.timezone),
        createdAt: anonymous ? null : now,
      });
      const voiceId = (inserted.identifiers[0] as { id: string }).id;
      // Named voices only: an event's time and place in the feed would date an anonymous one.
      if (!anonymous) {
        await this.events.record(manager, tenantId, [
          { type: VOICE_RECEIVED_EVENT, subjectId: routedEmployeeId ?? voiceId, payload: { voiceId, kind: dto.kind, routedTo: routedEmployeeId ? 'manager' : 'hr' }, occurredAt: now },
        ]);
      }
      return voiceId;
    });
    return { id, routedTo: routedEmployeeId ? 'manager' : 'hr', replyKey };
  }

  /**
   * The voices routed to the caller (HR: all), newest day first, paged; anonymous ones only from
   * units that have sent k, the others counted as `withheld`.
   */
  async list(principal: Principal, query: ListVoiceQueryDto): Promise<VoiceListDto> {
    const { tenantId } = principal;
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const self = principal.role === 'hr_admin' ? null : ((await employeeOfUser(this.dataSource, principal)) ?? '00000000-0000-0000-0000-000000000000');
    const shown = await this.shownAnonymous(tenantId);
    const shownUnits = [...shown].filter((unit): unit is string => unit !== null);
    const q = this.dataSource.manager.createQueryBuilder(VoiceMessageEntity, 'v').where('v.tenant_id = :tenantId', { tenantId });
    if (self) q.andWhere('v.routed_employee_id = :self', { self });
    if (query.status) q.andWhere('v.status = :status', { status: query.status });
    if (query.kind) q.andWhere('v.kind = :kind', { kind: query.kind });
    const withheld = await q
      .clone()
      .andWhere('v.anonymous')
      .andWhere('NOT (v.sender_unit_id = ANY(:shownUnits::uuid[]) OR (v.sender_unit_id IS NULL AND :nullShown))', { shownUnits, nullShown: shown.has(null) })
      .getCount();
    q.andWhere('(NOT v.anonymous OR v.sender_unit_id = ANY(:shownUnits::uuid[]) OR (v.sender_unit_id IS NULL AND :nullShown))', { shownUnits, nullShown: shown.has(null) });
    if (query.cursor) {
      const position = decodeCursor(query.cursor);
      q.andWhere('(v.created_on, v.id) < (:cursorDay::date, :cursorId::uuid)', { cursorDay: position.value, cursorId: position.id });
    }
    const rows = await q.orderBy('v.created_on', 'DESC').addOrderBy('v.id', 'DESC').limit(limit + 1).getMany();
    const page = toPage(rows, limit, (v) => ({ value: v.createdOn, id: v.id }));
    return { items: await this.toDtos(tenantId, page.items), nextCursor: page.nextCursor, withheld };
  }

  async get(principal: Principal, id: string): Promise<VoiceDto> {
    return (await this.toDtos(principal.tenantId, [await this.visible(principal, id)]))[0]!;
  }

  async setStatus(principal: Principal, id: string, status: VoiceStatus): Promise<VoiceDto> {
    await this.visible(principal, id);
    await this.dataSource.manager.update(VoiceMessageEntity, { tenantId: principal.tenantId, id }, { status });
    return this.get(principal, id);
  }

  async staffReply(principal: Principal, id: string, text: string): Promise<VoiceDto> {
    await this.visible(principal, id);
    await this.dataSource.manager.insert(VoiceReplyEntity, {
      tenantId: principal.tenantId,
      voiceId: id,
      author: 'staff',
      staffUserId: principal.userId,
      staffApiKeyId: principal.apiKeyId,
      text: text.trim(),
      createdAt: new Date(),
    });
    return this.get(principal, id);
  }

  /** The caller's own named voices, with their conversations. */
  async mine(principal: Principal): Promise<VoiceDto[]> {
    if (!principal.userId) return [];
    const rows = await this.dataSource.manager.find(VoiceMessageEntity, { where: { tenantId: principal.tenantId, authorUserId: principal.userId }, order: { createdOn: 'DESC', id: 'ASC' } });
    return this.toDtos(principal.tenantId, rows);
  }

  /** The anonymous sender's side: the key is the only credential and travels in the body. */
  async readByKey(replyKey: string): Promise<VoiceDto> {
    const voice = await this.byKey(replyKey);
    return inTenant(voice.tenantId, async () => (await this.toDtos(voice.tenantId, [voice]))[0]!);
  }

  async replyByKey(replyKey: string, text: string): Promise<VoiceDto> {
    const voice = await this.byKey(replyKey);
    await inTenant(voice.tenantId, () =>
      this.dataSource.manager.insert(VoiceReplyEntity, {
        tenantId: voice.tenantId,
        voiceId: voice.id,
        author: 'sender',
        staffUserId: null,
        staffApiKeyId: null,
        text: text.trim(),
        createdAt: new Date(),
      }),
    );
    return this.readByKey(replyKey);
  }

  /** A voice the caller may read: routed to them (HR: any), and if anonymous, its unit has sent k. */
  private async visible(principal: Principal, id: string): Promise<VoiceMessageEntity> {
    const voice = await this.dataSource.manager.findOneBy(VoiceMessageEntity, { tenantId: principal.tenantId, id });
    const missing = new DomainError(VoiceProblems.notFound, `No voice ${id}.`);
    if (!voice) throw missing;
    if (principal.role !== 'hr_admin' && voice.routedEmployeeId !== (await employeeOfUser(this.dataSource, principal))) throw missing;
    if (voice.anonymous && !(await this.shownAnonymous(principal.tenantId)).has(voice.senderUnitId)) throw missing;
    return voice;
  }

  /** The sender units whose anonymous voices may be shown: at least k (the comment threshold) of them. */
  private async shownAnonymous(tenantId: string): Promise<Set<string | null>> {
    const rows: { sender_unit_id: string | null }[] = await this.dataSource.query(
      `SELECT v.sender_unit_id FROM voice_messages v JOIN tenants t ON t.id = v.tenant_id
       WHERE v.tenant_id = $1 AND v.anonymous GROUP BY v.sender_unit_id, t.comment_threshold HAVING count(*) >= t.comment_threshold`,
      [tenantId],
    );
    return new Set(rows.map((r) => r.sender_unit_id));
  }

  /** The voice of a reply key. The key names no tenant, so the lookup is system work; the rest runs in the voice's tenant. */
  private async byKey(replyKey: string): Promise<VoiceMessageEntity> {
    const rows = await asSystem('voice lookup by reply key', () => this.dataSource.manager.findBy(VoiceMessageEntity, { replyKeyHash: sha256(replyKey) }));
    if (rows.length !== 1) throw new DomainError(VoiceProblems.conversationNotFound, 'No voice matches this reply key. Check that the key was copied whole.');
    return rows[0]!;
  }

  private async toDtos(tenantId: string, voices: readonly VoiceMessageEntity[]): Promise<VoiceDto[]> {
    if (voices.length === 0) return [];
    const replies = await this.dataSource.manager.find(VoiceReplyEntity, { where: { tenantId, voiceId: In(voices.map((v) => v.id)) }, order: { createdAt: 'ASC', id: 'ASC' } });
    return voices.map((v) => ({
      id: v.id,
      kind: v.kind,
      anonymous: v.anonymous,
      authorEmployeeId: v.authorEmployeeId,
      unitId: v.unitId,
      driverKey: v.driverKey,
      touchpointId: v.touchpointId,
      routedTo: v.routedEmployeeId ? 'manager' : 'hr',
      text: v.text,
      status: v.status,
      sentOn: v.createdOn,
      replies: replies.filter((r) => r.voiceId === v.id).map((r): VoiceReplyDto => ({ author: r.author, text: r.text, at: r.createdAt.toISOString() })),
      version: v.version,
    }));
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
