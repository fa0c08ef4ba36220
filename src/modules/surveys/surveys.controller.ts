import { Body, Controller, Get, Header, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '#src/common/auth/access-policy.js';
import type { Principal } from '#src/common/auth/principal.js';
import { ApiProblems } from '#src/common/errors/api-problems.decorator.js';
import { IdParam } from '#src/common/http/id-param.js';
import { PageQueryDto, type Page } from '#src/common/pagination/pagination.js';
import { InvitationPageDto, ListInvitationsQueryDto, RoundDto, RoundPageDto, type InvitationDto } from './dto/round.dto.js';
import { ResultsDto, ResultsQueryDto, TrendDto, TrendQueryDto } from './dto/results.dto.js';
import { CreateSurveyDto, ListSurveysQueryDto, SurveyDto, SurveyPageDto, UpdateSurveyDto } from './dto/survey.dto.js';
import { ResultsService } from './results.service.js';
import { RoundsService } from './rounds.service.js';
import { SurveysService } from './surveys.service.js';

@ApiTags('surveys')
@ApiBearerAuth()
@Roles('hr_admin')
@Controller('surveys')
export class SurveysController {
  constructor(
    private readonly surveys: SurveysService,
    private readonly rounds: RoundsService,
    private readonly results: ResultsService,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a pulse, lifecycle or ad-hoc survey from questions of the bank' })
  @ApiCreatedResponse({ type: SurveyDto })
  @ApiProblems(400, 401, 403)
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateSurveyDto): Promise<SurveyDto> {
    return this.surveys.create(principal.tenantId, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List surveys' })
  @ApiOkResponse({ type: SurveyPageDto })
  @ApiProblems(400, 401, 403)
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListSurveysQueryDto): Promise<Page<SurveyDto>> {
    return this.surveys.list(principal.tenantId, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read a survey' })
  @ApiOkResponse({ type: SurveyDto })
  @ApiProblems(400, 401, 403, 404)
  get(@CurrentPrincipal() principal: Principal, @IdParam() id: string): Promise<SurveyDto> {
    return this.surveys.get(principal.tenantId, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a survey (thresholds can only rise once a round has opened), or archive it' })
  @ApiOkResponse({ type: SurveyDto })
  @ApiProblems(400, 401, 403, 404, 409)
  update(@CurrentPrincipal() principal: Principal, @IdParam() id: string, @Body() dto: UpdateSurveyDto): Promise<SurveyDto> {
    return this.surveys.update(principal.tenantId, id, dto);
  }

  @Post(':id/rounds')
  @HttpCode(201)
  @ApiOperation({ summary: 'Open the next round now: invites the audience as it is today' })
  @ApiCreatedResponse({ type: RoundDto })
  @ApiProblems(400, 401, 403, 404, 409)
  openRound(@CurrentPrincipal() principal: Principal, @IdParam() id: string): Promise<RoundDto> {
    return this.rounds.open(principal.tenantId, id);
  }

  @Get(':id/rounds')
  @ApiOperation({ summary: 'The survey’s rounds, newest first' })
  @ApiOkResponse({ type: RoundPageDto })
  @ApiProblems(400, 401, 403, 404)
  listRounds(@CurrentPrincipal() principal: Principal, @IdParam() id: string, @Query() query: PageQueryDto): Promise<Page<RoundDto>> {
    return this.rounds.list(principal.tenantId, id, query);
  }

  @Post(':id/rounds/:roundId/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close a round before its window ends (closing a closed round changes nothing)' })
  @ApiOkResponse({ type: RoundDto })
  @ApiProblems(400, 401, 403, 404)
  closeRound(@CurrentPrincipal() principal: Principal, @IdParam() id: string, @IdParam('roundId') roundId: string): Promise<RoundDto> {
    return this.rounds.close(principal.tenantId, id, roundId);
  }

  @Get(':id/rounds/:roundId/invitations')
  @ApiOperation({ summary: 'The round’s personal links, to hand out' })
  @ApiOkResponse({ type: InvitationPageDto })
  @ApiProblems(400, 401, 403, 404)
  invitations(
    @CurrentPrincipal() principal: Principal,
    @IdParam() id: string,
    @IdParam('roundId') roundId: string,
    @Query() query: ListInvitationsQueryDto,
  ): Promise<Page<InvitationDto>> {
    return this.rounds.invitations(principal.tenantId, id, roundId, query);
  }

  @Get(':id/results/export')
  @Roles('hr_admin', 'manager')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="survey-results.csv"')
  @ApiOperation({ summary: 'The same results as CSV (round, scope, group, measure, value), suppressed cells marked as such' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ schema: { type: 'string' }, description: 'CSV with a header row' })
  @ApiProblems(400, 401, 403, 404)
  exportResults(@CurrentPrincipal() principal: Principal, @IdParam() id: string, @Query() query: ResultsQueryDto): Promise<string> {
    return this.results.exportCsv(principal, id, query);
  }

  @Get(':id/trend')
  @Roles('hr_admin', 'manager')
  @ApiOperation({ summary: 'Results round by round over a range (trend points), each behind the anonymity guard' })
  @ApiOkResponse({ type: TrendDto })
  @ApiProblems(400, 401, 403, 404)
  trend(@CurrentPrincipal() principal: Principal, @IdParam() id: string, @Query() query: TrendQueryDto): Promise<TrendDto> {
    return this.results.trend(principal, id, query);
  }

  @Get(':id/results')
  @Roles('hr_admin', 'manager')
  @ApiOperation({ summary: 'Results of a round: participation, eNPS, drivers, engagement and a heatmap, all behind the anonymity guard' })
  @ApiOkResponse({ type: ResultsDto })
  @ApiProblems(400, 401, 403, 404)
  getResults(@CurrentPrincipal() principal: Principal, @IdParam() id: string, @Query() query: ResultsQueryDto): Promise<ResultsDto> {
    return this.results.results(principal, id, query);
  }
}
