import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min, ValidateIf } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '#src/common/pagination/pagination.js';
import { Optional } from '#src/common/validation/validators.js';
import { ASSIGNEE_RULES, type AssigneeRule } from '../domain/templates.js';
import type { ChecklistStatus, TaskStatus } from '../entities/checklist.entity.js';

const CHECKLIST_STATUSES = ['running', 'completed', 'cancelled'] as const;
const TASK_STATUSES = ['open', 'done', 'skipped'] as const;
export const DUE_WINDOWS = ['overdue', 'week'] as const;

export class StartChecklistDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  employeeId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  templateId!: string;
}

export class ListChecklistsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @Optional()
  @IsUUID()
  employeeId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @Optional()
  @IsUUID()
  templateId?: string;

  @ApiPropertyOptional({ enum: CHECKLIST_STATUSES })
  @Optional()
  @IsIn(CHECKLIST_STATUSES)
  status?: ChecklistStatus;

  @ApiPropertyOptional({ format: 'uuid', description: 'Checklists of employees now in this unit or its sub-units.' })
  @Optional()
  @IsUUID()
  unitId?: string;
}

export class TaskCommentDto {
  @ApiPropertyOptional({ maxLength: 2000 })
  @Optional()
  @IsString()
  @MaxLength(2000)
  comment?: string;

  @ApiPropertyOptional({ description: 'The task’s version last read; when given and stale, the change is refused with 409.' })
  @Optional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class ReassignTaskDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The user who takes the task over; null hands it back to HR.' })
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  assigneeUserId!: string | null;

  @ApiPropertyOptional({ maxLength: 2000 })
  @Optional()
  @IsString()
  @MaxLength(2000)
  comment?: string;

  @ApiPropertyOptional({ description: 'The task’s version last read; when given and stale, the change is refused with 409.' })
  @Optional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class ListTasksQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: '`me` (the signed-in user), or a user id (HR only). Others always see their own tasks.' })
  @Optional()
  @IsString()
  @MaxLength(36)
  assignee?: string;

  @ApiPropertyOptional({ enum: TASK_STATUSES })
  @Optional()
  @IsIn(TASK_STATUSES)
  status?: TaskStatus;

  @ApiPropertyOptional({ enum: DUE_WINDOWS, description: 'overdue: open and past due; week: open and due in the next 7 days.' })
  @Optional()
  @IsIn(DUE_WINDOWS)
  due?: (typeof DUE_WINDOWS)[number];

  @ApiPropertyOptional({ format: 'uuid', description: 'HR: employees of this unit and its sub-units.' })
  @Optional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'HR: tasks of checklists from this template.' })
  @Optional()
  @IsUUID()
  templateId?: string;

  @ApiPropertyOptional({ enum: ASSIGNEE_RULES, description: 'HR: tasks of this assignee rule.' })
  @Optional()
  @IsIn(ASSIGNEE_RULES)
  assigneeRule?: AssigneeRule;
}

export class TaskDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) checklistId!: string;
  @ApiProperty() key!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty() required!: boolean;
  @ApiProperty({ type: [String] }) dependsOn!: string[];
  @ApiProperty({ enum: ASSIGNEE_RULES }) assigneeRule!: AssigneeRule;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Null: nobody in particular yet (HR picks it up).' }) assigneeUserId!: string | null;
  @ApiProperty({ example: '2026-12-01' }) dueOn!: string;
  @ApiProperty({ enum: TASK_STATUSES }) status!: TaskStatus;
  @ApiProperty({ description: 'Raised by every change; send it back as `version` to refuse a change made meanwhile.' }) version!: number;
  @ApiProperty({ description: 'Open and past its due date.' }) overdue!: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) completedAt!: string | null;
}

export class TaskPageDto extends PageMetaDto {
  @ApiProperty({ type: [TaskDto] }) items!: TaskDto[];
}

export class ProgressDto {
  @ApiProperty() done!: number;
  @ApiProperty() total!: number;
  @ApiProperty() requiredDone!: number;
  @ApiProperty() requiredTotal!: number;
  @ApiProperty() overdue!: number;
}

export class ChecklistDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) employeeId!: string;
  @ApiProperty({ format: 'uuid' }) templateId!: string;
  @ApiProperty({ description: 'The template version it runs.' }) templateVersion!: number;
  @ApiProperty({ example: '2026-12-01' }) anchorDate!: string;
  @ApiProperty({ enum: CHECKLIST_STATUSES }) status!: ChecklistStatus;
  @ApiProperty({ type: ProgressDto }) progress!: ProgressDto;
  @ApiProperty({ type: [TaskDto] }) tasks!: TaskDto[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) completedAt!: string | null;
}

export class ChecklistPageDto extends PageMetaDto {
  @ApiProperty({ type: [ChecklistDto] }) items!: ChecklistDto[];
}

export class TaskEventDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'complete' }) action!: string;
  @ApiProperty({ enum: TASK_STATUSES, nullable: true }) fromStatus!: TaskStatus | null;
  @ApiProperty({ enum: TASK_STATUSES, nullable: true }) toStatus!: TaskStatus | null;
  @ApiProperty({ nullable: true, type: String }) comment!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actorUserId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

const NOTIFICATION_STATUSES = ['pending', 'sent', 'off'] as const;

export class ListNotificationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: NOTIFICATION_STATUSES })
  @Optional()
  @IsIn(NOTIFICATION_STATUSES)
  status?: (typeof NOTIFICATION_STATUSES)[number];
}

export class NotificationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ example: '2026-11-25' }) day!: string;
  @ApiProperty() recipient!: string;
  @ApiProperty() subject!: string;
  @ApiProperty({ type: [String], format: 'uuid' }) taskIds!: string[];
  @ApiProperty({ enum: NOTIFICATION_STATUSES, description: 'pending: to send (or being retried); sent: the mail server took it; off: no mail server was configured that day.' })
  status!: (typeof NOTIFICATION_STATUSES)[number];
  @ApiProperty() attempts!: number;
  @ApiProperty({ format: 'date-time' }) nextAttemptAt!: string;
  @ApiProperty({ nullable: true, type: String }) lastError!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) sentAt!: string | null;
}

export class NotificationPageDto extends PageMetaDto {
  @ApiProperty({ type: [NotificationDto] }) items!: NotificationDto[];
}
