import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNumber, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { OBSERVATION_COMPONENTS, type ObservationComponent } from '#src/analytics/observation-index.js';
import { Optional } from '#src/common/validation/validators.js';
import { SegmentIdQuery } from '#src/modules/segments/dto/segment.dto.js';

export class ObservationQueryDto {
  @ApiProperty({ example: '2026-10', description: 'A month, YYYY-MM.' })
  @IsString()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'period must be a month written YYYY-MM' })
  period!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'List this unit and its sub-units (peers are always the organisation’s). Managers: their reporting line.' })
  @Optional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ default: 6, minimum: 1, maximum: 12, description: 'Months of trend, ending with `period`.' })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(12)
  months?: number;

  @ApiPropertyOptional({ default: 'csat', description: 'The CX metric of the `cx` component.' })
  @Optional()
  @IsString()
  @MaxLength(40)
  cxMetric?: string;

  @SegmentIdQuery('Not applicable: the index mixes per-unit figures (CX, checklists, pain points) that have no segment; any segment answers 422 segments.not_applicable.')
  segmentId?: string;
}

export class ObservationWeightsDto {
  @ApiProperty({ minimum: 0, maximum: 1 }) @Type(() => Number) @IsNumber() @Min(0) @Max(1) engagement!: number;
  @ApiProperty({ minimum: 0, maximum: 1 }) @Type(() => Number) @IsNumber() @Min(0) @Max(1) enps!: number;
  @ApiProperty({ minimum: 0, maximum: 1 }) @Type(() => Number) @IsNumber() @Min(0) @Max(1) participation!: number;
  @ApiProperty({ minimum: 0, maximum: 1 }) @Type(() => Number) @IsNumber() @Min(0) @Max(1) openPainPoints!: number;
  @ApiProperty({ minimum: 0, maximum: 1 }) @Type(() => Number) @IsNumber() @Min(0) @Max(1) resolvedPainPoints!: number;
  @ApiProperty({ minimum: 0, maximum: 1 }) @Type(() => Number) @IsNumber() @Min(0) @Max(1) recognition!: number;
  @ApiProperty({ minimum: 0, maximum: 1 }) @Type(() => Number) @IsNumber() @Min(0) @Max(1) checklistOnTime!: number;
  @ApiProperty({ minimum: 0, maximum: 1 }) @Type(() => Number) @IsNumber() @Min(0) @Max(1) attrition!: number;
  @ApiProperty({ minimum: 0, maximum: 1 }) @Type(() => Number) @IsNumber() @Min(0) @Max(1) cx!: number;
}

export class ComponentScoreDto {
  @ApiProperty({ enum: OBSERVATION_COMPONENTS }) key!: ObservationComponent;
  @ApiProperty({ nullable: true, type: Number }) value!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: '0–100 against the units of the same level.' }) normalised!: number | null;
  @ApiProperty() weight!: number;
  @ApiProperty({ nullable: true, type: Number }) points!: number | null;
}

export class TrendPointDto {
  @ApiProperty() period!: string;
  @ApiProperty({ nullable: true, type: Number }) index!: number | null;
}

export class UnitObservationDto {
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() level!: number;
  @ApiProperty({ description: 'The survey-based components are below k (or readable by difference): no index.' }) suppressed!: boolean;
  @ApiProperty({ nullable: true, type: Number, description: '0–100.' }) index!: number | null;
  @ApiProperty({ type: [ComponentScoreDto] }) components!: ComponentScoreDto[];
  @ApiProperty({ enum: OBSERVATION_COMPONENTS, isArray: true }) missing!: ObservationComponent[];
  @ApiProperty({ type: [TrendPointDto], description: 'The index month by month, oldest first.' }) trend!: TrendPointDto[];
}

export class ObservationReportDto {
  @ApiProperty() period!: string;
  @ApiProperty() k!: number;
  @ApiProperty({ type: ObservationWeightsDto }) weights!: ObservationWeightsDto;
  @ApiProperty({ type: [UnitObservationDto], description: 'Highest index first; suppressed units last.' }) units!: UnitObservationDto[];
}
