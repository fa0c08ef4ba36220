import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { DomainError } from '#src/common/errors/domain-error.js';
import { validationFailed } from '#src/common/http/validation.js';
import { DEFAULT_PAGE_SIZE, decodeCursor, toPage, type Page } from '#src/common/pagination/pagination.js';
import { TenantsService } from '#src/modules/tenancy/tenants.service.js';
import { DEFAULT_AUDIENCE_STAGES, type Audience } from './domain/surveys.js';
import { toSurveyDto, type AudienceDto, type CreateSurveyDto, type ListSurveysQueryDto, type SurveyDto, type UpdateSurveyDto } from './dto/survey.dto.js';
import { SurveyEntity } from './entities/survey.entity.js';
import { QuestionBankService } from './question-bank.service.js';
import { SurveysProblems } from './surveys.errors.js';

/** Surveys as HR designs them: what is asked, of whom, how often, and how small a group may be shown. */
@Injectable()
export class SurveysService {
  constructor(
    private readonly tenants: TenantsService,
    private readonly bank: QuestionBankService,
    @InjectRepository(SurveyEntity) private readonly surveys: Repository<SurveyEntity>,
  ) {}

  async create(tenantId: string, dto: CreateSurveyDto): Promise<SurveyDto> {
    const isPulse = dto.kind === 'pulse';
    if (isPulse && !dto.cadence) throw validationFailed([{ field: 'cadence', message: 'is required for a pulse survey' }]);
    if (!isPulse && dto.cadence) throw validationFailed([{ field: 'cadence', message: 'applies only to pulse surveys' }]);
    if (!isPulse && dto.startsAt) throw validationFailed([{ field: 'startsAt', message: 'applies only to pulse surveys' }]);
    if (!isPulse && dto.questionsPerRound != null) throw validationFailed([{ field: 'questionsPerRound', message: 'applies only to pulse surveys' }]);
    await this.bank.requireUsable(tenantId, dto.questionIds, 'questionIds');
    const { settings } = await this.tenants.get(tenantId);
    const inserted = await this.surveys.insert({
      tenantId,
      name: dto.name,
      kind: dto.kind,
      cadence: dto.cadence ?? null,
      questionsPerRound: dto.questionsPerRound ?? null,
      audience: toAudience(dto.audience),
      questionIds: dto.questionIds,
      windowDays: dto.windowDays ?? (isPulse ? 7 : 14),
      anonymityThreshold: dto.anonymityThreshold ?? settings.anonymityThreshold,
      commentThreshold: dto.commentThreshold ?? settings.commentThreshold,
      thresholdsLockedAt: null,
      nextRoundAt: dto.startsAt ? new Date(dto.startsAt) : null,
      archivedAt: null,
      version: 1,
    });
    return this.get(tenantId, (inserted.identifiers[0] as { id: string }).id);
  }

  async get(tenantId: string, id: string): Promise<SurveyDto> {
    return toSurveyDto(await this.require(tenantId, id));
  }

  async list(tenantId: string, query: ListSurveysQueryDto): Promise<Page<SurveyDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const q = this.surveys.createQueryBuilder('s').where('s.tenant_id = :tenantId', { tenantId });
    if (!query.includeArchived) q.andWhere('s.archived_at IS NULL');
    if (query.kind) q.andWhere('s.kind = :kind', { kind: query.kind });
    if (query.cursor) {
      const position = decodeCursor(query.cursor);
      q.andWhere('(s.created_at, s.id) > (:cursorValue, :cursorId)', { cursorValue: position.value, cursorId: position.id });
    }
    const rows = await q.orderBy('s.created_at', 'ASC').addOrderBy('s.id', 'ASC').limit(limit + 1).getMany();
    const page = toPage(rows, limit, (row) => ({ value: row.createdAt.toISOString(), id: row.id }));
    return { items: page.items.map(toSurveyDto), nextCursor: page.nextCursor };
  }

  /**
   * Changes a survey. Once a round has opened its thresholds can only rise: lowering them then
   * would let someone read a group that was too small when its people answered.
   */
  async update(tenantId: string, id: string, dto: UpdateSurveyDto): Promise<SurveyDto> {
    const current = await this.require(tenantId, id);
    const isPulse = current.kind === 'pulse';
    for (const field of ['cadence', 'nextRoundAt', 'questionsPerRound'] as const) {
      if (!isPulse && dto[field] != null) throw validationFailed([{ field, message: 'applies only to pulse surveys' }]);
    }
    if (current.thresholdsLockedAt) {
      for (const field of ['anonymityThreshold', 'commentThreshold'] as const) {
        const wanted = dto[field];
        if (wanted !== undefined && wanted < current[field]) {
          throw new DomainError(
            SurveysProblems.thresholdLocked,
            `A round of this survey has opened, so ${field} can no longer go below ${current[field]}.`,
            { field, current: current[field] },
          );
        }
      }
    }
    if (dto.questionIds) await this.bank.requireUsable(tenantId, dto.questionIds, 'questionIds');

    const changes: Partial<SurveyEntity> = {};
    if (dto.name !== undefined) changes.name = dto.name;
    if (dto.cadence !== undefined) changes.cadence = dto.cadence;
    if (dto.questionsPerRound !== undefined) changes.questionsPerRound = dto.questionsPerRound;
    if (dto.audience !== undefined) changes.audience = toAudience(dto.audience);
    if (dto.questionIds !== undefined) changes.questionIds = dto.questionIds;
    if (dto.windowDays !== undefined) changes.windowDays = dto.windowDays;
    if (dto.anonymityThreshold !== undefined) changes.anonymityThreshold = dto.anonymityThreshold;
    if (dto.commentThreshold !== undefined) changes.commentThreshold = dto.commentThreshold;
    if (dto.nextRoundAt !== undefined) changes.nextRoundAt = dto.nextRoundAt === null ? null : new Date(dto.nextRoundAt);
    if (dto.archived !== undefined) changes.archivedAt = dto.archived ? (current.archivedAt ?? new Date()) : null;
    if (Object.keys(changes).length === 0) return toSurveyDto(current);

    const query = this.surveys
      .createQueryBuilder()
      .update(SurveyEntity)
      .set({ ...changes, version: () => 'version + 1', updatedAt: () => 'now()' } as never)
      .where('tenant_id = :tenantId AND id = :id', { tenantId, id });
    if (dto.version !== undefined) query.andWhere('version = :version', { version: dto.version });
    // Thresholds are checked again in SQL, so a round opening meanwhile cannot slip a lowering through.
    if (changes.anonymityThreshold !== undefined) {
      query.andWhere('(thresholds_locked_at IS NULL OR anonymity_threshold <= :k)', { k: changes.anonymityThreshold });
    }
    if (changes.commentThreshold !== undefined) {
      query.andWhere('(thresholds_locked_at IS NULL OR comment_threshold <= :ck)', { ck: changes.commentThreshold });
    }
    const result = await query.execute();
    if (!result.affected) {
      throw new DomainError(SurveysProblems.staleVersion, 'The survey was changed meanwhile (or a round opened); read it again.');
    }
    return this.get(tenantId, id);
  }

  async require(tenantId: string, id: string): Promise<SurveyEntity> {
    const survey = await this.surveys.findOneBy({ tenantId, id });
    if (!survey) throw new DomainError(SurveysProblems.notFound, `No survey ${id}.`);
    return survey;
  }
}

function toAudience(dto: AudienceDto | undefined): Audience {
  return {
    unitIds: dto?.unitIds ?? [],
    stages: dto?.stages?.length ? dto.stages : DEFAULT_AUDIENCE_STAGES,
    tenurePhases: dto?.tenurePhases ?? [],
    locations: dto?.locations ?? [],
  };
}
