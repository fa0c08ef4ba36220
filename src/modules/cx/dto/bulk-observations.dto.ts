import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsNumber, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import type { FieldError } from '#src/common/errors/common-problems.js';
import { Optional } from '#src/common/validation/validators.js';

export const MAX_BULK_OBSERVATIONS = 10_000;

/** One customer figure as a CX system sends it. The unit is named by id or by its HRIS external id. */
export class CxObservationItemDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The unit (or give unitExternalId).' })
  @Optional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ maxLength: 100, description: 'The unit’s external id (or give unitId).' })
  @Optional()
  @IsString()
  @MaxLength(100)
  unitExternalId?: string;

  @ApiProperty({ example: 'csat', description: 'Key of a CX metric of the organisation.' })
  @IsString()
  @MaxLength(50)
  metric!: string;

  @ApiProperty({ example: '2026-03', description: '`YYYY-MM`, `YYYY-Www` (ISO week) or `YYYY-Qn`.' })
  @IsString()
  @MaxLength(10)
  period!: string;

  @ApiProperty({ example: 4.3, description: 'Within the metric’s range.' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value!: number;

  @ApiProperty({ example: 120, minimum: 1, description: 'How many customers the figure stands for.' })
  @IsInt()
  @Min(1)
  @Max(2_000_000_000)
  n!: number;
}

export class BulkCxObservationsDto {
  @ApiProperty({ type: [CxObservationItemDto], maxItems: MAX_BULK_OBSERVATIONS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BULK_OBSERVATIONS)
  @ValidateNested({ each: true })
  @Type(() => CxObservationItemDto)
  items!: CxObservationItemDto[];
}

export const OBSERVATION_STATUSES = ['created', 'updated', 'unchanged', 'error'] as const;
export type ObservationStatus = (typeof OBSERVATION_STATUSES)[number];

export class CxRowErrorDto {
  @ApiProperty() field!: string;
  @ApiProperty() message!: string;
}

export class CxObservationResultDto {
  @ApiProperty({ description: 'Position in the payload, from 0.' }) index!: number;
  @ApiPropertyOptional({ description: 'CSV imports: the line of the file (the header is line 1).' }) line?: number;
  @ApiProperty({ enum: OBSERVATION_STATUSES, description: '`updated` when the value or n changed; `unchanged` when the same figure was already stored.' })
  status!: ObservationStatus;
  @ApiPropertyOptional({ format: 'uuid', description: 'The stored observation.' }) id?: string;
  @ApiPropertyOptional({ type: [CxRowErrorDto] }) errors?: FieldError[];
}

export class CxBulkSummaryDto {
  @ApiProperty() created!: number;
  @ApiProperty() updated!: number;
  @ApiProperty() unchanged!: number;
  @ApiProperty() errors!: number;
}

export class CxBulkResultDto {
  @ApiProperty({ type: CxBulkSummaryDto }) summary!: CxBulkSummaryDto;
  @ApiProperty({ type: [CxObservationResultDto] }) results!: CxObservationResultDto[];
}
