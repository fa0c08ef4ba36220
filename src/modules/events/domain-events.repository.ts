import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { DomainEventEntity } from './domain-event.entity.js';
import type { DomainEventDraft } from './domain-event.js';

export interface EventFeedFilter {
  readonly type?: string;
  readonly subjectId?: string;
  /** Only events after this `seq`. */
  readonly after?: string;
  readonly limit: number;
}

@Injectable()
export class DomainEventsRepository {
  constructor(@InjectRepository(DomainEventEntity) private readonly events: Repository<DomainEventEntity>) {}

  /** Records events inside the caller's transaction, in one statement however many there are. */
  async record(manager: EntityManager, tenantId: string, drafts: readonly DomainEventDraft[]): Promise<void> {
    if (drafts.length === 0) return;
    await manager.query(
      `INSERT INTO domain_events (tenant_id, xact_id, type, subject_id, payload, occurred_at)
       SELECT $1, pg_current_xact_id()::text::bigint, x.e->>'type', (x.e->>'subject_id')::uuid, x.e->'payload', (x.e->>'occurred_at')::timestamptz
       FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS x(e, n)
       ORDER BY x.n`,
      [
        tenantId,
        JSON.stringify(
          drafts.map((d) => ({ type: d.type, subject_id: d.subjectId, payload: d.payload, occurred_at: d.occurredAt.toISOString() })),
        ),
      ],
    );
  }

  /** The tenant's events in the order they were recorded. */
  feed(tenantId: string, filter: EventFeedFilter): Promise<DomainEventEntity[]> {
    const query = this.events.createQueryBuilder('e').where('e.tenant_id = :tenantId', { tenantId });
    if (filter.type) query.andWhere('e.type = :type', { type: filter.type });
    if (filter.subjectId) query.andWhere('e.subject_id = :subjectId', { subjectId: filter.subjectId });
    if (filter.after) query.andWhere('e.seq > :after', { after: filter.after });
    return query.orderBy('e.seq', 'ASC').limit(filter.limit).getMany();
  }
}
