import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, IsUUID, Matches } from 'class-validator';
import { Optional } from '#src/common/validation/validators.js';
import { AppliedSegmentDto, SegmentIdQuery } from '#src/modules/segments/dto/segment.dto.js';

export class BenchmarkQueryDto {
  @ApiProperty({ example: '2026-10', description: 'A month, YYYY-MM: the rounds opened in it.' })
  @IsString()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'period must be a month written YYYY-MM' })
  period!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'List this unit and its sub-units (the distributions are always the whole organisation’s). Managers: their reporting line.' })
  @Optional()
  @IsUUID()
  unitId?: string;

  @SegmentIdQuery('A saved segment: every unit’s means (and so the distributions) from its part of the segment, behind the guard.')
  segmentId?: string;
}

export class DriverDistributionDto {
  @ApiProperty() key!: string;
  @ApiProperty({ description: 'The level in the unit tree (0 = top units).' }) level!: number;
  @ApiProperty({ description: 'Units of that level shown for the month.' }) units!: number;
  @ApiProperty() p25!: number;
  @ApiProperty() median!: number;
  @ApiProperty({ description: 'The bar priorities are measured against.' }) p75!: number;
}

export class UnitDriverPositionDto {
  @ApiProperty() key!: string;
  @ApiProperty({ description: 'Mean of the driver’s likert answers, 1–5.' }) mean!: number;
  @ApiProperty({ description: 'Percentile rank among the units of the same level (ties count half).' }) percentile!: number;
  @ApiProperty({ description: 'mean − p75 of its level: below 0, under the bar.' }) gapToBar!: number;
}

export class UnitBenchmarkDto {
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() level!: number;
  @ApiProperty({ description: 'No round of the month could be shown for this unit.' }) suppressed!: boolean;
  @ApiProperty({ type: [UnitDriverPositionDto] }) drivers!: UnitDriverPositionDto[];
  @ApiProperty({ type: [String], description: 'Drivers under the 75th-percentile bar, furthest first.' }) priorities!: string[];
}

export class BenchmarkDto {
  @ApiProperty() period!: string;
  @ApiProperty() k!: number;
  @ApiPropertyOptional({ type: AppliedSegmentDto }) segment?: AppliedSegmentDto;
  @ApiProperty({ type: [DriverDistributionDto] }) distributions!: DriverDistributionDto[];
  @ApiProperty({ type: [UnitBenchmarkDto] }) units!: UnitBenchmarkDto[];
}
