import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsUUID, Max, Min } from 'class-validator';
import { IsDateOnly, Optional } from '#src/common/validation/validators.js';
import { AppliedSegmentDto, SegmentIdQuery } from '#src/modules/segments/dto/segment.dto.js';

export const ATTRITION_GROUPS = ['unit', 'tenure_phase', 'reason', 'type', 'manager'] as const;
export type AttritionGroup = (typeof ATTRITION_GROUPS)[number];

export class AttritionQueryDto {
  @ApiProperty({ example: '2026-01-01', description: 'First day of the period.' })
  @IsDateOnly()
  from!: string;

  @ApiProperty({ example: '2026-03-31', description: 'Last day of the period (at most 5 years after `from`).' })
  @IsDateOnly()
  to!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'This unit and its sub-units. Managers: a unit of their reporting line (default: its top).' })
  @Optional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ enum: ATTRITION_GROUPS, description: 'Also break the figures down by this.' })
  @Optional()
  @IsIn(ATTRITION_GROUPS)
  groupBy?: AttritionGroup;

  @SegmentIdQuery(
    'A saved segment: headcounts and separations of the people it admits (unit and tenure phase on the day or at exit; location, employment type and referral hire as they are now). A segment on stages answers 422 segments.not_applicable.',
  )
  segmentId?: string;
}

export class EarlyAttritionDto {
  @ApiProperty({ description: 'Leavers whose last working day came less than 90 days after their start.' }) within90Days!: number;
  @ApiProperty({ description: 'Leavers who left before the first anniversary of their start.' }) within12Months!: number;
  @ApiProperty({ nullable: true, type: Number }) shareWithin90Days!: number | null;
  @ApiProperty({ nullable: true, type: Number }) shareWithin12Months!: number | null;
}

export class ReasonCountsDto {
  @ApiProperty({ example: { compensation: 3, career_growth: 2 }, description: 'Primary reasons, most frequent first.' }) primary!: Record<string, number>;
  @ApiProperty({ example: { manager: 2 }, description: 'Secondary reasons.' }) secondary!: Record<string, number>;
}

export class AttritionFiguresDto {
  @ApiProperty({ description: 'People employed on `from` (start date on or before, end date not before).' }) headcountStart!: number;
  @ApiProperty({ description: 'People employed on `to`.' }) headcountEnd!: number;
  @ApiProperty({ description: '(headcountStart + headcountEnd) / 2.' }) averageHeadcount!: number;
  @ApiProperty({ description: 'Active separations whose last working day falls in the period.' }) separations!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'separations / averageHeadcount.' }) attritionRate!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'separations / averageHeadcount × 365 / days in the period.' }) annualisedRate!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Voluntary separations (null when hidden below k).' }) voluntary!: number | null;
  @ApiProperty({ nullable: true, type: Number }) voluntaryRate!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Regrettable separations (null when hidden below k).' }) regrettable!: number | null;
  @ApiProperty({ nullable: true, type: Number }) regrettableRate!: number | null;
  @ApiProperty({ nullable: true, type: EarlyAttritionDto }) earlyAttrition!: EarlyAttritionDto | null;
  @ApiProperty({ nullable: true, type: ReasonCountsDto }) reasons!: ReasonCountsDto | null;
  @ApiProperty({ nullable: true, example: { onboarding: 1, initial_development: 2, ongoing_development: 4, unknown: 0 } })
  tenurePhaseAtExit!: Record<string, number> | null;
  @ApiProperty({ nullable: true, type: Number }) alumniOptIns!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'alumniOptIns / separations.' }) alumniOptInRate!: number | null;
  @ApiProperty({
    description: 'For readers other than HR, the breakdown of fewer than k separations (types, regrettable, reasons, tenure, alumni) is hidden: in a small team it would name people.',
  })
  detailSuppressed!: boolean;
}

export class AttritionGroupDto extends AttritionFiguresDto {
  @ApiProperty({ nullable: true, type: String, description: 'The unit or manager id, tenure phase, reason key or type; null for people without one.' }) key!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Unit, manager or reason name.' }) name!: string | null;
}

export class ExitInterviewCountsDto {
  @ApiProperty({ description: 'Exit interviews opened for the period’s leavers (cancelled ones left out).' }) invited!: number;
  @ApiProperty() completed!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'completed / invited.' }) completionRate!: number | null;
}

export class AttritionReportDto {
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty() days!: number;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) unitId!: string | null;
  @ApiProperty({ description: 'The anonymity threshold applied to breakdowns for readers other than HR.' }) k!: number;
  @ApiPropertyOptional({ type: AppliedSegmentDto }) segment?: AppliedSegmentDto;
  @ApiProperty({ type: AttritionFiguresDto }) total!: AttritionFiguresDto;
  @ApiProperty({ description: 'Rehires (depart → attract) in the period: boomerangs.' }) boomerangs!: number;
  @ApiProperty({ description: 'Moves to depart in the period with no separation recorded (e.g. from the HRIS import): not in the figures until HR records them.' })
  unrecordedDepartures!: number;
  @ApiProperty({ type: ExitInterviewCountsDto }) exitInterviews!: ExitInterviewCountsDto;
  @ApiProperty({ nullable: true, type: String, enum: ATTRITION_GROUPS }) groupBy!: AttritionGroup | null;
  @ApiProperty({ type: [AttritionGroupDto] }) groups!: AttritionGroupDto[];
}

const toNumbers = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((part) => (/^\d+$/.test(part.trim()) ? Number(part.trim()) : Number.NaN)) : value;

export class BeforeExitQueryDto {
  @ApiProperty({ example: '2026-01-01', description: 'Leavers whose last working day is on or after.' })
  @IsDateOnly()
  from!: string;

  @ApiProperty({ example: '2026-12-31', description: 'Leavers whose last working day is on or before.' })
  @IsDateOnly()
  to!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'This unit and its sub-units. Managers: a unit of their reporting line.' })
  @Optional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ type: String, example: '3,6,9', description: 'How many months before the exits to look (comma-separated, 1–24, at most 6).' })
  @Optional()
  @Transform(toNumbers)
  @ArrayMinSize(1)
  @ArrayMaxSize(6)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(24, { each: true })
  monthsBefore?: number[];
}

export class DriverMeanDto {
  @ApiProperty() key!: string;
  @ApiProperty({ description: 'Mean of the driver’s likert answers, 1–5.' }) mean!: number;
  @ApiProperty() answered!: number;
}

export class WindowScoresDto {
  @ApiProperty() monthsBefore!: number;
  @ApiProperty({ example: '2025-09-01', description: 'Rounds opened from this day…' }) from!: string;
  @ApiProperty({ example: '2025-11-30', description: '…to this day.' }) to!: string;
  @ApiProperty({ description: 'Rounds whose group passed the anonymity guard.' }) rounds!: number;
  @ApiProperty({ description: 'Responses in those rounds.' }) responses!: number;
  @ApiProperty({ description: 'No round of the window could be shown for this group.' }) suppressed!: boolean;
  @ApiProperty({ type: [DriverMeanDto] }) drivers!: DriverMeanDto[];
}

export class LeaverUnitDto {
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Leavers of the period who left this unit (or a sub-unit).' }) leavers!: number;
  @ApiProperty({ type: [WindowScoresDto] }) windows!: WindowScoresDto[];
}

export class ComparisonWindowDto {
  @ApiProperty() monthsBefore!: number;
  @ApiProperty({ description: 'Units without leavers whose window could be shown.' }) units!: number;
  @ApiProperty({ type: [DriverMeanDto], description: 'Per driver, the mean of those units’ means.' }) drivers!: DriverMeanDto[];
}

export class BeforeExitReportDto {
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) unitId!: string | null;
  @ApiProperty() k!: number;
  @ApiProperty({ nullable: true, type: String, description: 'The median last working day of the period’s leavers: windows count back from it. Null without leavers.' })
  referenceDate!: string | null;
  @ApiProperty({ type: [LeaverUnitDto] }) leaverUnits!: LeaverUnitDto[];
  @ApiProperty({ type: [ComparisonWindowDto], description: 'Units of the scope with no leaver in the period (nor in their sub-units).' }) unitsWithoutLeavers!: ComparisonWindowDto[];
}

export class RetentionRiskQueryDto {
  @ApiPropertyOptional({ example: '2026-11-25', description: 'The day to score on (default: today).' })
  @Optional()
  @IsDateOnly()
  asOf?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Score this unit and its sub-units. Managers: a unit of their reporting line.' })
  @Optional()
  @IsUUID()
  unitId?: string;
}

export class RiskSignalDto {
  @ApiProperty({ nullable: true, type: Number, description: 'The measured value, 0–1 (null: not measurable).' }) value!: number | null;
  @ApiProperty() weight!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Points this signal gives the score.' }) points!: number | null;
}

export class UnitRiskDto {
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'People in the unit and its sub-units on the day.' }) headcount!: number;
  @ApiProperty({ description: 'Fewer than k respondents in the recent window: no score.' }) suppressed!: boolean;
  @ApiProperty({ nullable: true, type: Number, description: '0–100; higher means more risk.' }) score!: number | null;
  @ApiProperty({ description: 'Each signal with its value, weight and points.', example: { detractorShare: { value: 0.4, weight: 0.3, points: 12 } } })
  signals!: Record<string, RiskSignalDto> | null;
}

export class RetentionRiskReportDto {
  @ApiProperty() asOf!: string;
  @ApiProperty({ description: 'Recent window: rounds opened in the 3 months up to asOf; previous: the 3 months before.' }) recentFrom!: string;
  @ApiProperty() previousFrom!: string;
  @ApiProperty() k!: number;
  @ApiProperty({ type: [UnitRiskDto], description: 'Highest score first; suppressed units last.' }) units!: UnitRiskDto[];
}
