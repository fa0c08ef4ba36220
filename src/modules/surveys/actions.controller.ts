import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '#src/common/auth/access-policy.js';
import type { Principal } from '#src/common/auth/principal.js';
import { ApiProblems } from '#src/common/errors/api-problems.decorator.js';
import { IdParam } from '#src/common/http/id-param.js';
import type { Page } from '#src/common/pagination/pagination.js';
import { ActionsService } from './actions.service.js';
import {
  ActionDetailDto,
  ActionDto,
  ActionPageDto,
  ActionUpdateDto,
  CreateActionDto,
  CreateActionUpdateDto,
  ListActionsQueryDto,
  UpdateActionDto,
} from './dto/action.dto.js';

/** "You said, we did". HR and managers (their reporting line) act; employees read their unit's actions. */
@ApiTags('survey actions')
@ApiBearerAuth()
@Roles('hr_admin', 'manager')
@Controller('survey-actions')
export class ActionsController {
  constructor(private readonly actions: ActionsService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Plan an action on a driver for a unit, after a survey' })
  @ApiCreatedResponse({ type: ActionDetailDto })
  @ApiProblems(400, 401, 403, 404)
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateActionDto): Promise<ActionDetailDto> {
    return this.actions.create(principal, dto);
  }

  @Get()
  @Roles('hr_admin', 'manager', 'employee')
  @ApiOperation({ summary: 'Actions: all (HR), of one’s reporting line (managers), of one’s own unit and those above it (employees)' })
  @ApiOkResponse({ type: ActionPageDto })
  @ApiProblems(400, 401, 403)
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListActionsQueryDto): Promise<Page<ActionDto>> {
    return this.actions.list(principal, query);
  }

  @Get(':id')
  @Roles('hr_admin', 'manager', 'employee')
  @ApiOperation({ summary: 'An action, with the driver’s score for the unit before it and in the rounds after it' })
  @ApiOkResponse({ type: ActionDetailDto })
  @ApiProblems(400, 401, 403, 404)
  get(@CurrentPrincipal() principal: Principal, @IdParam() id: string): Promise<ActionDetailDto> {
    return this.actions.get(principal, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change an action (a status change is recorded in its history)' })
  @ApiOkResponse({ type: ActionDetailDto })
  @ApiProblems(400, 401, 403, 404, 409)
  update(@CurrentPrincipal() principal: Principal, @IdParam() id: string, @Body() dto: UpdateActionDto): Promise<ActionDetailDto> {
    return this.actions.update(principal, id, dto);
  }

  @Post(':id/updates')
  @HttpCode(201)
  @ApiOperation({ summary: 'Add a progress note, optionally moving the status' })
  @ApiCreatedResponse({ type: ActionUpdateDto })
  @ApiProblems(400, 401, 403, 404)
  addUpdate(@CurrentPrincipal() principal: Principal, @IdParam() id: string, @Body() dto: CreateActionUpdateDto): Promise<ActionUpdateDto> {
    return this.actions.addUpdate(principal, id, dto);
  }

  @Get(':id/updates')
  @Roles('hr_admin', 'manager', 'employee')
  @ApiOperation({ summary: 'An action’s history, oldest first' })
  @ApiOkResponse({ type: [ActionUpdateDto] })
  @ApiProblems(400, 401, 403, 404)
  listUpdates(@CurrentPrincipal() principal: Principal, @IdParam() id: string): Promise<ActionUpdateDto[]> {
    return this.actions.listUpdates(principal, id);
  }
}
