import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { Optional, ToBoolean } from '#src/common/validation/validators.js';
import { PageMetaDto, PageQueryDto } from '#src/common/pagination/pagination.js';
import { UNIT_KINDS, type UnitKind } from '../unit.entity.js';
import type { UnitVersionEntity } from '../unit-version.entity.js';
import type { UnitEntity } from '../unit.entity.js';

/** Most rows a single `PUT /units/bulk` may carry. */
export const MAX_BULK_UNITS = 5000;

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Optional, but not nullable: null is checked (and refused) like any other wrong value. */
const unlessOmitted = () => ValidateIf((_: object, value: unknown) => value !== undefined);
export class CreateUnitDto {
  @ApiProperty({ example: 'Customer Success', maxLength: 200, description: 'Trimmed.' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ enum: UNIT_KINDS, default: 'team' })
  @Optional()
  @IsIn(UNIT_KINDS)
  kind?: UnitKind;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'The parent unit; omit or null for a root.' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  parentId?: string | null;

  @ApiPropertyOptional({ example: 'HRIS-4711', maxLength: 200, description: 'The HRIS id; unique in the tenant.' })
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  externalId?: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'The employee who manages the unit.' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  managerId?: string | null;
}

export class UpdateUnitDto {
  @ApiPropertyOptional({ maxLength: 200, description: 'Trimmed. A rename starts a new version in the history.' })
  @unlessOmitted()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: UNIT_KINDS })
  @unlessOmitted()
  @IsIn(UNIT_KINDS)
  kind?: UnitKind;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Moves the unit; null makes it a root. A move starts a new version in the history.',
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  parentId?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 200, description: 'null clears it.' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  externalId?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'null clears it.' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  managerId?: string | null;

  @ApiPropertyOptional({ description: 'The version last read; when given and stale, the update is refused with 409.' })
  @unlessOmitted()
  @IsInt()
  @Min(1)
  version?: number;
}

export class ListUnitsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the direct sub-units of this unit.' })
  @Optional()
  @IsUUID()
  parentId?: string;

  @ApiPropertyOptional({ enum: UNIT_KINDS })
  @Optional()
  @IsIn(UNIT_KINDS)
  kind?: UnitKind;

  @ApiPropertyOptional({ description: 'Case-insensitive match on the name.', maxLength: 100 })
  @Optional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ description: 'Include archived units.', default: false })
  @Optional()
  @ToBoolean()
  @IsBoolean()
  includeArchived?: boolean;

  @ApiPropertyOptional({
    description: 'Answer the whole tree of non-archived units at once, unpaged. Cannot be combined with the other parameters.',
    default: false,
  })
  @Optional()
  @ToBoolean()
  @IsBoolean()
  tree?: boolean;
}

export class UnitResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ nullable: true, type: String, description: 'The HRIS id.' }) externalId!: string | null;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: UNIT_KINDS }) kind!: UnitKind;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) parentId!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The employee who manages the unit.' })
  managerId!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'Set once the unit is archived.' })
  archivedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ description: 'Optimistic-locking version; send it back on update.' }) version!: number;
}

export class UnitPageDto extends PageMetaDto {
  @ApiProperty({ type: [UnitResponseDto] }) items!: UnitResponseDto[];
}

export class UnitTreeNodeDto extends UnitResponseDto {
  @ApiProperty({ type: () => UnitTreeNodeDto, isArray: true, description: 'Sub-units, by name.' })
  children!: UnitTreeNodeDto[];
}

export class UnitTreeDto {
  @ApiProperty({ type: [UnitTreeNodeDto], description: 'The root units, by name, each with its sub-units.' })
  items!: UnitTreeNodeDto[];
}

export class UnitVersionResponseDto {
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) parentId!: string | null;
  @ApiProperty({ format: 'date-time' }) validFrom!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'Null for the current version.' })
  validTo!: string | null;
}

export class UnitHistoryDto {
  @ApiProperty({ type: [UnitVersionResponseDto], description: 'Oldest first.' }) items!: UnitVersionResponseDto[];
}

export class BulkUnitItemDto {
  @ApiProperty({ example: 'HRIS-4711', maxLength: 200, description: 'The HRIS id: the key of the upsert.' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  externalId!: string;

  @ApiProperty({ example: 'Customer Success', maxLength: 200, description: 'Trimmed.' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ enum: UNIT_KINDS, description: 'Omitted: `team` for a new unit, unchanged for an existing one.' })
  @Optional()
  @IsIn(UNIT_KINDS)
  kind?: UnitKind;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    maxLength: 200,
    description: 'External id of the parent, in this payload or already stored. Omitted or null: a root unit.',
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  parentExternalId?: string | null;
}

export class BulkUpsertUnitsDto {
  @ApiProperty({ type: [BulkUnitItemDto], maxItems: MAX_BULK_UNITS })
  @IsArray()
  @ArrayMaxSize(MAX_BULK_UNITS)
  @ValidateNested({ each: true })
  @Type(() => BulkUnitItemDto)
  items!: BulkUnitItemDto[];
}

export const BULK_STATUSES = ['created', 'updated', 'unchanged'] as const;
export type BulkStatus = (typeof BULK_STATUSES)[number];

export class BulkUnitResultDto {
  @ApiProperty() externalId!: string;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: BULK_STATUSES }) status!: BulkStatus;
}

export class BulkUpsertUnitsResponseDto {
  @ApiProperty({ type: [BulkUnitResultDto], description: 'One result per item, in the order sent.' })
  results!: BulkUnitResultDto[];
}

/** One refused row of a bulk upsert, as listed in a `units.bulk_rejected` problem's `errors`. */
export interface BulkRowError {
  readonly index: number;
  readonly externalId: string;
  readonly message: string;
}

export function toUnitResponse(unit: UnitEntity): UnitResponseDto {
  return {
    id: unit.id,
    externalId: unit.externalId,
    name: unit.name,
    kind: unit.kind,
    parentId: unit.parentId,
    managerId: unit.managerId,
    archivedAt: unit.archivedAt?.toISOString() ?? null,
    createdAt: unit.createdAt.toISOString(),
    updatedAt: unit.updatedAt.toISOString(),
    version: unit.version,
  };
}

export function toUnitVersionResponse(version: UnitVersionEntity): UnitVersionResponseDto {
  return {
    name: version.name,
    parentId: version.parentId,
    validFrom: version.validFrom.toISOString(),
    validTo: version.validTo?.toISOString() ?? null,
  };
}

/**
 * Nests units under their parents, keeping the given order among siblings. A unit whose parent is
 * not in the list becomes a root, so nothing is dropped.
 */
export function toUnitTree(units: readonly UnitEntity[]): UnitTreeDto {
  const nodes = new Map<string, UnitTreeNodeDto>(units.map((unit) => [unit.id, { ...toUnitResponse(unit), children: [] }]));
  const roots: UnitTreeNodeDto[] = [];
  for (const unit of units) {
    const node = nodes.get(unit.id)!;
    const parent = unit.parentId === null ? undefined : nodes.get(unit.parentId);
    (parent ? parent.children : roots).push(node);
  }
  return { items: roots };
}
