import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsIn, IsInt, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '#src/common/pagination/pagination.js';
import { Optional, ToBoolean } from '#src/common/validation/validators.js';
import { ASSIGNEE_RULES, CHECKLIST_KINDS, type AssigneeRule, type ChecklistKind, type TemplateTask } from '../domain/templates.js';
import type { ChecklistTemplateEntity } from '../entities/checklist-template.entity.js';

export const MAX_TEMPLATE_TASKS = 100;
export const TASK_KEY_PATTERN = /^[a-z][a-z0-9_]{0,47}$/;

export class AssigneeDto {
  @ApiProperty({ enum: ASSIGNEE_RULES, description: 'hr, the employee’s manager, a buddy (assigned later), the employee, a named user, or a unit (its manager).' })
  @IsIn(ASSIGNEE_RULES)
  rule!: AssigneeRule;

  @ApiPropertyOptional({ format: 'uuid', description: 'With rule user: the user.' })
  @Optional()
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'With rule unit: the unit (its manager does the task).' })
  @Optional()
  @IsUUID()
  unitId?: string;
}

export class TaskConditionsDto {
  @ApiPropertyOptional({ type: [String] })
  @Optional()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  locations?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Units, each with its sub-units.' })
  @Optional()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  unitIds?: string[];

  @ApiPropertyOptional({ type: [String] })
  @Optional()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  employmentTypes?: string[];
}

export class TemplateTaskDto {
  @ApiProperty({ example: 'day_one_setup', description: 'Unique in the template; dependencies name keys.' })
  @Matches(TASK_KEY_PATTERN, { message: 'key must be 1–48 lower-case letters, digits or underscores, starting with a letter' })
  key!: string;

  @ApiProperty({ maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title!: string;

  @ApiPropertyOptional({ maxLength: 4000 })
  @Optional()
  @IsString()
  @MaxLength(4000)
  description?: string;

  @ApiProperty({ type: AssigneeDto })
  @ValidateNested()
  @Type(() => AssigneeDto)
  assignee!: AssigneeDto;

  @ApiProperty({ minimum: -365, maximum: 365, description: 'Days after the anchor (start date, last day, or the start of a custom checklist); negative before it.' })
  @IsInt()
  @Min(-365)
  @Max(365)
  offsetDays!: number;

  @ApiPropertyOptional({ default: true, description: 'Optional tasks may be skipped.' })
  @Optional()
  @IsBoolean()
  required?: boolean;

  @ApiPropertyOptional({ type: [String], description: 'Keys of tasks that must be done first.' })
  @Optional()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  dependsOn?: string[];

  @ApiPropertyOptional({ type: TaskConditionsDto, description: 'Only for employees matching every condition given.' })
  @Optional()
  @ValidateNested()
  @Type(() => TaskConditionsDto)
  conditions?: TaskConditionsDto;
}

export class CreateTemplateDto {
  @ApiProperty({ example: 'Engineering onboarding', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: CHECKLIST_KINDS })
  @IsIn(CHECKLIST_KINDS)
  kind!: ChecklistKind;

  @ApiProperty({ type: [TemplateTaskDto] })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_TEMPLATE_TASKS)
  @ValidateNested({ each: true })
  @Type(() => TemplateTaskDto)
  tasks!: TemplateTaskDto[];
}

export class UpdateTemplateDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ type: [TemplateTaskDto], description: 'Replaces the tasks as a new version; running checklists keep theirs.' })
  @Optional()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_TEMPLATE_TASKS)
  @ValidateNested({ each: true })
  @Type(() => TemplateTaskDto)
  tasks?: TemplateTaskDto[];

  @ApiPropertyOptional({ description: 'true archives the template (no new checklists); false restores it.' })
  @Optional()
  @IsBoolean()
  archived?: boolean;

  @ApiPropertyOptional({ description: 'The version last read; when given and stale, the update is refused with 409.' })
  @Optional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class ListTemplatesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CHECKLIST_KINDS })
  @Optional()
  @IsIn(CHECKLIST_KINDS)
  kind?: ChecklistKind;

  @ApiPropertyOptional({ default: false })
  @Optional()
  @ToBoolean()
  @IsBoolean()
  includeArchived?: boolean;
}

export class TemplateTaskResponseDto {
  @ApiProperty() key!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ type: AssigneeDto }) assignee!: AssigneeDto;
  @ApiProperty() offsetDays!: number;
  @ApiProperty() required!: boolean;
  @ApiProperty({ type: [String] }) dependsOn!: string[];
  @ApiProperty({ type: TaskConditionsDto }) conditions!: TaskConditionsDto;
}

export class TemplateDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: CHECKLIST_KINDS }) kind!: ChecklistKind;
  @ApiProperty({ description: 'The task version new checklists run.' }) currentVersion!: number;
  @ApiProperty({ type: [TemplateTaskResponseDto] }) tasks!: TemplateTaskResponseDto[];
  @ApiProperty() archived!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty() version!: number;
}

export class TemplatePageDto extends PageMetaDto {
  @ApiProperty({ type: [TemplateDto] }) items!: TemplateDto[];
}

export function toTemplateTasks(tasks: readonly TemplateTaskDto[]): TemplateTask[] {
  return tasks.map((task) => ({
    key: task.key,
    title: task.title,
    description: task.description ?? null,
    assignee: { rule: task.assignee.rule, ...(task.assignee.userId ? { userId: task.assignee.userId } : {}), ...(task.assignee.unitId ? { unitId: task.assignee.unitId } : {}) },
    offsetDays: task.offsetDays,
    required: task.required ?? true,
    dependsOn: task.dependsOn ?? [],
    conditions: {
      ...(task.conditions?.locations?.length ? { locations: task.conditions.locations } : {}),
      ...(task.conditions?.unitIds?.length ? { unitIds: task.conditions.unitIds } : {}),
      ...(task.conditions?.employmentTypes?.length ? { employmentTypes: task.conditions.employmentTypes } : {}),
    },
  }));
}

export function toTemplateDto(template: ChecklistTemplateEntity, tasks: readonly TemplateTask[]): TemplateDto {
  return {
    id: template.id,
    name: template.name,
    kind: template.kind,
    currentVersion: template.currentVersion,
    tasks: tasks.map((task) => ({ ...task, assignee: { ...task.assignee }, dependsOn: [...task.dependsOn], conditions: { ...task.conditions } })),
    archived: template.archivedAt !== null,
    createdAt: template.createdAt.toISOString(),
    updatedAt: template.updatedAt.toISOString(),
    version: template.version,
  };
}
