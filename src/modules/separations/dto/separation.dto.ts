import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, ValidateIf } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '#src/common/pagination/pagination.js';
import { IsBcp47Locale, IsDateOnly, Optional, ToBoolean } from '#src/common/validation/validators.js';
import { STAGES, type Stage } from '#src/modules/employees/domain/journey.js';
import { EXIT_INTERVIEW_STATUSES, type ExitInterviewStatus } from '../domain/exit-interviews.js';
import { REASON_KEY, SEPARATION_STATUSES, SEPARATION_TYPES, type SeparationStatus, type SeparationType } from '../domain/separations.js';

const REASON_KEY_MESSAGE = '$property must be a reason key: lower-case letters, digits and underscores, 2 to 40 characters';

export class CreateSeparationDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  employeeId!: string;

  @ApiProperty({ example: '2026-11-02', description: 'The day notice was given or received.' })
  @IsDateOnly()
  noticeDate!: string;

  @ApiProperty({ example: '2026-11-30', description: 'The last day worked; becomes the employee’s end date.' })
  @IsDateOnly()
  lastWorkingDay!: string;

  @ApiProperty({ enum: SEPARATION_TYPES })
  @IsIn(SEPARATION_TYPES)
  type!: SeparationType;

  @ApiPropertyOptional({ nullable: true, type: Boolean, description: 'Would we have wanted to keep them? Null: not said yet.' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsBoolean()
  regrettable?: boolean | null;

  @ApiProperty({ example: 'career_growth', description: 'A key of the organisation’s reason taxonomy (`GET /separation-reasons`).' })
  @IsString()
  @Matches(REASON_KEY, { message: REASON_KEY_MESSAGE })
  primaryReason!: string;

  @ApiPropertyOptional({ type: [String], example: ['compensation'], description: 'Other reasons, none the primary one.' })
  @Optional()
  @ArrayMaxSize(9)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(REASON_KEY, { each: true, message: REASON_KEY_MESSAGE })
  secondaryReasons?: string[];

  @ApiPropertyOptional({ nullable: true, type: Boolean, description: 'Would we hire them again? Null: not decided.' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsBoolean()
  rehireEligible?: boolean | null;

  @ApiPropertyOptional({ default: false, description: 'The leaver consents to stay in touch as an alumnus (then `alumniEmail` is required).' })
  @Optional()
  @IsBoolean()
  alumniOptIn?: boolean;

  @ApiPropertyOptional({ maxLength: 254, description: 'The contact e-mail the leaver gave for alumni news; only with `alumniOptIn`.' })
  @Optional()
  @IsEmail()
  @MaxLength(254)
  alumniEmail?: string;

  @ApiPropertyOptional({ default: true, description: 'Start the offboarding checklist (or keep the one already running).' })
  @Optional()
  @IsBoolean()
  startOffboarding?: boolean;

  @ApiPropertyOptional({ format: 'uuid', description: 'The offboarding template to start (default: the organisation’s oldest active offboarding template).' })
  @Optional()
  @IsUUID()
  checklistTemplateId?: string;

  @ApiPropertyOptional({ default: true, description: 'Open an exit interview and send the leaver its link (`exit_interview.invited`).' })
  @Optional()
  @IsBoolean()
  exitInterview?: boolean;

  @ApiPropertyOptional({ example: 'fr', description: 'The locale of the exit interview (default: the organisation’s).' })
  @Optional()
  @IsBcp47Locale()
  locale?: string;
}

export class UpdateSeparationDto {
  @ApiPropertyOptional({ description: 'The version read; a mismatch is a 409 (someone else changed it).' })
  @Optional()
  @IsInt()
  @Min(1)
  version?: number;

  @ApiPropertyOptional({ example: '2026-11-02' })
  @Optional()
  @IsDateOnly()
  noticeDate?: string;

  @ApiPropertyOptional({ example: '2026-11-30' })
  @Optional()
  @IsDateOnly()
  lastWorkingDay?: string;

  @ApiPropertyOptional({ enum: SEPARATION_TYPES })
  @Optional()
  @IsIn(SEPARATION_TYPES)
  type?: SeparationType;

  @ApiPropertyOptional({ nullable: true, type: Boolean })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsBoolean()
  regrettable?: boolean | null;

  @ApiPropertyOptional()
  @Optional()
  @IsString()
  @Matches(REASON_KEY, { message: REASON_KEY_MESSAGE })
  primaryReason?: string;

  @ApiPropertyOptional({ type: [String] })
  @Optional()
  @ArrayMaxSize(9)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(REASON_KEY, { each: true, message: REASON_KEY_MESSAGE })
  secondaryReasons?: string[];

  @ApiPropertyOptional({ nullable: true, type: Boolean })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsBoolean()
  rehireEligible?: boolean | null;

  @ApiPropertyOptional()
  @Optional()
  @IsBoolean()
  alumniOptIn?: boolean;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 254 })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsEmail()
  @MaxLength(254)
  alumniEmail?: string | null;
}

export class RegrettableDto {
  @ApiProperty({ nullable: true, type: Boolean, description: 'Would we have wanted to keep them? Null: undecided.' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsBoolean()
  regrettable!: boolean | null;
}

export class RegrettableResultDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ nullable: true, type: Boolean }) regrettable!: boolean | null;
}

export class WithdrawSeparationDto {
  @ApiPropertyOptional({ maxLength: 2000, example: 'Accepted a counter-offer.' })
  @Optional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export const SEPARATION_SORTS = ['lastWorkingDay', '-lastWorkingDay', 'createdAt', '-createdAt'] as const;
export type SeparationSort = (typeof SEPARATION_SORTS)[number];

export class ListSeparationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: SEPARATION_STATUSES })
  @Optional()
  @IsIn(SEPARATION_STATUSES)
  status?: SeparationStatus;

  @ApiPropertyOptional({ enum: SEPARATION_TYPES })
  @Optional()
  @IsIn(SEPARATION_TYPES)
  type?: SeparationType;

  @ApiPropertyOptional({ format: 'uuid' })
  @Optional()
  @IsUUID()
  employeeId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Leavers of this unit (when they left) and its sub-units.' })
  @Optional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ description: 'Primary reason key.' })
  @Optional()
  @IsString()
  @Matches(REASON_KEY, { message: REASON_KEY_MESSAGE })
  reason?: string;

  @ApiPropertyOptional({ example: '2026-01-01', description: 'Last working day on or after.' })
  @Optional()
  @IsDateOnly()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Last working day on or before.' })
  @Optional()
  @IsDateOnly()
  to?: string;

  @ApiPropertyOptional({ enum: SEPARATION_SORTS, default: '-lastWorkingDay' })
  @Optional()
  @IsIn(SEPARATION_SORTS)
  sort?: SeparationSort;
}

export class SeparationExitInterviewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: EXIT_INTERVIEW_STATUSES }) status!: ExitInterviewStatus;
  @ApiProperty({ nullable: true, type: String, description: 'The leaver’s personal link while unanswered.' }) link!: string | null;
}

export class SeparationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) employeeId!: string;
  @ApiProperty({ enum: SEPARATION_STATUSES }) status!: SeparationStatus;
  @ApiProperty({ enum: SEPARATION_TYPES }) type!: SeparationType;
  @ApiProperty({ example: '2026-11-02' }) noticeDate!: string;
  @ApiProperty({ example: '2026-11-30' }) lastWorkingDay!: string;
  @ApiProperty({ nullable: true, type: Boolean }) regrettable!: boolean | null;
  @ApiProperty() primaryReason!: string;
  @ApiProperty({ type: [String] }) secondaryReasons!: string[];
  @ApiProperty({ nullable: true, type: Boolean }) rehireEligible!: boolean | null;
  @ApiProperty() alumniOptIn!: boolean;
  @ApiProperty({ nullable: true, type: String }) alumniEmail!: string | null;
  @ApiProperty({ enum: STAGES, nullable: true, description: 'The stage left for depart: where a withdrawal returns the employee.' })
  previousStage!: Stage | null;
  @ApiProperty({ nullable: true, type: String, description: 'Copied from the employee when recorded.' }) startDate!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The unit when recorded.' }) unitId!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The manager when recorded.' }) managerId!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The offboarding checklist.' }) checklistId!: string | null;
  @ApiProperty({ nullable: true, type: SeparationExitInterviewDto }) exitInterview!: SeparationExitInterviewDto | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) withdrawnAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) withdrawalReason!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty() version!: number;
}

export class SeparationPageDto extends PageMetaDto {
  @ApiProperty({ type: [SeparationDto] }) items!: SeparationDto[];
}

export class ReasonDto {
  @ApiProperty({ example: 'career_growth' }) key!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ description: 'One of the defaults every organisation starts with.' }) builtin!: boolean;
  @ApiProperty({ description: 'Retired reasons stay on the separations that name them but cannot be chosen again.' }) retired!: boolean;
}

export class CreateReasonDto {
  @ApiProperty({ example: 'commute' })
  @IsString()
  @Matches(REASON_KEY, { message: REASON_KEY_MESSAGE })
  key!: string;

  @ApiProperty({ maxLength: 100 })
  @IsString()
  @MaxLength(100)
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @Optional()
  @IsString()
  @MaxLength(500)
  description?: string;
}

export class UpdateReasonDto {
  @ApiPropertyOptional({ maxLength: 100 })
  @Optional()
  @IsString()
  @MaxLength(100)
  @Matches(/\S/, { message: 'name must not be blank' })
  name?: string;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 500 })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(500)
  description?: string | null;

  @ApiPropertyOptional({ description: 'Retire (true) or bring back (false).' })
  @Optional()
  @IsBoolean()
  retired?: boolean;
}

export class ListReasonsQueryDto {
  @ApiPropertyOptional({ default: false, description: 'Include retired reasons.' })
  @Optional()
  @ToBoolean()
  @IsBoolean()
  includeRetired?: boolean;
}
