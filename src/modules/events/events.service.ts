import { Injectable } from '@nestjs/common';
import { DEFAULT_PAGE_SIZE } from '#src/common/pagination/pagination.js';
import { DomainEventsRepository } from './domain-events.repository.js';
import { toEventDto, type EventFeedDto, type EventFeedQueryDto } from './dto/event.dto.js';

@Injectable()
export class EventsService {
  constructor(private readonly events: DomainEventsRepository) {}

  /** A page of the tenant's feed after `query.after`, with the `seq` to continue from. */
  async feed(tenantId: string, query: EventFeedQueryDto): Promise<EventFeedDto> {
    const rows = await this.events.feed(tenantId, { ...query, limit: query.limit ?? DEFAULT_PAGE_SIZE });
    return { items: rows.map(toEventDto), lastSeq: rows.at(-1)?.seq ?? query.after ?? null };
  }
}
