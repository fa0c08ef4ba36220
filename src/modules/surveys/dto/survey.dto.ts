import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { MIN_ANONYMITY_THRESHOLD } from '#src/modules/tenancy/dto/tenant.dto.js';
import { PageMetaDto, PageQueryDto } from '#src/common/pagination/pagination.js';
import { Optional, ToBoolean } from '#src/common/validation/validators.js';
import { STAGES, TENURE_PHASES, type Stage, type TenurePhase } from '#src/modules/employees/domain/journey.js';
import { CADENCES, SURVEY_KINDS, type Cadence, type SurveyKind } from '../domain/surveys.js';
import type { SurveyEntity } from '../entities/survey.entity.js';

export const MAX_SURVEY_QUESTIONS = 60;

export class AudienceDto {
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Units, each with its sub-units; empty: everyone.' })
  @Optional()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  unitIds?: string[];

  @ApiPropertyOptional({ enum: STAGES, isArray: true, description: 'Default: onboard, engage, perform, develop.' })
  @Optional()
  @IsIn(STAGES, { each: true })
  stages?: Stage[];

  @ApiPropertyOptional({ enum: TENURE_PHASES, isArray: true })
  @Optional()
  @IsIn(TENURE_PHASES, { each: true })
  tenurePhases?: TenurePhase[];

  @ApiPropertyOptional({ type: [String] })
  @Optional()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  locations?: string[];
}

class SurveySettingsDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 90, description: 'Days a round stays open (default 7 for pulses, 14 otherwise).' })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(90)
  windowDays?: number;

  @ApiPropertyOptional({ minimum: MIN_ANONYMITY_THRESHOLD, maximum: 100, description: 'k for this survey; default the organisation’s. Can only rise once a round has opened.' })
  @Optional()
  @IsInt()
  @Min(MIN_ANONYMITY_THRESHOLD)
  @Max(100)
  anonymityThreshold?: number;

  @ApiPropertyOptional({ minimum: MIN_ANONYMITY_THRESHOLD, maximum: 100, description: 'Comment threshold; default the organisation’s. Can only rise once a round has opened.' })
  @Optional()
  @IsInt()
  @Min(MIN_ANONYMITY_THRESHOLD)
  @Max(100)
  commentThreshold?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_SURVEY_QUESTIONS, nullable: true, type: Number, description: 'Pulses: questions per round besides eNPS (null: all).' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(MAX_SURVEY_QUESTIONS)
  questionsPerRound?: number | null;

  @ApiPropertyOptional({ type: AudienceDto })
  @Optional()
  @ValidateNested()
  @Type(() => AudienceDto)
  audience?: AudienceDto;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Questions of the bank, in the order asked.' })
  @Optional()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SURVEY_QUESTIONS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  questionIds?: string[];
}

export class CreateSurveyDto extends SurveySettingsDto {
  @ApiProperty({ example: 'Monthly pulse', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: SURVEY_KINDS })
  @IsIn(SURVEY_KINDS)
  kind!: SurveyKind;

  @ApiPropertyOptional({ enum: CADENCES, description: 'Pulses only, and required for them.' })
  @Optional()
  @IsIn(CADENCES)
  cadence?: Cadence;

  @ApiPropertyOptional({ format: 'date-time', description: 'Pulses: when the scheduler opens the first round. Omit to open it by hand.' })
  @Optional()
  @IsDateString({ strict: true })
  startsAt?: string;

  @ApiProperty({ type: [String], format: 'uuid', description: 'Questions of the bank, in the order asked.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SURVEY_QUESTIONS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  declare questionIds: string[];
}

export class UpdateSurveyDto extends SurveySettingsDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: CADENCES, description: 'Pulses only.' })
  @Optional()
  @IsIn(CADENCES)
  cadence?: Cadence;

  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String, description: 'Pulses: when the next round opens; null stops the schedule.' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsDateString({ strict: true })
  nextRoundAt?: string | null;

  @ApiPropertyOptional({ description: 'true archives the survey (no new rounds); false restores it.' })
  @Optional()
  @IsBoolean()
  archived?: boolean;

  @ApiPropertyOptional({ description: 'The version last read; when given and stale, the update is refused with 409.' })
  @Optional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class ListSurveysQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: SURVEY_KINDS })
  @Optional()
  @IsIn(SURVEY_KINDS)
  kind?: SurveyKind;

  @ApiPropertyOptional({ description: 'Include archived surveys.', default: false })
  @Optional()
  @ToBoolean()
  @IsBoolean()
  includeArchived?: boolean;
}

export class AudienceResponseDto {
  @ApiProperty({ type: [String], format: 'uuid' }) unitIds!: string[];
  @ApiProperty({ enum: STAGES, isArray: true }) stages!: Stage[];
  @ApiProperty({ enum: TENURE_PHASES, isArray: true }) tenurePhases!: TenurePhase[];
  @ApiProperty({ type: [String] }) locations!: string[];
}

export class SurveyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: SURVEY_KINDS }) kind!: SurveyKind;
  @ApiProperty({ enum: CADENCES, nullable: true }) cadence!: Cadence | null;
  @ApiProperty({ nullable: true, type: Number }) questionsPerRound!: number | null;
  @ApiProperty({ type: AudienceResponseDto }) audience!: AudienceResponseDto;
  @ApiProperty({ type: [String], format: 'uuid' }) questionIds!: string[];
  @ApiProperty() windowDays!: number;
  @ApiProperty() anonymityThreshold!: number;
  @ApiProperty() commentThreshold!: number;
  @ApiProperty({ description: 'Whether a round has opened, so thresholds can only rise.' }) thresholdsLocked!: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) nextRoundAt!: string | null;
  @ApiProperty() archived!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty() version!: number;
}

export class SurveyPageDto extends PageMetaDto {
  @ApiProperty({ type: [SurveyDto] }) items!: SurveyDto[];
}

export function toSurveyDto(survey: SurveyEntity): SurveyDto {
  return {
    id: survey.id,
    name: survey.name,
    kind: survey.kind,
    cadence: survey.cadence,
    questionsPerRound: survey.questionsPerRound,
    audience: survey.audience,
    questionIds: survey.questionIds,
    windowDays: survey.windowDays,
    anonymityThreshold: survey.anonymityThreshold,
    commentThreshold: survey.commentThreshold,
    thresholdsLocked: survey.thresholdsLockedAt !== null,
    nextRoundAt: survey.nextRoundAt?.toISOString() ?? null,
    archived: survey.archivedAt !== null,
    createdAt: survey.createdAt.toISOString(),
    updatedAt: survey.updatedAt.toISOString(),
    version: survey.version,
  };
}
