import { Body, Controller, Get, HttpCode, Param, ParseEnumPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '#src/common/auth/access-policy.js';
import type { Principal } from '#src/common/auth/principal.js';
import { ApiProblems } from '#src/common/errors/api-problems.decorator.js';
import { IdParam } from '#src/common/http/id-param.js';
import { validationFailed } from '#src/common/http/validation.js';
import { STAGES, type Stage } from '#src/modules/employees/domain/journey.js';
import {
  CreateTouchpointDto,
  JourneyMapDto,
  ListPainPointsQueryDto,
  MeTooDto,
  OrderTouchpointsDto,
  PainPointDto,
  PainPointEventDto,
  PainPointPageDto,
  ReportPainPointDto,
  TouchpointDto,
  UpdatePainPointDto,
  UpdateTouchpointDto,
} from './dto/journey-map.dto.js';
import { JourneyMapService } from './journey-map.service.js';
import { PainPointsService } from './pain-points.service.js';

const stageParam = new ParseEnumPipe(Object.fromEntries(STAGES.map((s) => [s, s])), {
  exceptionFactory: () => validationFailed([{ field: 'stage', message: `must be one of ${STAGES.join(', ')}` }]),
});

@ApiTags('journey map')
@ApiBearerAuth()
@Controller()
export class JourneyMapController {
  constructor(
    private readonly map: JourneyMapService,
    private readonly painPoints: PainPointsService,
  ) {}

  @Get('journey-map')
  @Roles('hr_admin', 'manager')
  @ApiOperation({ summary: 'The whole map: the seven stages with their touchpoints and open pain points' })
  @ApiOkResponse({ type: JourneyMapDto })
  @ApiProblems(401, 403)
  getMap(@CurrentPrincipal() principal: Principal): Promise<JourneyMapDto> {
    return this.map.map(principal.tenantId);
  }

  @Post('journey-map/touchpoints')
  @Roles('hr_admin')
  @HttpCode(201)
  @ApiOperation({ summary: 'Add a touchpoint at the end of its stage' })
  @ApiCreatedResponse({ type: TouchpointDto })
  @ApiProblems(400, 401, 403)
  createTouchpoint(@CurrentPrincipal() principal: Principal, @Body() dto: CreateTouchpointDto): Promise<TouchpointDto> {
    return this.map.create(principal.tenantId, dto);
  }

  @Patch('journey-map/touchpoints/:id')
  @Roles('hr_admin')
  @ApiOperation({ summary: 'Edit, retire or bring back a touchpoint' })
  @ApiOkResponse({ type: TouchpointDto })
  @ApiProblems(400, 401, 403, 404, 409)
  updateTouchpoint(@CurrentPrincipal() principal: Principal, @IdParam() id: string, @Body() dto: UpdateTouchpointDto): Promise<TouchpointDto> {
    return this.map.update(principal.tenantId, id, dto);
  }

  @Put('journey-map/stages/:stage/order')
  @Roles('hr_admin')
  @ApiOperation({ summary: 'Reorder a stage’s touchpoints (list every active one once)' })
  @ApiOkResponse({ type: JourneyMapDto })
  @ApiProblems(400, 401, 403, 409)
  order(@CurrentPrincipal() principal: Principal, @Param('stage', stageParam) stage: Stage, @Body() dto: OrderTouchpointsDto): Promise<JourneyMapDto> {
    return this.map.order(principal.tenantId, stage, dto);
  }

  @Post('pain-points')
  @Roles('hr_admin', 'manager', 'employee')
  @HttpCode(201)
  @ApiOperation({ summary: 'Report a pain point at a touchpoint (employees may report anonymously)' })
  @ApiCreatedResponse({ type: PainPointDto })
  @ApiProblems(400, 401, 403, 404, 409)
  report(@CurrentPrincipal() principal: Principal, @Body() dto: ReportPainPointDto): Promise<PainPointDto> {
    return this.painPoints.report(principal, dto);
  }

  @Get('pain-points')
  @Roles('hr_admin')
  @ApiOperation({ summary: 'Pain points (anonymous ones only where their unit has at least k at the touchpoint)' })
  @ApiOkResponse({ type: PainPointPageDto })
  @ApiProblems(400, 401, 403)
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListPainPointsQueryDto): Promise<PainPointPageDto> {
    return this.painPoints.list(principal, query);
  }

  @Patch('pain-points/:id')
  @Roles('hr_admin')
  @ApiOperation({ summary: 'Move a pain point’s status (with a note) or link it to a survey action' })
  @ApiOkResponse({ type: PainPointDto })
  @ApiProblems(400, 401, 403, 404)
  update(@CurrentPrincipal() principal: Principal, @IdParam() id: string, @Body() dto: UpdatePainPointDto): Promise<PainPointDto> {
    return this.painPoints.update(principal, id, dto);
  }

  @Post('pain-points/:id/me-too')
  @Roles('hr_admin', 'manager', 'employee')
  @HttpCode(200)
  @ApiOperation({ summary: '"Me too": add weight to a pain point, once per person' })
  @ApiOkResponse({ type: MeTooDto })
  @ApiProblems(400, 401, 403, 404, 409)
  meToo(@CurrentPrincipal() principal: Principal, @IdParam() id: string): Promise<MeTooDto> {
    return this.painPoints.meToo(principal, id);
  }

  @Get('pain-points/:id/history')
  @Roles('hr_admin')
  @ApiOperation({ summary: 'A pain point’s status moves, with their notes' })
  @ApiOkResponse({ type: [PainPointEventDto] })
  @ApiProblems(400, 401, 403, 404)
  history(@CurrentPrincipal() principal: Principal, @IdParam() id: string): Promise<PainPointEventDto[]> {
    return this.painPoints.history(principal, id);
  }
}
