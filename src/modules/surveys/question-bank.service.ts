import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type EntityManager, type Repository } from 'typeorm';
import { DomainError } from '#src/common/errors/domain-error.js';
import { isForeignKeyViolation, isUniqueViolation } from '#src/common/errors/postgres-errors.js';
import { validationFailed } from '#src/common/http/validation.js';
import { DEFAULT_PAGE_SIZE, decodeCursor, toPage, type Page } from '#src/common/pagination/pagination.js';
import { TenantSetup } from '#src/modules/tenancy/tenant-setup.js';
import { DEFAULT_DRIVERS, defaultQuestions } from './domain/default-bank.js';
import type { QuestionOption, QuestionPurpose, QuestionType } from './domain/questions.js';
import {
  toDriverDto,
  toQuestionDto,
  type CreateDriverDto,
  type CreateQuestionDto,
  type DriverDto,
  type ListQuestionsQueryDto,
  type QuestionDto,
  type UpdateDriverDto,
  type UpdateQuestionDto,
} from './dto/question-bank.dto.js';
import { SurveyDriverEntity } from './entities/survey-driver.entity.js';
import { SurveyQuestionEntity } from './entities/survey-question.entity.js';
import { SurveysProblems } from './surveys.errors.js';

const CHOICE_TYPES: readonly QuestionType[] = ['single_choice', 'multi_choice'];

/** The drivers and the question bank surveys are built from. */
@Injectable()
export class QuestionBankService implements OnModuleInit {
  constructor(
    private readonly tenantSetup: TenantSetup,
    @InjectRepository(SurveyDriverEntity) private readonly drivers: Repository<SurveyDriverEntity>,
    @InjectRepository(SurveyQuestionEntity) private readonly questions: Repository<SurveyQuestionEntity>,
  ) {}

  onModuleInit(): void {
    this.tenantSetup.register('survey-question-bank', (manager, tenantId) => this.seedDefaults(manager, tenantId));
  }

  /** Gives a new tenant the default drivers and questions (English). */
  async seedDefaults(manager: EntityManager, tenantId: string): Promise<void> {
    await manager.insert(
      SurveyDriverEntity,
      DEFAULT_DRIVERS.map(({ key, name, description }) => ({ tenantId, key, name, description, builtin: true })),
    );
    await manager.insert(
      SurveyQuestionEntity,
      defaultQuestions().map(({ driverKey, type, text }) => ({
        tenantId,
        driverKey,
        type,
        texts: { en: text },
        options: null,
        builtin: true,
        retiredAt: null,
        version: 1,
      })),
    );
  }

  async listDrivers(tenantId: string): Promise<DriverDto[]> {
    const rows = await this.drivers.find({ where: { tenantId }, order: { builtin: 'DESC', key: 'ASC' } });
    return rows.map(toDriverDto);
  }

  async createDriver(tenantId: string, dto: CreateDriverDto): Promise<DriverDto> {
    try {
      await this.drivers.insert({ tenantId, key: dto.key, name: dto.name, description: dto.description ?? null, builtin: false });
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError(SurveysProblems.driverTaken, `A driver with the key ${dto.key} exists.`);
      throw error;
    }
    return toDriverDto(await this.requireDriver(tenantId, dto.key));
  }

  async updateDriver(tenantId: string, key: string, dto: UpdateDriverDto): Promise<DriverDto> {
    await this.requireDriver(tenantId, key);
    const changes: Partial<SurveyDriverEntity> = {};
    if (dto.name !== undefined) changes.name = dto.name;
    if (dto.description !== undefined) changes.description = dto.description;
    if (Object.keys(changes).length > 0) await this.drivers.update({ tenantId, key }, changes);
    return toDriverDto(await this.requireDriver(tenantId, key));
  }

  async listQuestions(tenantId: string, query: ListQuestionsQueryDto): Promise<Page<QuestionDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const q = this.questions.createQueryBuilder('q').where('q.tenant_id = :tenantId', { tenantId });
    if (!query.includeRetired) q.andWhere('q.retired_at IS NULL');
    if (query.driverKey) q.andWhere('q.driver_key = :driverKey', { driverKey: query.driverKey });
    if (query.type) q.andWhere('q.type = :type', { type: query.type });
    q.andWhere('q.purpose = :purpose', { purpose: query.purpose ?? 'survey' });
    if (query.cursor) {
      const position = decodeCursor(query.cursor);
      q.andWhere('(q.created_at, q.id) > (:cursorValue, :cursorId)', { cursorValue: position.value, cursorId: position.id });
    }
    const rows = await q.orderBy('q.created_at', 'ASC').addOrderBy('q.id', 'ASC').limit(limit + 1).getMany();
    const page = toPage(rows, limit, (row) => ({ value: row.createdAt.toISOString(), id: row.id }));
    return { items: page.items.map(toQuestionDto), nextCursor: page.nextCursor };
  }

  async getQuestion(tenantId: string, id: string): Promise<QuestionDto> {
    return toQuestionDto(await this.requireQuestion(tenantId, id));
  }

  async createQuestion(tenantId: string, dto: CreateQuestionDto): Promise<QuestionDto> {
    checkOptions(dto.type, dto.options);
    try {
      const inserted = await this.questions.insert({
        tenantId,
        driverKey: dto.driverKey ?? null,
        type: dto.type,
        texts: dto.texts,
        options: dto.options?.map(({ texts }) => ({ texts })) ?? null,
        purpose: dto.purpose ?? 'survey',
        builtin: false,
        retiredAt: null,
        version: 1,
      });
      return this.getQuestion(tenantId, (inserted.identifiers[0] as { id: string }).id);
    } catch (error) {
      if (isForeignKeyViolation(error, 'fk_survey_questions_driver')) throw validationFailed([{ field: 'driverKey', message: 'does not match a driver' }]);
      throw error;
    }
  }

  async updateQuestion(tenantId: string, id: string, dto: UpdateQuestionDto): Promise<QuestionDto> {
    const current = await this.requireQuestion(tenantId, id);
    if (dto.options !== undefined) {
      checkOptions(current.type, dto.options);
      if (dto.options.length !== current.options?.length) {
        throw validationFailed([{ field: 'options', message: `must keep the ${current.options?.length} options: answers are stored by option number` }]);
      }
    }
    const changes: Partial<SurveyQuestionEntity> = {};
    if (dto.texts !== undefined) changes.texts = dto.texts;
    if (dto.options !== undefined) changes.options = dto.options.map(({ texts }) => ({ texts }));
    if (dto.retired !== undefined) changes.retiredAt = dto.retired ? (current.retiredAt ?? new Date()) : null;
    if (Object.keys(changes).length === 0) return toQuestionDto(current);
    const query = this.questions
      .createQueryBuilder()
      .update(SurveyQuestionEntity)
      .set({ ...changes, version: () => 'version + 1', updatedAt: () => 'now()' } as never)
      .where('tenant_id = :tenantId AND id = :id', { tenantId, id });
    if (dto.version !== undefined) query.andWhere('version = :version', { version: dto.version });
    const result = await query.execute();
    if (!result.affected) throw new DomainError(SurveysProblems.staleVersion, `The question was changed since version ${dto.version}; read it again.`);
    return this.getQuestion(tenantId, id);
  }

  /** The questions with these ids, in the order given; refuses unknown or retired ones, naming the field. */
  /** The questions of the bank `ids` name, in order, if each exists, is not retired and serves one of `purposes`. */
  async requireUsable(tenantId: string, ids: readonly string[], field: string, purposes: readonly QuestionPurpose[] = ['survey']): Promise<SurveyQuestionEntity[]> {
    const rows = await this.questions.find({ where: { tenantId, id: In([...ids]) } });
    const byId = new Map(rows.map((row) => [row.id, row]));
    const problems = ids.flatMap((id, index) => {
      const row = byId.get(id);
      if (!row) return [{ field: `${field}.${index}`, message: 'does not match a question of the bank' }];
      if (row.retiredAt) return [{ field: `${field}.${index}`, message: 'is a retired question' }];
      if (!purposes.includes(row.purpose)) return [{ field: `${field}.${index}`, message: `is a question for ${row.purpose === 'exit' ? 'exit interviews' : 'surveys'}` }];
      return [];
    });
    if (problems.length > 0) throw validationFailed(problems);
    return ids.map((id) => byId.get(id)!);
  }

  private async requireDriver(tenantId: string, key: string): Promise<SurveyDriverEntity> {
    const driver = await this.drivers.findOneBy({ tenantId, key });
    if (!driver) throw new DomainError(SurveysProblems.driverNotFound, `No driver ${key}.`);
    return driver;
  }

  private async requireQuestion(tenantId: string, id: string): Promise<SurveyQuestionEntity> {
    const question = await this.questions.findOneBy({ tenantId, id });
    if (!question) throw new DomainError(SurveysProblems.questionNotFound, `No question ${id}.`);
    return question;
  }
}

/** Choice questions need options; the others take none. */
function checkOptions(type: QuestionType, options: readonly QuestionOption[] | undefined): void {
  const isChoice = CHOICE_TYPES.includes(type);
  if (isChoice && !options) throw validationFailed([{ field: 'options', message: `are required for a ${type} question` }]);
  if (!isChoice && options) throw validationFailed([{ field: 'options', message: `apply only to choice questions, not ${type}` }]);
}
