import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { IsDateOnly, Optional } from '#src/common/validation/validators.js';
import { ASSIGNEE_RULES, type AssigneeRule } from '../domain/templates.js';

export class OnboardingReportQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only checklists of this template.' })
  @Optional()
  @IsUUID()
  templateId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only employees of this unit and its sub-units.' })
  @Optional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ example: '2026-01-01', description: 'Checklists started on or after this day.' })
  @Optional()
  @IsDateOnly()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Checklists started on or before this day.' })
  @Optional()
  @IsDateOnly()
  to?: string;
}

export class ReportRowDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The employee’s unit now; null for none.' }) unitId!: string | null;
  @ApiProperty({ nullable: true, type: String }) unitName!: string | null;
  @ApiProperty({ format: 'uuid' }) templateId!: string;
  @ApiProperty() templateName!: string;
  @ApiProperty() running!: number;
  @ApiProperty() completed!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Median days from start to completion of the completed ones.' }) medianDaysToComplete!: number | null;
  @ApiProperty() tasksDone!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Share of done tasks finished after their due date, 0–1.' }) doneLateShare!: number | null;
  @ApiProperty({ description: 'Open tasks past their due date today.' }) overdueNow!: number;
}

export class RuleRowDto {
  @ApiProperty({ enum: ASSIGNEE_RULES }) rule!: AssigneeRule;
  @ApiProperty() tasks!: number;
  @ApiProperty() done!: number;
  @ApiProperty() doneLate!: number;
  @ApiProperty({ nullable: true, type: Number }) doneLateShare!: number | null;
  @ApiProperty() overdueNow!: number;
}

export class OnboardingReportDto {
  @ApiProperty({ example: '2026-11-25', description: 'The day "overdue" is counted on, in the organisation’s time zone.' }) today!: string;
  @ApiProperty({ type: [ReportRowDto], description: 'Per unit and template.' }) rows!: ReportRowDto[];
  @ApiProperty({ type: [RuleRowDto], description: 'Per assignee rule: which role is the bottleneck.' }) byAssigneeRule!: RuleRowDto[];
}
