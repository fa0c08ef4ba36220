import { randomUUID } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { DomainError } from '#src/common/errors/domain-error.js';
import { isUniqueViolation } from '#src/common/errors/postgres-errors.js';
import { validationFailed } from '#src/common/http/validation.js';
import { TenantSetup } from '#src/modules/tenancy/tenant-setup.js';
import { DEFAULT_WATCH_TERMS, normalizeTerm, WATCH_CATEGORIES, type WatchTerm } from './domain/watch-terms.js';
import { toWatchTermDto, type CreateWatchTermDto, type ListWatchTermsQueryDto, type WatchTermDto } from './dto/watch-terms.dto.js';
import { SurveyWatchTermEntity } from './entities/survey-watch-term.entity.js';
import { SurveysProblems } from './surveys.errors.js';

/** The tenant's watch lists: words and phrases that flag a comment for HR, per category and locale. */
@Injectable()
export class WatchTermsService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tenantSetup: TenantSetup,
  ) {}

  onModuleInit(): void {
    this.tenantSetup.register('survey-watch-terms', (manager, tenantId) => this.seedDefaults(manager, tenantId));
  }

  /** Gives a new tenant the default English lists. */
  async seedDefaults(manager: EntityManager, tenantId: string): Promise<void> {
    await manager.insert(
      SurveyWatchTermEntity,
      WATCH_CATEGORIES.flatMap((category) => DEFAULT_WATCH_TERMS[category].map((term) => ({ tenantId, id: randomUUID(), category, locale: 'en', term }))),
    );
  }

  async list(tenantId: string, query: ListWatchTermsQueryDto): Promise<WatchTermDto[]> {
    const rows = await this.dataSource.manager.find(SurveyWatchTermEntity, {
      where: { tenantId, ...(query.locale ? { locale: query.locale.toLowerCase() } : {}), ...(query.category ? { category: query.category } : {}) },
      order: { locale: 'ASC', category: 'ASC', term: 'ASC' },
    });
    return rows.map(toWatchTermDto);
  }

  async create(tenantId: string, dto: CreateWatchTermDto): Promise<WatchTermDto> {
    const term = normalizeTerm(dto.term);
    if (!term) throw validationFailed([{ field: 'term', message: 'must not be blank' }]);
    const row = { tenantId, id: randomUUID(), category: dto.category, locale: dto.locale.toLowerCase(), term };
    try {
      await this.dataSource.manager.insert(SurveyWatchTermEntity, row);
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError(SurveysProblems.watchTermTaken, `“${term}” is already on the ${row.category} list for ${row.locale}.`);
      throw error;
    }
    return { id: row.id, category: row.category, locale: row.locale, term };
  }

  async remove(tenantId: string, id: string): Promise<void> {
    const result = await this.dataSource.manager.delete(SurveyWatchTermEntity, { tenantId, id });
    if (!result.affected) throw new DomainError(SurveysProblems.watchTermNotFound, `No watch term ${id}.`);
  }

  /**
   * The terms a comment in this locale is matched against: the locale's own, its language's
   * (`fr` for `fr-CA`) and English, since people often answer in English whatever their locale.
   */
  async forLocale(manager: EntityManager, tenantId: string, locale: string): Promise<WatchTerm[]> {
    const tag = locale.toLowerCase();
    const locales = [...new Set([tag, tag.split('-')[0]!, 'en'])];
    const rows = await manager.find(SurveyWatchTermEntity, { where: { tenantId, locale: In(locales) }, select: { category: true, term: true } });
    return rows.map(({ category, term }) => ({ category, term }));
  }
}
