import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { Optional, ToBoolean } from '#src/common/validation/validators.js';
import { PageMetaDto, PageQueryDto } from '#src/common/pagination/pagination.js';
import { STAGES } from '#src/modules/employees/domain/journey.js';
import { RUN_STATUSES, type PlaybookRunEntity, type RunStatus } from '../playbook-run.entity.js';
import type { PlaybookEntity } from '../playbook.entity.js';

const nullable = (_: object, value: unknown) => value !== null;

export class CreatePlaybookDto {
  @ApiProperty({ example: 'Welcome ping on day 7', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'employee.stage_changed', description: 'The domain event that starts it.' })
  @Matches(/^[a-z_]+\.[a-z_]+$/, { message: 'triggerEvent must be an event type such as employee.stage_changed' })
  triggerEvent!: string;

  @ApiPropertyOptional({ enum: STAGES, description: 'With employee.stage_changed: only moves into this stage.' })
  @Optional()
  @IsIn(STAGES)
  triggerStage?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only employees of this unit and its sub-units.' })
  @Optional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ maxLength: 100 })
  @Optional()
  @IsString()
  @MaxLength(100)
  location?: string;

  @ApiProperty({ example: 'notify', description: 'A registered action (GET /api/v1/playbook-actions).' })
  @IsString()
  @MaxLength(100)
  action!: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { message: 'Say hello to your buddy' } })
  @Optional()
  @IsObject()
  params?: Record<string, unknown>;

  @ApiPropertyOptional({ minimum: 0, maximum: 3650, default: 0, description: 'Days after the event.' })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(3650)
  delayDays?: number;
}

export class UpdatePlaybookDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @Optional()
  @IsObject()
  params?: Record<string, unknown>;

  @ApiPropertyOptional({ minimum: 0, maximum: 3650 })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(3650)
  delayDays?: number;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 100 })
  @IsOptional()
  @ValidateIf(nullable)
  @IsString()
  @MaxLength(100)
  location?: string | null;

  @ApiPropertyOptional({ description: 'false stops new and pending runs; true resumes.' })
  @Optional()
  @IsBoolean()
  active?: boolean;
}

export class ListRunsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: RUN_STATUSES })
  @Optional()
  @IsIn(RUN_STATUSES)
  status?: RunStatus;
}

export class ListPlaybooksQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ default: false })
  @Optional()
  @ToBoolean()
  @IsBoolean()
  includeInactive?: boolean;
}

export class PlaybookResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() triggerEvent!: string;
  @ApiProperty({ nullable: true, type: String }) triggerStage!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) unitId!: string | null;
  @ApiProperty({ nullable: true, type: String }) location!: string | null;
  @ApiProperty() action!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) params!: Record<string, unknown>;
  @ApiProperty() delayDays!: number;
  @ApiProperty() active!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty() version!: number;
}

export class PlaybookPageDto extends PageMetaDto {
  @ApiProperty({ type: [PlaybookResponseDto] }) items!: PlaybookResponseDto[];
}

export class PlaybookRunDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ format: 'uuid' }) employeeId!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ enum: RUN_STATUSES }) status!: RunStatus;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true }) result!: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) completedAt!: string | null;
}

export class PlaybookRunPageDto extends PageMetaDto {
  @ApiProperty({ type: [PlaybookRunDto] }) items!: PlaybookRunDto[];
}

export class PlaybookActionDto {
  @ApiProperty({ example: 'notify' }) key!: string;
  @ApiProperty() description!: string;
}

export function toPlaybookResponse(p: PlaybookEntity): PlaybookResponseDto {
  return {
    id: p.id,
    name: p.name,
    triggerEvent: p.triggerEvent,
    triggerStage: p.triggerStage,
    unitId: p.unitId,
    location: p.location,
    action: p.action,
    params: p.actionParams,
    delayDays: p.delayDays,
    active: p.disabledAt === null,
    createdAt: p.createdAt.toISOString(),
    version: p.version,
  };
}

export function toRunDto(r: PlaybookRunEntity): PlaybookRunDto {
  return {
    id: r.id,
    eventId: r.eventId,
    employeeId: r.employeeId,
    dueAt: r.dueAt.toISOString(),
    status: r.status,
    attempts: r.attempts,
    result: r.result,
    error: r.error,
    completedAt: r.completedAt?.toISOString() ?? null,
  };
}
