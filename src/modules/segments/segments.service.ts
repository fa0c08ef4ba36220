import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '#src/common/auth/principal.js';
import { DomainError } from '#src/common/errors/domain-error.js';
import { isUniqueViolation } from '#src/common/errors/postgres-errors.js';
import { validationFailed } from '#src/common/http/validation.js';
import { DEFAULT_PAGE_SIZE, type Page } from '#src/common/pagination/pagination.js';
import { FILTER_NAMES, filteredDimensions, nameKey, normalizeFilters, toSets, type FilterName, type ReportSegment, type SegmentFilters } from './domain/segment-filters.js';
import { toSegmentDto, type CreateSegmentDto, type ListSegmentsQueryDto, type SegmentDto, type UpdateSegmentDto } from './dto/segment.dto.js';
import type { SegmentEntity } from './segment.entity.js';
import { SegmentsProblems } from './segments.errors.js';
import { SegmentsRepository } from './segments.repository.js';

/**
 * Saved segments: HR's named filters over people, and their resolution for reports (which apply
 * them behind the anonymity guard). Design: docs/segments.md.
 */
@Injectable()
export class SegmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly segments: SegmentsRepository,
  ) {}

  async create(principal: Principal, dto: CreateSegmentDto): Promise<SegmentDto> {
    const filters = await this.checkFilters(principal.tenantId, dto.filters);
    const saved = await this.unique(dto.name, () =>
      this.segments.insert(principal.tenantId, { name: dto.name, nameKey: nameKey(dto.name), filters }, { userId: principal.userId, apiKeyId: principal.apiKeyId }),
    );
    return toSegmentDto(saved);
  }

  async list(tenantId: string, query: ListSegmentsQueryDto): Promise<Page<SegmentDto>> {
    const page = await this.segments.listPage(tenantId, {
      sort: query.sort ?? 'name',
      q: query.q,
      includeArchived: query.includeArchived ?? false,
      limit: query.limit ?? DEFAULT_PAGE_SIZE,
      cursor: query.cursor,
    });
    return { items: page.items.map(toSegmentDto), nextCursor: page.nextCursor };
  }

  async get(tenantId: string, id: string): Promise<SegmentDto> {
    return toSegmentDto(await this.require(tenantId, id));
  }

  /** Renames, refilters, archives or restores, refusing a stale version (lost updates). */
  async update(tenantId: string, id: string, dto: UpdateSegmentDto): Promise<SegmentDto> {
    const filters = dto.filters === undefined ? undefined : await this.checkFilters(tenantId, dto.filters);
    const name = dto.name;
    const updated = await this.unique(name, () =>
      this.dataSource.transaction(async (manager) => {
        const current = await this.segments.findForUpdate(manager, tenantId, id);
        if (!current) throw notFound(id);
        if (current.version !== dto.version) {
          throw new DomainError(SegmentsProblems.staleVersion, `The segment is at version ${current.version}, not ${dto.version}; read it again.`, { version: current.version });
        }
        const archivedAt = dto.archived === undefined ? undefined : dto.archived ? (current.archivedAt ?? new Date()) : null;
        return this.segments.update(manager, tenantId, id, {
          ...(name !== undefined ? { name, nameKey: nameKey(name) } : {}),
          ...(filters !== undefined ? { filters } : {}),
          ...(archivedAt !== undefined ? { archivedAt } : {}),
        });
      }),
    );
    return toSegmentDto(updated);
  }

  async remove(tenantId: string, id: string): Promise<void> {
    if (!(await this.segments.delete(tenantId, id))) throw notFound(id);
  }

  /**
   * The segment a report was asked to apply (none without an id). An id that is not one of the
   * tenant's segments is `segments.unknown_segment` (422), whoever else it might belong to;
   * archived segments still apply. With `applicable`, a segment that filters on anything else is
   * `segments.not_applicable`, with `why` as the explanation.
   */
  async forReport(tenantId: string, segmentId: string | undefined, applicable?: { filters: readonly FilterName[]; why: string }): Promise<ReportSegment | null> {
    if (segmentId === undefined) return null;
    const segment = await this.segments.findById(tenantId, segmentId);
    if (!segment) throw new DomainError(SegmentsProblems.unknownSegment, `No segment ${segmentId} in this organisation.`, { segmentId });
    const refused = applicable ? filteredDimensions(segment.filters).filter((name) => !applicable.filters.includes(name)) : [];
    if (refused.length > 0) {
      throw new DomainError(SegmentsProblems.notApplicable, `${applicable!.why} This segment filters on ${refused.join(', ')}.`, { segmentId, filters: refused });
    }
    return { id: segment.id, name: segment.name, filters: segment.filters, sets: toSets(segment.filters) };
  }

  /** Refuses every segment: for reports that cannot apply one at all. */
  async refuse(tenantId: string, segmentId: string | undefined, why: string): Promise<void> {
    await this.forReport(tenantId, segmentId, { filters: [], why });
  }

  /** Filters as stored: at least one, unit ids of the tenant (422 otherwise), lists deduplicated. */
  private async checkFilters(tenantId: string, input: SegmentFilters): Promise<SegmentFilters> {
    const filters = normalizeFilters(input);
    if (filteredDimensions(filters).length === 0) throw validationFailed([{ field: 'filters', message: `must filter on at least one of ${FILTER_NAMES.join(', ')}` }]);
    const unknown = filters.unitIds ? await this.segments.unknownUnits(tenantId, filters.unitIds) : [];
    if (unknown.length > 0) {
      throw new DomainError(SegmentsProblems.unknownUnits, `No unit ${unknown.join(', ')} in this organisation.`, { unitIds: unknown });
    }
    return filters;
  }

  /** Runs a write that may take a name another segment (not archived) has: 409 then. */
  private async unique(name: string | undefined, write: () => Promise<SegmentEntity>): Promise<SegmentEntity> {
    try {
      return await write();
    } catch (error) {
      if (isUniqueViolation(error, 'uq_segments_tenant_name')) {
        const called = name === undefined ? 'this segment’s name' : `“${name}”`;
        throw new DomainError(SegmentsProblems.nameTaken, `Another segment that is not archived is already called ${called} (names are compared case-insensitively).`);
      }
      throw error;
    }
  }

  private async require(tenantId: string, id: string): Promise<SegmentEntity> {
    const segment = await this.segments.findById(tenantId, id);
    if (!segment) throw notFound(id);
    return segment;
  }
}

function notFound(id: string): DomainError {
  return new DomainError(SegmentsProblems.notFound, `No segment ${id}.`);
}
