import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, MaxLength, Min, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '#src/common/pagination/pagination.js';
import { IsLocalizedTexts, Optional, ToBoolean } from '#src/common/validation/validators.js';
import { QUESTION_PURPOSES, QUESTION_TYPES, type LocalizedTexts, type QuestionPurpose, type QuestionType } from '../domain/questions.js';
import type { SurveyDriverEntity } from '../entities/survey-driver.entity.js';
import type { SurveyQuestionEntity } from '../entities/survey-question.entity.js';

export const DRIVER_KEY_PATTERN = /^[a-z][a-z0-9_]{1,47}$/;
const TEXTS_EXAMPLE = { en: 'I know what is expected of me at work.', fr: 'Je sais ce que l’on attend de moi au travail.' };

export class CreateDriverDto {
  @ApiProperty({ example: 'psychological_safety', description: 'Lower-case letters, digits and underscores; fixed once made.' })
  @Matches(DRIVER_KEY_PATTERN, { message: 'key must be 2–48 lower-case letters, digits or underscores, starting with a letter' })
  key!: string;

  @ApiProperty({ example: 'Psychological safety', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ maxLength: 1000 })
  @Optional()
  @IsString()
  @MaxLength(1000)
  description?: string;
}

export class UpdateDriverDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ maxLength: 1000, nullable: true, type: String })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(1000)
  description?: string | null;
}

export class DriverDto {
  @ApiProperty() key!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ description: 'One of the drivers every organisation starts with.' }) builtin!: boolean;
}

export class QuestionOptionDto {
  @ApiProperty({ example: { en: 'Yes' }, description: 'The option per locale; `en` required.' })
  @IsLocalizedTexts()
  texts!: LocalizedTexts;
}

export class CreateQuestionDto {
  @ApiPropertyOptional({ example: 'role_clarity', nullable: true, type: String, description: 'The driver it measures; none for eNPS or open questions.' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  driverKey?: string | null;

  @ApiProperty({ enum: QUESTION_TYPES })
  @IsIn(QUESTION_TYPES)
  type!: QuestionType;

  @ApiPropertyOptional({ enum: QUESTION_PURPOSES, default: 'survey', description: 'For survey rounds, or for the exit questionnaire only.' })
  @Optional()
  @IsIn(QUESTION_PURPOSES)
  purpose?: QuestionPurpose;

  @ApiProperty({ example: TEXTS_EXAMPLE, description: 'The question per BCP 47 locale; `en` required.' })
  @IsLocalizedTexts()
  texts!: LocalizedTexts;

  @ApiPropertyOptional({ type: [QuestionOptionDto], description: 'Choice questions only: 2 to 20 options.' })
  @Optional()
  @ArrayMinSize(2)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => QuestionOptionDto)
  options?: QuestionOptionDto[];
}

export class UpdateQuestionDto {
  @ApiPropertyOptional({ example: TEXTS_EXAMPLE, description: 'Replaces the texts. Rounds already opened keep what they asked.' })
  @Optional()
  @IsLocalizedTexts()
  texts?: LocalizedTexts;

  @ApiPropertyOptional({ type: [QuestionOptionDto], description: 'Replaces the options (same number: answers are stored by option number).' })
  @Optional()
  @ArrayMinSize(2)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => QuestionOptionDto)
  options?: QuestionOptionDto[];

  @ApiPropertyOptional({ description: 'true retires the question (no new survey can choose it); false brings it back.' })
  @Optional()
  @IsBoolean()
  retired?: boolean;

  @ApiPropertyOptional({ description: 'The version last read; when given and stale, the update is refused with 409.' })
  @Optional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class ListQuestionsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only this driver’s questions.' })
  @Optional()
  @IsString()
  driverKey?: string;

  @ApiPropertyOptional({ enum: QUESTION_TYPES })
  @Optional()
  @IsIn(QUESTION_TYPES)
  type?: QuestionType;

  @ApiPropertyOptional({ enum: QUESTION_PURPOSES, default: 'survey', description: 'Survey questions, or the exit-interview ones.' })
  @Optional()
  @IsIn(QUESTION_PURPOSES)
  purpose?: QuestionPurpose;

  @ApiPropertyOptional({ description: 'Include retired questions.', default: false })
  @Optional()
  @ToBoolean()
  @IsBoolean()
  includeRetired?: boolean;
}

export class QuestionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ nullable: true, type: String }) driverKey!: string | null;
  @ApiProperty({ enum: QUESTION_TYPES }) type!: QuestionType;
  @ApiProperty({ example: TEXTS_EXAMPLE }) texts!: LocalizedTexts;
  @ApiProperty({ type: [QuestionOptionDto], nullable: true }) options!: QuestionOptionDto[] | null;
  @ApiProperty({ enum: QUESTION_PURPOSES }) purpose!: QuestionPurpose;
  @ApiProperty() builtin!: boolean;
  @ApiProperty() retired!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty() version!: number;
}

export class QuestionPageDto extends PageMetaDto {
  @ApiProperty({ type: [QuestionDto] }) items!: QuestionDto[];
}

export function toDriverDto(driver: SurveyDriverEntity): DriverDto {
  return { key: driver.key, name: driver.name, description: driver.description, builtin: driver.builtin };
}

export function toQuestionDto(question: SurveyQuestionEntity): QuestionDto {
  return {
    id: question.id,
    driverKey: question.driverKey,
    type: question.type,
    texts: question.texts,
    options: question.options,
    purpose: question.purpose,
    builtin: question.builtin,
    retired: question.retiredAt !== null,
    createdAt: question.createdAt.toISOString(),
    updatedAt: question.updatedAt.toISOString(),
    version: question.version,
  };
}
