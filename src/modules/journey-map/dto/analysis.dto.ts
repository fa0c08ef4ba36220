import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, Matches } from 'class-validator';
import { Optional } from '#src/common/validation/validators.js';
import { STAGES, type Stage } from '#src/modules/employees/domain/journey.js';

export class TouchpointReportQueryDto {
  @ApiPropertyOptional({ example: '2026-11', description: 'A month (default: the current one in the organisation’s time zone).' })
  @Optional()
  @IsString()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'period must be a month written YYYY-MM' })
  period?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only people and reports of this unit and its sub-units.' })
  @Optional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ enum: STAGES })
  @Optional()
  @IsIn(STAGES)
  stage?: Stage;
}

export class ImpactPartsDto {
  @ApiProperty({ description: '(reports + me-toos) / reach, at most 1.' }) voice!: number;
  @ApiProperty({ description: '(mean severity − 1) / 4; 0 without reports.' }) severity!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Share of linked checklist tasks due in the period done late or overdue.' }) lateness!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Share of negative comments on linked questions (from the comment threshold on).' }) sentiment!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: '(5 − mean) / 4 of linked likert questions (from k answers on).' }) questions!: number | null;
  @ApiProperty({ description: 'Mean of the available signals; pain = voice × (1 + severity) / 2.' }) friction!: number;
  @ApiProperty({ description: '(1 + reach) / (1 + the largest reach in the report).' }) reachFactor!: number;
}

export class TouchpointImpactDto {
  @ApiProperty({ format: 'uuid' }) touchpointId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: STAGES }) stage!: Stage;
  @ApiProperty() reports!: number;
  @ApiProperty() meToos!: number;
  @ApiProperty({ nullable: true, type: Number }) meanSeverity!: number | null;
  @ApiProperty({ description: 'People who entered the stage in the period.' }) reach!: number;
  @ApiProperty({ type: ImpactPartsDto }) parts!: ImpactPartsDto;
  @ApiProperty({ description: '100 × friction × reach factor.' }) impact!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Impact minus the previous period’s.' }) change!: number | null;
}

export class StageMomentsDto {
  @ApiProperty({ enum: STAGES }) stage!: Stage;
  @ApiProperty({ type: [String], format: 'uuid', description: 'The stage’s top three touchpoints by impact.' }) touchpointIds!: string[];
}

export class OwnerResolutionDto {
  @ApiProperty({ description: 'The owner: a unit’s name or a role.' }) owner!: string;
  @ApiProperty() resolved!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Median days from report to resolved.' }) medianDays!: number | null;
}

export class TouchpointReportDto {
  @ApiProperty({ example: '2026-11' }) period!: string;
  @ApiProperty({ type: [TouchpointImpactDto], description: 'Highest impact first.' }) touchpoints!: TouchpointImpactDto[];
  @ApiProperty({ type: [StageMomentsDto] }) momentsThatMatter!: StageMomentsDto[];
  @ApiProperty({ type: [OwnerResolutionDto], description: 'Pain points resolved in the period, per touchpoint owner.' }) resolution!: OwnerResolutionDto[];
}

export class CreateLinkDto {
  @ApiProperty({ enum: ['checklist_task', 'survey_question'] })
  @IsIn(['checklist_task', 'survey_question'])
  kind!: 'checklist_task' | 'survey_question';

  @ApiPropertyOptional({ format: 'uuid', description: 'checklist_task: the template.' })
  @Optional()
  @IsUUID()
  templateId?: string;

  @ApiPropertyOptional({ description: 'checklist_task: the task key in the template.' })
  @Optional()
  @IsString()
  taskKey?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'survey_question: the question of the bank.' })
  @Optional()
  @IsUUID()
  questionId?: string;
}

export class LinkDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) touchpointId!: string;
  @ApiProperty({ enum: ['checklist_task', 'survey_question'] }) kind!: 'checklist_task' | 'survey_question';
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) templateId!: string | null;
  @ApiProperty({ nullable: true, type: String }) taskKey!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) questionId!: string | null;
}
