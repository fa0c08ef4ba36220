import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { Optional } from '#src/common/validation/validators.js';
import { STAGES, TENURE_PHASES, type Stage, type TenurePhase } from '#src/modules/employees/domain/journey.js';
import { AppliedSegmentDto, SegmentIdQuery } from '#src/modules/segments/dto/segment.dto.js';

export const GROUP_BYS = ['unit', 'tenure_phase', 'stage', 'location'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

/** Which round and which group of respondents a reading is about: shared by results and comments. */
export class GroupQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Default: the latest round.' })
  @Optional()
  @IsUUID()
  roundId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this unit and its sub-units. Managers: default their own unit.' })
  @Optional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ enum: TENURE_PHASES })
  @Optional()
  @IsIn(TENURE_PHASES)
  tenurePhase?: TenurePhase;

  @ApiPropertyOptional({ enum: STAGES })
  @Optional()
  @IsIn(STAGES)
  stage?: Stage;

  @ApiPropertyOptional()
  @Optional()
  @IsString()
  @MaxLength(200)
  location?: string;
}

export class ResultsQueryDto extends GroupQueryDto {
  @SegmentIdQuery('A saved segment (docs/segments.md): its filters intersect the others, and the segment passes the anonymity guard like any group.')
  segmentId?: string;

  @ApiPropertyOptional({ description: 'Only this driver (engagement is still computed).' })
  @Optional()
  @IsString()
  @MaxLength(48)
  driver?: string;

  @ApiPropertyOptional({ enum: GROUP_BYS, description: 'Adds a heatmap: drivers × groups.' })
  @Optional()
  @IsIn(GROUP_BYS)
  groupBy?: GroupBy;
}

/** What stands in place of numbers that would expose a group too small to be anonymous. */
export class SuppressedDto {
  @ApiProperty({ enum: [true] }) suppressed!: true;
  @ApiProperty({ enum: ['below_threshold', 'differencing'], description: 'below_threshold: fewer than k people; differencing: the numbers, beside another result, would expose fewer than k.' })
  reason!: 'below_threshold' | 'differencing';
}

export class ParticipationDto {
  @ApiProperty() invited!: number;
  @ApiProperty() responded!: number;
  @ApiProperty({ description: 'responded / invited, 0–1.' }) rate!: number;
}

export class EnpsDto {
  @ApiProperty({ description: '−100 … 100' }) score!: number;
  @ApiProperty() promoters!: number;
  @ApiProperty() passives!: number;
  @ApiProperty() detractors!: number;
  @ApiProperty() respondents!: number;
}

export class EngagementDto {
  @ApiProperty({ description: 'Engagement driver mean on 0–100: (mean − 1) / 4 × 100.' }) index!: number;
  @ApiProperty({ description: '1–5' }) mean!: number;
}

export class DriverResultDto {
  @ApiProperty() key!: string;
  @ApiProperty() name!: string;
  @ApiPropertyOptional({ description: 'Mean answer, 1–5.' }) mean?: number;
  @ApiPropertyOptional({ description: 'Share of answers 4–5, 0–1.' }) favourable?: number;
  @ApiPropertyOptional() answered?: number;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Mean minus the previous round’s (null when that is not shown).' })
  change?: number | null;
  @ApiPropertyOptional({ enum: [true] }) suppressed?: true;
  @ApiPropertyOptional({ enum: ['below_threshold', 'differencing'] }) reason?: 'below_threshold' | 'differencing';
}

export class HeatmapGroupDto {
  @ApiProperty({ description: 'The group’s value (a unit id, tenure phase, stage or location).' }) key!: string;
  @ApiProperty() label!: string;
  @ApiPropertyOptional() respondents?: number;
  @ApiPropertyOptional({ type: EnpsDto, nullable: true }) enps?: EnpsDto | null;
  @ApiPropertyOptional({ description: 'Driver key → mean (1–5), or null where too few answered.', type: 'object', additionalProperties: { type: 'number', nullable: true } })
  drivers?: Record<string, number | null>;
  @ApiPropertyOptional({ enum: [true] }) suppressed?: true;
  @ApiPropertyOptional({ enum: ['below_threshold', 'differencing'] }) reason?: 'below_threshold' | 'differencing';
}

export class HeatmapDto {
  @ApiProperty({ enum: GROUP_BYS }) groupBy!: GroupBy;
  @ApiProperty({ type: [HeatmapGroupDto] }) groups!: HeatmapGroupDto[];
}

export class PriorityDto {
  @ApiProperty() key!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'The driver’s mean, 1–5.' }) mean!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Pearson r of sub-unit driver means with sub-unit eNPS (null with fewer than 3 visible units).' })
  correlation!: number | null;
  @ApiProperty({ description: 'Sub-units the correlation is computed over.' }) units!: number;
  @ApiProperty({ nullable: true, type: Number, description: '(5 − mean) × max(r, 0): higher means act here first.' }) priority!: number | null;
}

export class ResultsFiltersDto {
  @ApiPropertyOptional({ format: 'uuid' }) unitId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) segmentId?: string;
  @ApiPropertyOptional() driver?: string;
  @ApiPropertyOptional({ enum: TENURE_PHASES }) tenurePhase?: TenurePhase;
  @ApiPropertyOptional({ enum: STAGES }) stage?: Stage;
  @ApiPropertyOptional() location?: string;
}

export class ResultsDto {
  @ApiProperty({ format: 'uuid' }) surveyId!: string;
  @ApiProperty({ format: 'uuid' }) roundId!: string;
  @ApiProperty() roundNumber!: number;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ description: 'The anonymity threshold applied.' }) anonymityThreshold!: number;
  @ApiProperty({ type: ResultsFiltersDto }) filters!: ResultsFiltersDto;
  @ApiPropertyOptional({ type: AppliedSegmentDto, description: 'The segment applied, with its filters as they are now.' }) segment?: AppliedSegmentDto;
  @ApiProperty({ description: 'Respondents in the filtered group, or suppressed.', oneOf: [{ type: 'number' }, { $ref: '#/components/schemas/SuppressedDto' }] })
  respondents!: number | SuppressedDto;
  @ApiProperty({
    nullable: true,
    description: 'Per unit only: invited and responded (null with other filters or a segment); suppressed below k invitees.',
    oneOf: [{ $ref: '#/components/schemas/ParticipationDto' }, { $ref: '#/components/schemas/SuppressedDto' }],
  })
  participation!: ParticipationDto | SuppressedDto | null;
  @ApiProperty({ nullable: true, oneOf: [{ $ref: '#/components/schemas/EnpsDto' }, { $ref: '#/components/schemas/SuppressedDto' }] })
  enps!: EnpsDto | SuppressedDto | null;
  @ApiProperty({ nullable: true, oneOf: [{ $ref: '#/components/schemas/EngagementDto' }, { $ref: '#/components/schemas/SuppressedDto' }] })
  engagement!: EngagementDto | SuppressedDto | null;
  @ApiProperty({ type: [DriverResultDto] }) drivers!: DriverResultDto[];
  @ApiProperty({ type: [PriorityDto], description: 'Drivers to act on first; empty when the group is suppressed.' }) priorities!: PriorityDto[];
  @ApiPropertyOptional({ type: HeatmapDto }) heatmap?: HeatmapDto;
}

export class TrendQueryDto extends OmitType(ResultsQueryDto, ['roundId', 'groupBy'] as const) {
  @ApiPropertyOptional({ minimum: 1, description: 'First round number (default 1). At most the 24 latest rounds of the range are returned.' })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  fromRound?: number;

  @ApiPropertyOptional({ minimum: 1, description: 'Last round number (default: the latest).' })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  toRound?: number;
}

export class TrendDto {
  @ApiProperty({ format: 'uuid' }) surveyId!: string;
  @ApiProperty({ type: [ResultsDto], description: 'One result per round, oldest first, each behind the anonymity guard.' }) points!: ResultsDto[];
}
