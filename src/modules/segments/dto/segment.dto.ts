import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsString, IsUUID, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '#src/common/pagination/pagination.js';
import { Optional, ToBoolean } from '#src/common/validation/validators.js';
import { EMPLOYMENT_TYPES, STAGES, TENURE_PHASES, type EmploymentType, type Stage, type TenurePhase } from '#src/modules/employees/domain/journey.js';
import type { ReportSegment } from '../domain/segment-filters.js';
import type { SegmentEntity } from '../segment.entity.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** At most this many values per filter. */
export const MAX_FILTER_VALUES = 100;

/** Each filter admits any of its values; filters combine with AND. At least one filter. */
export class SegmentFiltersDto {
  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: MAX_FILTER_VALUES, description: 'These units and all their sub-units.' })
  @Optional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_FILTER_VALUES)
  @IsUUID('all', { each: true })
  unitIds?: string[];

  @ApiPropertyOptional({ enum: STAGES, isArray: true, description: 'The stage of the journey (surveys: when answering).' })
  @Optional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(STAGES.length)
  @IsIn(STAGES, { each: true })
  stages?: Stage[];

  @ApiPropertyOptional({ enum: TENURE_PHASES, isArray: true, description: 'The tenure phase (surveys: when answering; attrition: on the day, or at exit).' })
  @Optional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(TENURE_PHASES.length)
  @IsIn(TENURE_PHASES, { each: true })
  tenurePhases?: TenurePhase[];

  @ApiPropertyOptional({ type: [String], maxItems: MAX_FILTER_VALUES, description: 'Locations, exactly as employees have them.' })
  @Optional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_FILTER_VALUES)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(200, { each: true })
  locations?: string[];

  @ApiPropertyOptional({ enum: EMPLOYMENT_TYPES, isArray: true })
  @Optional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(EMPLOYMENT_TYPES.length)
  @IsIn(EMPLOYMENT_TYPES, { each: true })
  employmentTypes?: EmploymentType[];

  @ApiPropertyOptional({ description: 'Hired through a referral (true) or not (false).' })
  @Optional()
  @IsBoolean()
  referralHire?: boolean;
}

export class CreateSegmentDto {
  @ApiProperty({ maxLength: 100, example: 'Referral hires in Lyon', description: 'Unique in the organisation, compared case-insensitively.' })
  @IsString()
  @Transform(trim)
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @ApiProperty({ type: SegmentFiltersDto })
  @IsObject()
  @ValidateNested()
  @Type(() => SegmentFiltersDto)
  filters!: SegmentFiltersDto;
}

export class UpdateSegmentDto {
  @ApiProperty({ description: 'The version last read; a stale one is refused with 409 segments.stale_version.' })
  @IsInt()
  @Min(1)
  version!: number;

  @ApiPropertyOptional({ maxLength: 100 })
  @Optional()
  @IsString()
  @Transform(trim)
  @MinLength(1)
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ type: SegmentFiltersDto, description: 'Replaces every filter.' })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => SegmentFiltersDto)
  filters?: SegmentFiltersDto;

  @ApiPropertyOptional({ description: 'Archive (true) or restore (false). Archived segments are left out of the list by default; reports still apply them.' })
  @Optional()
  @IsBoolean()
  archived?: boolean;
}

export const SEGMENT_SORTS = ['name', '-name', 'createdAt', '-createdAt', 'updatedAt', '-updatedAt'] as const;
export type SegmentSort = (typeof SEGMENT_SORTS)[number];

export class ListSegmentsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: SEGMENT_SORTS, default: 'name' })
  @Optional()
  @IsIn(SEGMENT_SORTS)
  sort?: SegmentSort;

  @ApiPropertyOptional({ maxLength: 100, description: 'Case-insensitive match on the name.' })
  @Optional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ default: false, description: 'Include archived segments.' })
  @Optional()
  @ToBoolean()
  @IsBoolean()
  includeArchived?: boolean;
}

export class SegmentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: SegmentFiltersDto }) filters!: SegmentFiltersDto;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) archivedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The user who created it (null when an API key did).' }) createdByUserId!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The API key that created it.' }) createdByApiKeyId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty() version!: number;
}

export class SegmentPageDto extends PageMetaDto {
  @ApiProperty({ type: [SegmentDto] }) items!: SegmentDto[];
}

/** What a report applied: the segment's id, name and filters. */
export class AppliedSegmentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: SegmentFiltersDto }) filters!: SegmentFiltersDto;
}

export function toSegmentDto(segment: SegmentEntity): SegmentDto {
  return {
    id: segment.id,
    name: segment.name,
    filters: segment.filters as SegmentFiltersDto,
    archivedAt: segment.archivedAt?.toISOString() ?? null,
    createdByUserId: segment.createdByUserId,
    createdByApiKeyId: segment.createdByApiKeyId,
    createdAt: segment.createdAt.toISOString(),
    updatedAt: segment.updatedAt.toISOString(),
    version: segment.version,
  };
}

/** A report's `segmentId` query parameter. */
export const SegmentIdQuery = (description: string): PropertyDecorator =>
  applyDecorators(ApiPropertyOptional({ format: 'uuid', description }), Optional(), IsUUID()) as PropertyDecorator;

/** What a report echoes of the segment it applied. */
export function toAppliedSegment(segment: ReportSegment): AppliedSegmentDto {
  return { id: segment.id, name: segment.name, filters: segment.filters as SegmentFiltersDto };
}
