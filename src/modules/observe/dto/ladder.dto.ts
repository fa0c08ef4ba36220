import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, IsUUID, Matches, Max, Min } from 'class-validator';
import { Optional } from '#src/common/validation/validators.js';
import { AppliedSegmentDto, SegmentIdQuery } from '#src/modules/segments/dto/segment.dto.js';

export class LadderQueryDto {
  @ApiProperty({ example: '2026-10', description: 'A month, YYYY-MM; compared with the month before.' })
  @IsString()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'period must be a month written YYYY-MM' })
  period!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'This unit and its sub-units. Managers: a unit of their reporting line.' })
  @Optional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ default: 10, minimum: 1, maximum: 100, description: 'Flag a unit whose promoter share fell by more than this many points.' })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  snakePoints?: number;

  @SegmentIdQuery('A saved segment: rungs from its respondents only (each unit’s part behind the guard), advocates among the people who match it now.')
  segmentId?: string;
}

export class LadderRungsDto {
  @ApiProperty({ description: 'eNPS answers in the month’s rounds.' }) respondents!: number;
  @ApiProperty({ description: 'Answers 0–6.' }) detractors!: number;
  @ApiProperty({ description: 'Answers 7–8.' }) passives!: number;
  @ApiProperty({ description: 'Answers 9–10.' }) promoters!: number;
  @ApiProperty({ description: 'promoters / respondents × 100, one decimal.' }) promoterShare!: number;
  @ApiProperty({ description: '100 × (promoters − detractors) / respondents, one decimal.' }) enps!: number;
}

export class UnitLadderDto {
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'No round of the month could be shown for this unit (fewer than k, or readable by difference).' }) suppressed!: boolean;
  @ApiProperty({ nullable: true, type: LadderRungsDto }) rungs!: LadderRungsDto | null;
  @ApiProperty({ description: 'Referrals made by the unit’s people (people they referred, added in the month).' }) referrals!: number;
  @ApiProperty({ description: 'Rehires in the month (depart → attract) whose last unit was this one.' }) boomerangs!: number;
  @ApiProperty({ description: 'referrals + boomerangs: the top rung.' }) advocates!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Change of the promoter share since the month before, in points (null when either month is suppressed).' })
  promoterShareChange!: number | null;
  @ApiProperty({ description: 'The "snake": the promoter share fell by more than snakePoints.' }) snake!: boolean;
}

export class LadderDto {
  @ApiProperty() period!: string;
  @ApiProperty() previousPeriod!: string;
  @ApiProperty() k!: number;
  @ApiProperty() snakePoints!: number;
  @ApiPropertyOptional({ type: AppliedSegmentDto }) segment?: AppliedSegmentDto;
  @ApiProperty({ type: [UnitLadderDto] }) units!: UnitLadderDto[];
}
