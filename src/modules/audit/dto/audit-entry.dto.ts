import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsString, IsUUID, Matches, MaxLength, ValidateIf } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '#src/common/pagination/pagination.js';
import { Optional } from '#src/common/validation/validators.js';
import type { AuditEntryEntity } from '../audit-entry.entity.js';
import { AUDIT_ACTOR_TYPES, AUDIT_ENTITY_TYPES, AUDIT_SOURCES, type AuditActorType, type AuditEntityType, type AuditSource } from '../domain/audit.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class AuditLogQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: AUDIT_ENTITY_TYPES })
  @Optional()
  @IsIn(AUDIT_ENTITY_TYPES)
  entityType?: AuditEntityType;

  @ApiPropertyOptional({ format: 'uuid', description: 'Entries about this employee, separation, task, key, user…' })
  @Optional()
  @IsUUID()
  entityId?: string;

  @ApiPropertyOptional({ description: 'Entries made by this user or API key (its id), or `system`.', example: 'system' })
  @Optional()
  @IsString()
  @ValidateIf((_, value) => value !== 'system')
  @Matches(UUID, { message: 'actor must be a user or API key id, or system' })
  actor?: string;

  @ApiPropertyOptional({ example: 'employee.updated' })
  @Optional()
  @IsString()
  @MaxLength(100)
  @Matches(/^[a-z_]+\.[a-z_]+$/, { message: 'action must be written <entity>.<verb>, such as employee.updated' })
  action?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Entries at or after this instant.' })
  @Optional()
  @Type(() => Date)
  @IsDate()
  from?: Date;

  @ApiPropertyOptional({ format: 'date-time', description: 'Entries before this instant.' })
  @Optional()
  @Type(() => Date)
  @IsDate()
  to?: Date;
}

export class AuditEntryDto {
  @ApiProperty({ example: '1042', description: 'The entry’s number: entries are numbered in the order they were written.' }) id!: string;
  @ApiProperty({ format: 'date-time', description: 'When the transaction of the change started.' }) at!: string;
  @ApiProperty({ enum: AUDIT_ACTOR_TYPES }) actorType!: AuditActorType;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The user or API key; null for the system.' }) actorId!: string | null;
  @ApiProperty({ enum: AUDIT_SOURCES, description: '`api` (a request), `hris_import` (bulk or CSV import) or `system` (jobs, playbooks).' })
  source!: AuditSource;
  @ApiProperty({ nullable: true, type: String, description: 'The request’s `x-request-id`, when the change came from a request.' }) requestId!: string | null;
  @ApiProperty({ example: 'employee.updated' }) action!: string;
  @ApiProperty({ enum: AUDIT_ENTITY_TYPES }) entityType!: AuditEntityType;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Null only for an export of a report.' }) entityId!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'The changed fields before the change; personal values and free text read `[redacted]`. Null for a creation or an export.',
  })
  before!: Record<string, unknown> | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'The changed fields after the change; for an export, what was exported.' })
  after!: Record<string, unknown> | null;
}

export class AuditLogPageDto extends PageMetaDto {
  @ApiProperty({ type: [AuditEntryDto] }) items!: AuditEntryDto[];
}

export function toAuditEntryDto(e: AuditEntryEntity): AuditEntryDto {
  return {
    id: e.id,
    at: e.at.toISOString(),
    actorType: e.actorType,
    actorId: e.actorId,
    source: e.source,
    requestId: e.requestId,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    before: e.before,
    after: e.after,
  };
}
