import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '#src/common/pagination/pagination.js';
import { Optional } from '#src/common/validation/validators.js';
import { STAGES, TENURE_PHASES, type Stage, type TenurePhase } from '#src/modules/employees/domain/journey.js';
import { CHANNELS, PAIN_POINT_SOURCES, PAIN_POINT_STATUSES, type Channel, type PainPointSource, type PainPointStatus } from '../domain/touchpoints.js';

export class CreateTouchpointDto {
  @ApiProperty({ enum: STAGES })
  @IsIn(STAGES)
  stage!: Stage;

  @ApiProperty({ maxLength: 200, example: 'Laptop ready on day one' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @Optional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The unit that owns it (e.g. IT).' })
  @Optional()
  @IsUUID()
  ownerUnitId?: string;

  @ApiPropertyOptional({ maxLength: 100, example: 'manager', description: 'The role that owns it, when no unit does.' })
  @Optional()
  @IsString()
  @MaxLength(100)
  ownerRole?: string;

  @ApiProperty({ enum: CHANNELS })
  @IsIn(CHANNELS)
  channel!: Channel;

  @ApiPropertyOptional({ minimum: -365, maximum: 3650, default: 0, description: 'Expected day within the stage.' })
  @Optional()
  @IsInt()
  @Min(-365)
  @Max(3650)
  dayOffset?: number;
}

export class UpdateTouchpointDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ maxLength: 2000, nullable: true, type: String })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  ownerUnitId?: string | null;

  @ApiPropertyOptional({ maxLength: 100, nullable: true, type: String })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(100)
  ownerRole?: string | null;

  @ApiPropertyOptional({ enum: CHANNELS })
  @Optional()
  @IsIn(CHANNELS)
  channel?: Channel;

  @ApiPropertyOptional({ minimum: -365, maximum: 3650 })
  @Optional()
  @IsInt()
  @Min(-365)
  @Max(3650)
  dayOffset?: number;

  @ApiPropertyOptional({ description: 'true retires it (it leaves the map, its pain points stay); false brings it back.' })
  @Optional()
  @IsBoolean()
  retired?: boolean;

  @ApiPropertyOptional({ description: 'The version last read; when given and stale, the update is refused with 409.' })
  @Optional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class OrderTouchpointsDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'Every active touchpoint of the stage, in the new order.' })
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  touchpointIds!: string[];
}

export class TouchpointDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: STAGES }) stage!: Stage;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) ownerUnitId!: string | null;
  @ApiProperty({ nullable: true, type: String }) ownerRole!: string | null;
  @ApiProperty({ enum: CHANNELS }) channel!: Channel;
  @ApiProperty() dayOffset!: number;
  @ApiProperty() position!: number;
  @ApiProperty() retired!: boolean;
  @ApiProperty({ description: 'Pain points still new, acknowledged or in progress.' }) openPainPoints!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'This month’s impact score (on the map; see GET /reports/touchpoints).' }) impact!: number | null;
  @ApiProperty() version!: number;
}

export class MapStageDto {
  @ApiProperty({ enum: STAGES }) stage!: Stage;
  @ApiProperty({ type: [TouchpointDto] }) touchpoints!: TouchpointDto[];
}

export class JourneyMapDto {
  @ApiProperty({ type: [MapStageDto], description: 'The seven stages in journey order.' }) stages!: MapStageDto[];
}

export class ReportPainPointDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  touchpointId!: string;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  description!: string;

  @ApiProperty({ minimum: 1, maximum: 5 })
  @IsInt()
  @Min(1)
  @Max(5)
  severity!: number;

  @ApiPropertyOptional({ default: false, description: 'Employees only: store no person, only the day and the segment.' })
  @Optional()
  @IsBoolean()
  anonymous?: boolean;
}

export class PromoteCommentDto {
  @ApiProperty({ format: 'uuid', description: 'A survey comment HR can read (it passed the comment threshold, or is flagged).' })
  @IsUUID()
  commentId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  touchpointId!: string;

  @ApiProperty({ minimum: 1, maximum: 5 })
  @IsInt()
  @Min(1)
  @Max(5)
  severity!: number;
}

export class UpdatePainPointDto {
  @ApiPropertyOptional({ enum: PAIN_POINT_STATUSES })
  @Optional()
  @IsIn(PAIN_POINT_STATUSES)
  status?: PainPointStatus;

  @ApiPropertyOptional({ maxLength: 2000, description: 'The note kept with the status move (the resolution note when resolved or won’t fix).' })
  @Optional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'A survey action ("you said, we did") that answers it.' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  actionId?: string | null;
}

export class ListPainPointsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @Optional()
  @IsUUID()
  touchpointId?: string;

  @ApiPropertyOptional({ enum: PAIN_POINT_STATUSES })
  @Optional()
  @IsIn(PAIN_POINT_STATUSES)
  status?: PainPointStatus;
}

export class PainPointDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) touchpointId!: string;
  @ApiProperty() description!: string;
  @ApiProperty() severity!: number;
  @ApiProperty({ enum: PAIN_POINT_SOURCES }) source!: PainPointSource;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Named reports and observations only; never for anonymous ones.' }) reporterUserId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) unitId!: string | null;
  @ApiProperty({ enum: TENURE_PHASES, nullable: true }) tenurePhase!: TenurePhase | null;
  @ApiProperty({ enum: STAGES, nullable: true }) stage!: Stage | null;
  @ApiProperty({ nullable: true, type: String }) location!: string | null;
  @ApiProperty({ enum: PAIN_POINT_STATUSES }) status!: PainPointStatus;
  @ApiProperty({ nullable: true, type: String }) resolutionNote!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actionId!: string | null;
  @ApiProperty() meToos!: number;
  @ApiProperty({ example: '2026-11-25' }) reportedOn!: string;
}

export class PainPointPageDto extends PageMetaDto {
  @ApiProperty({ type: [PainPointDto] }) items!: PainPointDto[];
  @ApiProperty({ description: 'Anonymous reports left out of this page because their unit has fewer than k of them at the touchpoint.' }) suppressedAnonymous!: number;
}

export class PainPointEventDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: PAIN_POINT_STATUSES, nullable: true }) fromStatus!: PainPointStatus | null;
  @ApiProperty({ enum: PAIN_POINT_STATUSES }) toStatus!: PainPointStatus;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actorUserId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class MeTooDto {
  @ApiProperty() meToos!: number;
}
