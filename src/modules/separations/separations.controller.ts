import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '#src/common/auth/access-policy.js';
import type { Principal } from '#src/common/auth/principal.js';
import { ApiProblems } from '#src/common/errors/api-problems.decorator.js';
import { IdParam } from '#src/common/http/id-param.js';
import type { Page } from '#src/common/pagination/pagination.js';
import {
  CreateReasonDto,
  CreateSeparationDto,
  ListReasonsQueryDto,
  ListSeparationsQueryDto,
  ReasonDto,
  RegrettableDto,
  RegrettableResultDto,
  SeparationDto,
  SeparationPageDto,
  UpdateReasonDto,
  UpdateSeparationDto,
  WithdrawSeparationDto,
} from './dto/separation.dto.js';
import { ReasonsService } from './reasons.service.js';
import { SeparationsService } from './separations.service.js';

@ApiTags('separations')
@ApiBearerAuth()
@Controller()
export class SeparationsController {
  constructor(
    private readonly separations: SeparationsService,
    private readonly reasons: ReasonsService,
  ) {}

  @Post('separations')
  @Roles('hr_admin', 'integration')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record a separation: moves the employee to depart, sets their end date, starts the offboarding checklist and the exit interview' })
  @ApiCreatedResponse({ type: SeparationDto })
  @ApiProblems(400, 401, 403, 404, 409)
  record(@CurrentPrincipal() principal: Principal, @Body() dto: CreateSeparationDto): Promise<SeparationDto> {
    return this.separations.record(principal, dto);
  }

  @Get('separations')
  @Roles('hr_admin')
  @ApiOperation({ summary: 'Separations, filtered by status, type, reason, unit (when they left) and last working day' })
  @ApiOkResponse({ type: SeparationPageDto })
  @ApiProblems(400, 401, 403)
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListSeparationsQueryDto): Promise<Page<SeparationDto>> {
    return this.separations.list(principal, query);
  }

  @Get('separations/:id')
  @Roles('hr_admin')
  @ApiOperation({ summary: 'A separation' })
  @ApiOkResponse({ type: SeparationDto })
  @ApiProblems(400, 401, 403, 404)
  get(@CurrentPrincipal() principal: Principal, @IdParam() id: string): Promise<SeparationDto> {
    return this.separations.get(principal, id);
  }

  @Patch('separations/:id')
  @Roles('hr_admin')
  @ApiOperation({ summary: 'Correct or complete a separation (dates, type, reasons, rehire eligibility, alumni consent)' })
  @ApiOkResponse({ type: SeparationDto })
  @ApiProblems(400, 401, 403, 404, 409)
  update(@CurrentPrincipal() principal: Principal, @IdParam() id: string, @Body() dto: UpdateSeparationDto): Promise<SeparationDto> {
    return this.separations.update(principal, id, dto);
  }

  @Put('separations/:id/regrettable')
  @Roles('hr_admin', 'manager')
  @ApiOperation({ summary: 'Say whether the leaver is a regrettable loss (HR; a manager for leavers of their reporting line)' })
  @ApiOkResponse({ type: RegrettableResultDto })
  @ApiProblems(400, 401, 403, 404)
  regrettable(@CurrentPrincipal() principal: Principal, @IdParam() id: string, @Body() dto: RegrettableDto): Promise<RegrettableResultDto> {
    return this.separations.setRegrettable(principal, id, dto.regrettable);
  }

  @Post('separations/:id/withdraw')
  @Roles('hr_admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw a separation up to the last working day: the employee returns to the stage they left' })
  @ApiOkResponse({ type: SeparationDto })
  @ApiProblems(400, 401, 403, 404, 409)
  withdraw(@CurrentPrincipal() principal: Principal, @IdParam() id: string, @Body() dto: WithdrawSeparationDto): Promise<SeparationDto> {
    return this.separations.withdraw(principal, id, dto);
  }

  @Get('separation-reasons')
  @Roles('hr_admin', 'manager', 'integration')
  @ApiOperation({ summary: 'The organisation’s reasons for leaving' })
  @ApiOkResponse({ type: [ReasonDto] })
  @ApiProblems(400, 401, 403)
  listReasons(@CurrentPrincipal() principal: Principal, @Query() query: ListReasonsQueryDto): Promise<ReasonDto[]> {
    return this.reasons.list(principal.tenantId, query.includeRetired ?? false);
  }

  @Post('separation-reasons')
  @Roles('hr_admin')
  @HttpCode(201)
  @ApiOperation({ summary: 'Add a reason for leaving' })
  @ApiCreatedResponse({ type: ReasonDto })
  @ApiProblems(400, 401, 403, 409)
  createReason(@CurrentPrincipal() principal: Principal, @Body() dto: CreateReasonDto): Promise<ReasonDto> {
    return this.reasons.create(principal.tenantId, dto);
  }

  @Patch('separation-reasons/:key')
  @Roles('hr_admin')
  @ApiOperation({ summary: 'Rename, describe, retire or bring back a reason' })
  @ApiOkResponse({ type: ReasonDto })
  @ApiProblems(400, 401, 403, 404)
  updateReason(@CurrentPrincipal() principal: Principal, @Param('key') key: string, @Body() dto: UpdateReasonDto): Promise<ReasonDto> {
    return this.reasons.update(principal.tenantId, key, dto);
  }
}
