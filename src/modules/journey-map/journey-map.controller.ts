import { Body, Controller, Delete, Get, HttpCode, Param, ParseEnumPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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
  PromoteCommentDto,
  ReportPainPointDto,
  TouchpointDto,
  UpdatePainPointDto,
  UpdateTouchpointDto,
} from './dto/journey-map.dto.js';
import { CreateLinkDto, LinkDto, TouchpointReportDto, TouchpointReportQueryDto } from './dto/analysis.dto.js';
import { JourneyMapService } from './journey-map.service.js';
import { TouchpointAnalysisService } from './touchpoint-analysis.service.js';
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
    private readonly analysis: TouchpointAnalysisService,
  ) {}

  @Get('journey-map')
  @Roles('hr_admin', 'manager')
  @ApiOperation({ summary: 'The whole map: the seven stages with their touchpoints and open pain points' })
  @ApiOkResponse({ type: JourneyMapDto })
  @ApiProblems(401, 403)
  async getMap(@CurrentPrincipal() principal: Principal): Promise<JourneyMapDto> {
    const [map, report] = await Promise.all([this.map.map(principal.tenantId), this.analysis.report(principal, {}, { withChange: false })]);
    const impact = new Map(report.touchpoints.map((t) => [t.touchpointId, t.impact]));
    return { stages: map.stages.map((stage) => ({ ...stage, touchpoints: stage.touchpoints.map((t) => ({ ...t, impact: impact.get(t.id) ?? null })) })) };
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

  @Get('journey-map/touchpoints/:id/links')
  @Roles('hr_admin')
  @ApiOperation({ summary: 'The checklist tasks and survey questions that are evidence for a touchpoint' })
  @ApiOkResponse({ type: [LinkDto] })
  @ApiProblems(400, 401, 403, 404)
  links(@CurrentPrincipal() principal: Principal, @IdParam() id: string): Promise<LinkDto[]> {
    return this.map.links(principal.tenantId, id);
  }

  @Post('journey-map/touchpoints/:id/links')
  @Roles('hr_admin')
  @HttpCode(201)
  @ApiOperation({ summary: 'Link a checklist template task or a survey question to a touchpoint' })
  @ApiCreatedResponse({ type: LinkDto })
  @ApiProblems(400, 401, 403, 404)
  link(@CurrentPrincipal() principal: Principal, @IdParam() id: string, @Body() dto: CreateLinkDto): Promise<LinkDto> {
    return this.map.link(principal.tenantId, id, dto);
  }

  @Delete('journey-map/touchpoints/:id/links/:linkId')
  @Roles('hr_admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a link' })
  @ApiNoContentResponse()
  @ApiProblems(400, 401, 403, 404)
  unlink(@CurrentPrincipal() principal: Principal, @IdParam() id: string, @IdParam('linkId') linkId: string): Promise<void> {
    return this.map.unlink(principal.tenantId, id, linkId);
  }

  @Get('reports/touchpoints')
  @Roles('hr_admin')
  @ApiOperation({ summary: 'Touchpoints ranked by impact for a month, with the score’s parts, the change since the month before, moments that matter and resolution times' })
  @ApiOkResponse({ type: TouchpointReportDto })
  @ApiProblems(400, 401, 403)
  touchpointReport(@CurrentPrincipal() principal: Principal, @Query() query: TouchpointReportQueryDto): Promise<TouchpointReportDto> {
    return this.analysis.report(principal, query);
  }

  @Post('pain-points')
  @Roles('hr_admin', 'manager', 'employee')
  @HttpCode(201)
  @ApiOperation({ summary: 'Report a pain point at a touchpoint (employees may report anonymously)' })
  @ApiCreatedResponse({ type: PainPointDto })
  @ApiProblems(400, 401, 403, 404, 409)
  reportPainPoint(@CurrentPrincipal() principal: Principal, @Body() dto: ReportPainPointDto): Promise<PainPointDto> {
    return this.painPoints.report(principal, dto);
  }

  @Post('pain-points/from-comment')
  @Roles('hr_admin')
  @HttpCode(201)
  @ApiOperation({ summary: 'Promote a survey comment to a pain point, keeping its anonymity' })
  @ApiCreatedResponse({ type: PainPointDto })
  @ApiProblems(400, 401, 403, 404, 409)
  promote(@CurrentPrincipal() principal: Principal, @Body() dto: PromoteCommentDto): Promise<PainPointDto> {
    return this.painPoints.promote(principal, dto);
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
