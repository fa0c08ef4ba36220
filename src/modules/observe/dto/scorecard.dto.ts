import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { UnitBenchmarkDto } from './benchmark.dto.js';
import { UnitLadderDto } from './ladder.dto.js';
import { UnitObservationDto } from './observation.dto.js';

export class ScorecardQueryDto {
  @ApiProperty({ example: '2026-10', description: 'A month, YYYY-MM.' })
  @IsString()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'period must be a month written YYYY-MM' })
  period!: string;
}

export class ScorecardPainPointDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() touchpoint!: string;
  @ApiProperty() description!: string;
  @ApiProperty() severity!: number;
  @ApiProperty() meToos!: number;
  @ApiProperty() status!: string;
}

export class ScorecardActionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() driverKey!: string;
  @ApiProperty() status!: string;
  @ApiProperty({ nullable: true, type: String }) dueOn!: string | null;
}

export class ScorecardDto {
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() period!: string;
  @ApiProperty({ type: UnitObservationDto }) observation!: UnitObservationDto;
  @ApiProperty({ type: UnitLadderDto }) ladder!: UnitLadderDto;
  @ApiProperty({ type: UnitBenchmarkDto }) benchmark!: UnitBenchmarkDto;
  @ApiProperty({ type: [ScorecardPainPointDto], description: 'Open pain points of the unit and its sub-units, most "me too"s first (at most 5).' })
  topPainPoints!: ScorecardPainPointDto[];
  @ApiProperty({ type: [ScorecardActionDto], description: 'Survey actions of the unit and its sub-units not done yet, soonest due first.' }) openActions!: ScorecardActionDto[];
}
