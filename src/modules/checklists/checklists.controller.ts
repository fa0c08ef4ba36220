import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '#src/common/auth/access-policy.js';
import type { Principal } from '#src/common/auth/principal.js';
import { ApiProblems } from '#src/common/errors/api-problems.decorator.js';
import { IdParam } from '#src/common/http/id-param.js';
import type { Page } from '#src/common/pagination/pagination.js';
import { ChecklistReportsService } from './checklist-reports.service.js';
import { ChecklistsService } from './checklists.service.js';
import { OnboardingReportDto, OnboardingReportQueryDto } from './dto/report.dto.js';
import {
  ChecklistDto,
  ChecklistPageDto,
  ListChecklistsQueryDto,
  ListNotificationsQueryDto,
  ListTasksQueryDto,
  NotificationDto,
  NotificationPageDto,
  ReassignTaskDto,
  StartChecklistDto,
  TaskCommentDto,
  TaskDto,
  TaskEventDto,
  TaskPageDto,
} from './dto/checklist.dto.js';

@ApiTags('checklists')
@ApiBearerAuth()
@Controller()
export class ChecklistsController {
  constructor(
    private readonly checklists: ChecklistsService,
    private readonly reports: ChecklistReportsService,
  ) {}

  @Post('checklists')
  @Roles('hr_admin')
  @HttpCode(201)
  @ApiOperation({ summary: 'Start a template for an employee, assignees and due dates resolved now' })
  @ApiCreatedResponse({ type: ChecklistDto })
  @ApiProblems(400, 401, 403, 404, 409)
  start(@CurrentPrincipal() principal: Principal, @Body() dto: StartChecklistDto): Promise<ChecklistDto> {
    return this.checklists.start(principal, dto);
  }

  @Get('checklists')
  @Roles('hr_admin')
  @ApiOperation({ summary: 'Checklists with their tasks and progress' })
  @ApiOkResponse({ type: ChecklistPageDto })
  @ApiProblems(400, 401, 403)
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListChecklistsQueryDto): Promise<Page<ChecklistDto>> {
    return this.checklists.list(principal, query);
  }

  @Get('checklists/:id')
  @Roles('hr_admin')
  @ApiOperation({ summary: 'A checklist with its tasks and progress' })
  @ApiOkResponse({ type: ChecklistDto })
  @ApiProblems(400, 401, 403, 404)
  get(@CurrentPrincipal() principal: Principal, @IdParam() id: string): Promise<ChecklistDto> {
    return this.checklists.get(principal, id);
  }

  @Get('tasks')
  @Roles('hr_admin', 'manager', 'employee')
  @ApiOperation({ summary: 'Tasks: one’s own (everyone), or anyone’s with filters (HR)' })
  @ApiOkResponse({ type: TaskPageDto })
  @ApiProblems(400, 401, 403)
  tasks(@CurrentPrincipal() principal: Principal, @Query() query: ListTasksQueryDto): Promise<Page<TaskDto>> {
    return this.checklists.listTasks(principal, query);
  }

  @Post('tasks/:id/complete')
  @Roles('hr_admin', 'manager', 'employee')
  @HttpCode(200)
  @ApiOperation({ summary: 'Complete a task (its dependencies must be done)' })
  @ApiOkResponse({ type: TaskDto })
  @ApiProblems(400, 401, 403, 404, 409)
  complete(@CurrentPrincipal() principal: Principal, @IdParam() id: string, @Body() dto: TaskCommentDto): Promise<TaskDto> {
    return this.checklists.act(principal, id, 'complete', dto.comment, dto.version);
  }

  @Post('tasks/:id/reopen')
  @Roles('hr_admin', 'manager', 'employee')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reopen a done or skipped task' })
  @ApiOkResponse({ type: TaskDto })
  @ApiProblems(400, 401, 403, 404, 409)
  reopen(@CurrentPrincipal() principal: Principal, @IdParam() id: string, @Body() dto: TaskCommentDto): Promise<TaskDto> {
    return this.checklists.act(principal, id, 'reopen', dto.comment, dto.version);
  }

  @Post('tasks/:id/skip')
  @Roles('hr_admin', 'manager', 'employee')
  @HttpCode(200)
  @ApiOperation({ summary: 'Skip an optional task' })
  @ApiOkResponse({ type: TaskDto })
  @ApiProblems(400, 401, 403, 404, 409)
  skip(@CurrentPrincipal() principal: Principal, @IdParam() id: string, @Body() dto: TaskCommentDto): Promise<TaskDto> {
    return this.checklists.act(principal, id, 'skip', dto.comment, dto.version);
  }

  @Patch('tasks/:id')
  @Roles('hr_admin', 'manager', 'employee')
  @ApiOperation({ summary: 'Reassign a task (to a buddy, a colleague, or back to HR with null)' })
  @ApiOkResponse({ type: TaskDto })
  @ApiProblems(400, 401, 403, 404, 409)
  reassign(@CurrentPrincipal() principal: Principal, @IdParam() id: string, @Body() dto: ReassignTaskDto): Promise<TaskDto> {
    return this.checklists.reassign(principal, id, dto);
  }

  @Post('checklists/:id/cancel')
  @Roles('hr_admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a running checklist (its tasks stay as they were)' })
  @ApiOkResponse({ type: ChecklistDto })
  @ApiProblems(400, 401, 403, 404)
  cancel(@CurrentPrincipal() principal: Principal, @IdParam() id: string): Promise<ChecklistDto> {
    return this.checklists.cancel(principal, id);
  }

  @Get('reports/onboarding')
  @Roles('hr_admin')
  @ApiOperation({ summary: 'How checklists go, per unit and template and per assignee rule: runs, completion time, late and overdue tasks' })
  @ApiOkResponse({ type: OnboardingReportDto })
  @ApiProblems(400, 401, 403)
  report(@CurrentPrincipal() principal: Principal, @Query() query: OnboardingReportQueryDto): Promise<OnboardingReportDto> {
    return this.reports.onboarding(principal, query);
  }

  @Get('checklist-notifications')
  @Roles('hr_admin')
  @ApiOperation({ summary: 'The reminder e-mail outbox with each digest’s delivery state' })
  @ApiOkResponse({ type: NotificationPageDto })
  @ApiProblems(400, 401, 403)
  notifications(@CurrentPrincipal() principal: Principal, @Query() query: ListNotificationsQueryDto): Promise<Page<NotificationDto>> {
    return this.reports.notifications(principal, query);
  }

  @Get('tasks/:id/history')
  @Roles('hr_admin', 'manager', 'employee')
  @ApiOperation({ summary: 'Every change of a task: who, when, what' })
  @ApiOkResponse({ type: [TaskEventDto] })
  @ApiProblems(400, 401, 403, 404)
  history(@CurrentPrincipal() principal: Principal, @IdParam() id: string): Promise<TaskEventDto[]> {
    return this.checklists.history(principal, id);
  }
}
