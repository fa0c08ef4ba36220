import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsDate, IsEmail, IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '#src/common/pagination/pagination.js';
import { IsDateOnly, Optional } from '#src/common/validation/validators.js';
import { EMPLOYMENT_TYPES, STAGES, TENURE_PHASES, TRANSITION_SOURCES, type EmploymentType, type Stage, type TenurePhase, type TransitionSource } from '../domain/journey.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const nullable = (_: object, value: unknown) => value !== null;

/** Fields an employee can be created or updated with (stage only moves through transitions). */
class EmployeeFieldsDto {
  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 100, example: 'HR-00042', description: 'The HRIS id; unique in the tenant.' })
  @IsOptional()
  @ValidateIf(nullable)
  @IsString()
  @Transform(trim)
  @MinLength(1)
  @MaxLength(100)
  externalId?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'ada@example.com' })
  @IsOptional()
  @ValidateIf(nullable)
  @IsEmail()
  @MaxLength(254)
  workEmail?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 200 })
  @IsOptional()
  @ValidateIf(nullable)
  @IsString()
  @MaxLength(200)
  jobTitle?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid' })
  @IsOptional()
  @ValidateIf(nullable)
  @IsUUID()
  unitId?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid', description: 'Another employee.' })
  @IsOptional()
  @ValidateIf(nullable)
  @IsUUID()
  managerId?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 100, example: 'Lyon' })
  @IsOptional()
  @ValidateIf(nullable)
  @IsString()
  @MaxLength(100)
  location?: string | null;

  @ApiPropertyOptional({ nullable: true, enum: EMPLOYMENT_TYPES })
  @IsOptional()
  @ValidateIf(nullable)
  @IsIn(EMPLOYMENT_TYPES)
  employmentType?: EmploymentType | null;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'date', example: '2026-01-15' })
  @IsOptional()
  @ValidateIf(nullable)
  @IsDateOnly()
  startDate?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'date' })
  @IsOptional()
  @ValidateIf(nullable)
  @IsDateOnly()
  endDate?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid', description: 'The colleague who referred them.' })
  @IsOptional()
  @ValidateIf(nullable)
  @IsUUID()
  referredById?: string | null;
}

export class CreateEmployeeDto extends EmployeeFieldsDto {
  @ApiProperty({ maxLength: 100, example: 'Ada' })
  @IsString()
  @Transform(trim)
  @MinLength(1)
  @MaxLength(100)
  firstName!: string;

  @ApiProperty({ maxLength: 100, example: 'Lovelace' })
  @IsString()
  @Transform(trim)
  @MinLength(1)
  @MaxLength(100)
  lastName!: string;

  @ApiProperty({ enum: STAGES, description: 'The stage the employee starts in.' })
  @IsIn(STAGES)
  stage!: Stage;
}

export class UpdateEmployeeDto extends EmployeeFieldsDto {
  @ApiPropertyOptional({ description: 'The job-title change in this update is a promotion (announced as employee.promoted).' })
  @Optional()
  @IsBoolean()
  promotion?: boolean;

  @ApiPropertyOptional({ maxLength: 100 })
  @Optional()
  @IsString()
  @Transform(trim)
  @MinLength(1)
  @MaxLength(100)
  firstName?: string;

  @ApiPropertyOptional({ maxLength: 100 })
  @Optional()
  @IsString()
  @Transform(trim)
  @MinLength(1)
  @MaxLength(100)
  lastName?: string;

  @ApiPropertyOptional({ description: 'The version last read; when given and stale, the update is refused with 409.' })
  @Optional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class CreateTransitionDto {
  @ApiProperty({ enum: STAGES })
  @IsIn(STAGES)
  to!: Stage;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the move took effect; now when omitted. Not in the future.' })
  @Optional()
  @Type(() => Date)
  @IsDate()
  effectiveAt?: Date;

  @ApiPropertyOptional({ maxLength: 500 })
  @Optional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export const EMPLOYEE_SORTS = ['lastName', '-lastName', 'startDate', '-startDate', 'createdAt', '-createdAt'] as const;
export type EmployeeSort = (typeof EMPLOYEE_SORTS)[number];

export class ListEmployeesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Employees of this unit and all its sub-units.' })
  @Optional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ enum: STAGES })
  @Optional()
  @IsIn(STAGES)
  stage?: Stage;

  @ApiPropertyOptional({ enum: TENURE_PHASES })
  @Optional()
  @IsIn(TENURE_PHASES)
  tenurePhase?: TenurePhase;

  @ApiPropertyOptional({ maxLength: 100 })
  @Optional()
  @IsString()
  @MaxLength(100)
  location?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Direct reports of this employee.' })
  @Optional()
  @IsUUID()
  managerId?: string;

  @ApiPropertyOptional({ maxLength: 100, description: 'Case-insensitive match on name, work e-mail or external id.' })
  @Optional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: EMPLOYEE_SORTS, default: 'lastName' })
  @Optional()
  @IsIn(EMPLOYEE_SORTS)
  sort?: EmployeeSort;
}

export class EmployeeResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ nullable: true, type: String }) externalId!: string | null;
  @ApiProperty() firstName!: string;
  @ApiProperty() lastName!: string;
  @ApiProperty({ nullable: true, type: String }) workEmail!: string | null;
  @ApiProperty({ nullable: true, type: String }) jobTitle!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) unitId!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) managerId!: string | null;
  @ApiProperty({ nullable: true, type: String }) location!: string | null;
  @ApiProperty({ nullable: true, enum: EMPLOYMENT_TYPES }) employmentType!: EmploymentType | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) startDate!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) endDate!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) referredById!: string | null;
  @ApiProperty({ enum: STAGES }) stage!: Stage;
  @ApiProperty({ format: 'date-time' }) stageChangedAt!: string;
  @ApiProperty({ nullable: true, enum: TENURE_PHASES, description: 'Derived from the start date and stage, in the tenant’s time zone.' })
  tenurePhase!: TenurePhase | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'When the person was erased at their request; their names then read `Erased person`.' })
  erasedAt!: string | null;
}

export class EmployeePageDto extends PageMetaDto {
  @ApiProperty({ type: [EmployeeResponseDto] }) items!: EmployeeResponseDto[];
}

export class StageTransitionResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ nullable: true, enum: STAGES }) from!: Stage | null;
  @ApiProperty({ enum: STAGES }) to!: Stage;
  @ApiProperty({ format: 'date-time' }) effectiveAt!: string;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty({ enum: TRANSITION_SOURCES }) source!: TransitionSource;
  @ApiProperty({ description: 'A rehire (depart → attract).' }) boomerang!: boolean;
}

export class TransitionResultDto {
  @ApiProperty({ type: StageTransitionResponseDto }) transition!: StageTransitionResponseDto;
  @ApiProperty({ type: EmployeeResponseDto }) employee!: EmployeeResponseDto;
}

/**
 * The kinds of moment a journey shows, in the order moments of the same instant are listed (a move
 * before what it caused). Survey invitations never say whether or what one answered.
 */
export const JOURNEY_EVENT_TYPES = [
  'stage_changed',
  'assignment_changed',
  'separation_recorded',
  'separation_withdrawn',
  'checklist_started',
  'checklist_completed',
  'survey_invited',
  'pain_point_reported',
] as const;
export type JourneyEventType = (typeof JOURNEY_EVENT_TYPES)[number];

export class JourneyEventDto {
  @ApiProperty({ enum: JOURNEY_EVENT_TYPES }) type!: JourneyEventType;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The checklist, survey, pain point or separation the moment is about.' }) subjectId?: string;
  @ApiPropertyOptional({ description: 'What it is: a template, a survey and round, a touchpoint, a separation type.' }) label?: string;
  @ApiPropertyOptional({ nullable: true, enum: STAGES }) from?: Stage | null;
  @ApiPropertyOptional({ enum: STAGES }) to?: Stage;
  @ApiPropertyOptional({ nullable: true, type: String }) reason?: string | null;
  @ApiPropertyOptional({ enum: TRANSITION_SOURCES }) source?: TransitionSource;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid' }) unitId?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid' }) managerId?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) jobTitle?: string | null;
}

export class JourneyDto {
  @ApiProperty({ type: EmployeeResponseDto }) employee!: EmployeeResponseDto;
  @ApiProperty({ type: [JourneyEventDto], description: 'Oldest first.' }) events!: JourneyEventDto[];
}
