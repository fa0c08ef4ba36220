import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { AuditEntryEntity } from './audit-entry.entity.js';
import { actorColumns, type AuditActor, type AuditDraft } from './domain/audit.js';

export interface AuditLogFilter {
  readonly entityType?: string;
  readonly entityId?: string;
  /** A user's or API key's id, or `system`. */
  readonly actor?: string;
  readonly action?: string;
  readonly from?: Date;
  readonly to?: Date;
  /** Only entries written before this one (the cursor). */
  readonly beforeId?: string;
  readonly limit: number;
}

/** The audit log: entries written in the transaction of their change, read newest first. */
@Injectable()
export class AuditLogRepository {
  constructor(@InjectRepository(AuditEntryEntity) private readonly entries: Repository<AuditEntryEntity>) {}

  /**
   * Writes entries inside the caller's transaction, in one statement however many there are (an
   * HRIS import writes one per changed employee). Entries keep the drafts' order.
   */
  async record(manager: EntityManager, tenantId: string, actor: AuditActor, drafts: readonly AuditDraft[]): Promise<void> {
    if (drafts.length === 0) return;
    const who = actorColumns(actor);
    await manager.query(
      `INSERT INTO audit_log (tenant_id, actor_type, actor_id, source, request_id, action, entity_type, entity_id, before, after)
       SELECT $1, $2, $3, $4, $5, d.action, d.entity_type, d.entity_id, d.before, d.after
       FROM ROWS FROM (jsonb_to_recordset($6::jsonb) AS (action text, entity_type text, entity_id uuid, before jsonb, after jsonb))
            WITH ORDINALITY AS d(action, entity_type, entity_id, before, after, n)
       ORDER BY d.n`,
      [
        tenantId,
        who.actorType,
        who.actorId,
        who.source,
        who.requestId,
        JSON.stringify(drafts.map((d) => ({ action: d.action, entity_type: d.entityType, entity_id: d.entityId, before: d.before, after: d.after }))),
      ],
    );
  }

  /** Writes the entry of a read that leaves a trace (an export), which has no transaction of its own. */
  recordExport(tenantId: string, actor: AuditActor, draft: AuditDraft): Promise<void> {
    return this.record(this.entries.manager, tenantId, actor, [draft]);
  }

  /** A page of the tenant's entries, newest first. */
  list(tenantId: string, filter: AuditLogFilter): Promise<AuditEntryEntity[]> {
    const query = this.entries.createQueryBuilder('a').where('a.tenant_id = :tenantId', { tenantId });
    if (filter.entityType) query.andWhere('a.entity_type = :entityType', { entityType: filter.entityType });
    if (filter.entityId) query.andWhere('a.entity_id = :entityId', { entityId: filter.entityId });
    if (filter.actor === 'system') query.andWhere(`a.actor_type = 'system'`);
    else if (filter.actor) query.andWhere('a.actor_id = :actorId', { actorId: filter.actor });
    if (filter.action) query.andWhere('a.action = :action', { action: filter.action });
    if (filter.from) query.andWhere('a.at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('a.at < :to', { to: filter.to });
    if (filter.beforeId) query.andWhere('a.id < :beforeId', { beforeId: filter.beforeId });
    return query.orderBy('a.id', 'DESC').limit(filter.limit).getMany();
  }

  /** Entries about any of the entities, or made by any of the actors (a person's data export), oldest first. */
  async about(manager: EntityManager, tenantId: string, entityIds: readonly string[], actorIds: readonly string[]): Promise<AuditEntryEntity[]> {
    return manager
      .getRepository(AuditEntryEntity)
      .createQueryBuilder('a')
      .where('a.tenant_id = :tenantId', { tenantId })
      .andWhere('(a.entity_id = ANY(:entityIds) OR a.actor_id = ANY(:actorIds))', { entityIds, actorIds })
      .orderBy('a.id', 'ASC')
      .getMany();
  }
}
