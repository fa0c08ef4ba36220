import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { Optional } from '#src/common/validation/validators.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '#src/common/pagination/pagination.js';
import type { DomainEventEntity } from '../domain-event.entity.js';

export class EventFeedQueryDto {
  @ApiPropertyOptional({ example: 'employee.stage_changed' })
  @Optional()
  @IsString()
  @MaxLength(100)
  type?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Events about this employee.' })
  @Optional()
  @IsUUID()
  subjectId?: string;

  @ApiPropertyOptional({ description: 'The `seq` of the last event already read; the feed continues after it.' })
  @Optional()
  @Matches(/^\d{1,18}$/, { message: 'after must be the seq of an event' })
  after?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;
}

export class DomainEventDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'Position in the feed; pass the last one as `after`.' }) seq!: string;
  @ApiProperty({ example: 'employee.stage_changed' }) type!: string;
  @ApiProperty({ format: 'uuid' }) subjectId!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) payload!: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
}

export class EventFeedDto {
  @ApiProperty({ type: [DomainEventDto] }) items!: DomainEventDto[];
  @ApiProperty({ nullable: true, type: String, description: 'The `after` for the next read; null when the feed is empty.' })
  lastSeq!: string | null;
}

export function toEventDto(e: DomainEventEntity): DomainEventDto {
  return {
    id: e.id,
    seq: e.seq,
    type: e.type,
    subjectId: e.subjectId,
    payload: e.payload,
    occurredAt: e.occurredAt.toISOString(),
    recordedAt: e.createdAt.toISOString(),
  };
}
