import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { Optional } from '#src/common/validation/validators.js';
import { SegmentIdQuery } from '#src/modules/segments/dto/segment.dto.js';
import { UNIT_KINDS, type UnitKind } from '#src/modules/units/unit.entity.js';
import { QUADRANTS, type Quadrant } from '../domain/importance-performance.js';
import { GRANULARITIES, type Granularity } from '../domain/periods.js';

export const REPORT_FORMATS = ['json', 'csv', 'svg'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** What both EX → CX reports take: the CX metric, the periods, how EX pairs with CX, and the answer's format. */
export class ExCxScopeQueryDto {
  @SegmentIdQuery('Not applicable: CX figures exist per unit only, so EX cannot be paired with them for a segment of people; any segment answers 422 segments.not_applicable.')
  segmentId?: string;

  @ApiProperty({ example: 'csat', description: 'Key of a CX metric.' })
  @IsString()
  @MaxLength(50)
  cxMetric!: string;

  @ApiProperty({ example: '2026-01', description: 'First EX period, in the granularity’s format (`YYYY-MM`, `YYYY-Www`, `YYYY-Qn`).' })
  @IsString()
  @MaxLength(10)
  from!: string;

  @ApiProperty({ example: '2026-12', description: 'Last EX period (at most 60 periods after from).' })
  @IsString()
  @MaxLength(10)
  to!: string;

  @ApiPropertyOptional({ enum: GRANULARITIES, default: 'month' })
  @Optional()
  @IsIn(GRANULARITIES)
  granularity?: Granularity;

  @ApiPropertyOptional({ minimum: -12, maximum: 12, default: 0, description: 'CX is read this many periods after EX.' })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(-12)
  @Max(12)
  lag?: number;

  @ApiPropertyOptional({ enum: UNIT_KINDS, description: 'Roll units up to their nearest unit of this kind; without it each unit stands alone.' })
  @Optional()
  @IsIn(UNIT_KINDS)
  unitLevel?: UnitKind;

  @ApiPropertyOptional({ minimum: 1, description: 'Leave out pairs whose CX figure stands for fewer customers.' })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2_000_000_000)
  minCxSample?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 6, default: 1, description: 'CX as the n-weighted mean over periods t + lag … t + lag + cxWindow − 1.' })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(6)
  cxWindow?: number;

  @ApiPropertyOptional({ enum: REPORT_FORMATS, default: 'json', description: '`csv`: the rows as CSV; `svg`: the chart as an SVG picture.' })
  @Optional()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;
}

export class ExCxQueryDto extends ExCxScopeQueryDto {
  @ApiProperty({ example: 'enps', description: '`enps`, `engagement` (0–100), `driver:<key>` (mean 1–5) or `participation` (responded / invited).' })
  @IsString()
  @Matches(/^(enps|engagement|participation|driver:[a-z][a-z0-9_]{0,49})$/, { message: '$property must be enps, engagement, participation or driver:<key>' })
  exMeasure!: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 6, description: 'Also give n, r and ρ at every lag 0 … lagScan.' })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(6)
  lagScan?: number;
}

export class PearsonDto {
  @ApiProperty({ description: 'Pearson’s r.' }) r!: number;
  @ApiProperty({ description: '95 % interval, low end (Fisher z).' }) ciLow!: number;
  @ApiProperty({ description: '95 % interval, high end (Fisher z).' }) ciHigh!: number;
  @ApiProperty({ description: 'Two-sided p (Student t, n − 2 df).' }) p!: number;
}

export class SpearmanDto {
  @ApiProperty({ description: 'Spearman’s ρ (average ranks for ties).' }) rho!: number;
  @ApiProperty({ description: 'Two-sided p by the t approximation.' }) p!: number;
}

export class RegressionDto {
  @ApiProperty({ description: 'CX per unit of EX (least squares of CX on EX).' }) slope!: number;
  @ApiProperty() intercept!: number;
  @ApiProperty({ description: 'R² = r².' }) r2!: number;
}

export class ExCxStatisticsDto {
  @ApiProperty({ type: PearsonDto }) pearson!: PearsonDto;
  @ApiProperty({ type: SpearmanDto }) spearman!: SpearmanDto;
  @ApiProperty({ type: RegressionDto }) regression!: RegressionDto;
}

export class ExCxPointDto {
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty() unitName!: string;
  @ApiProperty({ description: 'The EX period.' }) period!: string;
  @ApiProperty({ description: 'The EX measure of the group.' }) ex!: number;
  @ApiProperty({ description: 'The CX figure at period + lag (over the window).' }) cx!: number;
  @ApiProperty({ description: 'Responses (participation: invitations) behind ex.' }) respondents!: number;
  @ApiProperty({ description: 'Customers behind cx.' }) cxN!: number;
}

export class ExCxExcludedDto {
  @ApiProperty({ description: 'EX groups with fewer than k respondents.' }) belowThreshold!: number;
  @ApiProperty({ description: 'EX groups another readable group would isolate 1 … k − 1 respondents of.' }) differencing!: number;
  @ApiProperty({ description: 'Shown EX groups with no CX figure at period + lag.' }) noCx!: number;
  @ApiProperty({ description: 'Pairs whose CX n is below minCxSample.' }) cxSampleBelowMinimum!: number;
  @ApiProperty({ description: 'Units (per period) with answers but no unit of unitLevel above them.' }) noUnitAtLevel!: number;
}

export const NO_STATISTICS_REASONS = ['too_few_pairs', 'constant_ex', 'constant_cx'] as const;
export type NoStatisticsReason = (typeof NO_STATISTICS_REASONS)[number];

export class LagScanRowDto {
  @ApiProperty() lag!: number;
  @ApiProperty() pairs!: number;
  @ApiProperty({ nullable: true, type: Number }) r!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Two-sided p of r.' }) p!: number | null;
  @ApiProperty({ nullable: true, type: Number }) rho!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Two-sided p of ρ.' }) rhoP!: number | null;
  @ApiProperty({ nullable: true, enum: NO_STATISTICS_REASONS, description: 'Why r and ρ are null.' }) reason!: NoStatisticsReason | null;
}

/** The parameters both reports answer with, as they were applied. */
export class ExCxScopeDto {
  @ApiProperty() cxMetric!: string;
  @ApiProperty({ enum: GRANULARITIES }) granularity!: Granularity;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty() lag!: number;
  @ApiProperty() cxWindow!: number;
  @ApiProperty({ nullable: true, enum: UNIT_KINDS }) unitLevel!: UnitKind | null;
  @ApiProperty({ nullable: true, type: Number }) minCxSample!: number | null;
  @ApiProperty({ description: 'The organisation’s anonymity threshold (a survey’s own may be higher for its answers).' }) anonymityThreshold!: number;
}

export class ExCxReportDto extends ExCxScopeDto {
  @ApiProperty() exMeasure!: string;
  @ApiProperty({ description: 'n: the pairs the statistics are computed on.' }) pairs!: number;
  @ApiProperty({ type: ExCxStatisticsDto, nullable: true, description: 'Null with fewer than three pairs or a constant series; see reason.' })
  statistics!: ExCxStatisticsDto | null;
  @ApiProperty({ nullable: true, enum: NO_STATISTICS_REASONS }) reason!: NoStatisticsReason | null;
  @ApiProperty({ type: [ExCxPointDto] }) points!: ExCxPointDto[];
  @ApiProperty({ type: ExCxExcludedDto }) excluded!: ExCxExcludedDto;
  @ApiPropertyOptional({ type: [LagScanRowDto], description: 'With lagScan: r, ρ and n at every lag 0 … lagScan.' }) lagScan?: LagScanRowDto[];
}

/** The driver ranking takes what the linkage report takes, except the EX measure (every driver is one) and the lag scan. */
export class ExCxDriversQueryDto extends ExCxScopeQueryDto {}

export class ExCxDriverRowDto {
  @ApiProperty({ example: 'growth' }) driverKey!: string;
  @ApiProperty({ example: 'Growth' }) driverName!: string;
  @ApiProperty({ description: 'n: pairs of (driver mean of a group and period, CX at period + lag).' }) pairs!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Pearson’s r with the CX metric.' }) r!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: '95 % interval of r, low end (Fisher z).' }) ciLow!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: '95 % interval of r, high end (Fisher z).' }) ciHigh!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Two-sided p of r.' }) p!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Spearman’s ρ with the CX metric.' }) rho!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Two-sided p of ρ.' }) rhoP!: number | null;
  @ApiProperty({ nullable: true, enum: NO_STATISTICS_REASONS, description: 'Why r and ρ are null.' }) reason!: NoStatisticsReason | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Performance: the mean of the driver’s score (1–5) over the pairs, each group and period counting once, as in r.' })
  mean!: number | null;
  @ApiProperty({ nullable: true, enum: QUADRANTS, description: 'Where the driver falls against the cross-hairs; null without statistics.' })
  quadrant!: Quadrant | null;
  @ApiProperty({ type: ExCxExcludedDto, description: 'The driver’s groups left out, by reason.' }) excluded!: ExCxExcludedDto;
}

export class CrosshairsDto {
  @ApiProperty({ nullable: true, type: Number, description: 'Mean importance (r, sign turned when lower CX is better) of the drivers with statistics.' }) importance!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Mean performance (driver mean) of the drivers with statistics.' }) performance!: number | null;
}

export class ExCxDriversReportDto extends ExCxScopeDto {
  @ApiProperty({ description: 'Whether a higher CX figure is better (else importance is −r).' }) higherIsBetter!: boolean;
  @ApiProperty({ type: CrosshairsDto }) crosshairs!: CrosshairsDto;
  @ApiProperty({ type: [ExCxDriverRowDto], description: 'Every driver, by |r| (largest first), drivers without statistics last (by key).' })
  drivers!: ExCxDriverRowDto[];
}
