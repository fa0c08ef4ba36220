import { Injectable } from '@nestjs/common';
import { validationFailed } from '#src/common/http/validation.js';
import { DEFAULT_PAGE_SIZE, decodeSequenceCursor, encodeSequenceCursor, type Page } from '#src/common/pagination/pagination.js';
import { AuditLogRepository } from './audit-log.repository.js';
import { toAuditEntryDto, type AuditEntryDto, type AuditLogQueryDto } from './dto/audit-entry.dto.js';

/** Reading the audit log (writing is `AuditLogRepository.record`, inside each change's transaction). */
@Injectable()
export class AuditService {
  constructor(private readonly log: AuditLogRepository) {}

  /** A page of the tenant's entries, newest first, filtered. */
  async list(tenantId: string, query: AuditLogQueryDto): Promise<Page<AuditEntryDto>> {
    if (query.from && query.to && query.from > query.to) throw validationFailed([{ field: 'from', message: 'must not be after to' }]);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.log.list(tenantId, { ...query, beforeId: query.cursor ? decodeSequenceCursor(query.cursor) : undefined, limit: limit + 1 });
    const items = rows.slice(0, limit);
    return { items: items.map(toAuditEntryDto), nextCursor: rows.length > limit ? encodeSequenceCursor(items.at(-1)!.id) : null };
  }
}
