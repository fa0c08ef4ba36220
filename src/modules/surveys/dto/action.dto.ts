import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '#src/common/pagination/pagination.js';
import { IsDateOnly, Optional, ToBoolean } from '#src/common/validation/validators.js';
import { ACTION_STATUSES, type ActionStatus } from '../domain/actions.js';
import { SuppressedDto } from './results.dto.js';

export class CreateActionDto {
  @ApiProperty({ format: 'uuid', description: 'The survey whose results the action answers.' })
  @IsUUID()
  surveyId!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The round it answers (default: none in particular).' })
  @Optional()
  @IsUUID()
  roundId?: string;

  @ApiProperty({ format: 'uuid', description: 'The unit that acts (managers: one of their reporting line).' })
  @IsUUID()
  unitId!: string;

  @ApiProperty({ example: 'growth' })
  @IsString()
  @MaxLength(48)
  driverKey!: string;

  @ApiProperty({ example: 'Monthly learning hour', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title!: string;

  @ApiPropertyOptional({ maxLength: 4000 })
  @Optional()
  @IsString()
  @MaxLength(4000)
  description?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The user who owns it.' })
  @Optional()
  @IsUUID()
  ownerUserId?: string;

  @ApiPropertyOptional({ example: '2026-12-31' })
  @Optional()
  @IsDateOnly()
  dueOn?: string;
}

export class UpdateActionDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ maxLength: 4000, nullable: true, type: String })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(4000)
  description?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  ownerUserId?: string | null;

  @ApiPropertyOptional({ example: '2026-12-31', nullable: true, type: String })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsDateOnly()
  dueOn?: string | null;

  @ApiPropertyOptional({ enum: ACTION_STATUSES })
  @Optional()
  @IsIn(ACTION_STATUSES)
  status?: ActionStatus;

  @ApiPropertyOptional({ description: 'The version last read; when given and stale, the update is refused with 409.' })
  @Optional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class CreateActionUpdateDto {
  @ApiProperty({ maxLength: 4000, example: 'First learning hour held; 14 people came.' })
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  note!: string;

  @ApiPropertyOptional({ enum: ACTION_STATUSES, description: 'Moves the action to this status with the note.' })
  @Optional()
  @IsIn(ACTION_STATUSES)
  status?: ActionStatus;
}

export class ListActionsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @Optional()
  @IsUUID()
  surveyId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'This unit and its sub-units.' })
  @Optional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional()
  @Optional()
  @IsString()
  @MaxLength(48)
  driverKey?: string;

  @ApiPropertyOptional({ enum: ACTION_STATUSES })
  @Optional()
  @IsIn(ACTION_STATUSES)
  status?: ActionStatus;

  @ApiPropertyOptional({ description: 'Only actions past their due date and not done.' })
  @Optional()
  @ToBoolean()
  @IsBoolean()
  overdue?: boolean;
}

export class ActionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) surveyId!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) roundId!: string | null;
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty() driverKey!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) ownerUserId!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2026-12-31' }) dueOn!: string | null;
  @ApiProperty({ enum: ACTION_STATUSES }) status!: ActionStatus;
  @ApiProperty({ description: 'Past its due date and not done.' }) overdue!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty() version!: number;
}

export class ActionPageDto extends PageMetaDto {
  @ApiProperty({ type: [ActionDto] }) items!: ActionDto[];
}

export class ImpactPointDto {
  @ApiProperty() roundNumber!: number;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({
    nullable: true,
    description: 'The driver’s mean (1–5) for the unit in that round, or suppressed; null when the round did not ask it.',
    oneOf: [{ type: 'number' }, { $ref: '#/components/schemas/SuppressedDto' }],
  })
  mean!: number | SuppressedDto | null;
}

export class ActionImpactDto {
  @ApiProperty({ type: ImpactPointDto, nullable: true, description: 'The last round opened before the action was made.' }) before!: ImpactPointDto | null;
  @ApiProperty({ type: [ImpactPointDto], description: 'The rounds opened since (at most 12).' }) after!: ImpactPointDto[];
}

export class ActionDetailDto extends ActionDto {
  @ApiProperty({ type: ActionImpactDto, description: 'Did it help? The driver’s score for the unit before and after.' }) impact!: ActionImpactDto;
}

export class ActionUpdateDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ enum: ACTION_STATUSES, nullable: true }) status!: ActionStatus | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) authorUserId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}
