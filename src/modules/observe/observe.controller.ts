import { Body, Controller, Get, Header, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { IdParam } from '#src/common/http/id-param.js';
import { CurrentPrincipal, Roles } from '#src/common/auth/access-policy.js';
import type { Principal } from '#src/common/auth/principal.js';
import { ApiProblems } from '#src/common/errors/api-problems.decorator.js';
import { BenchmarkService } from './benchmark.service.js';
import { BenchmarkDto, BenchmarkQueryDto } from './dto/benchmark.dto.js';
import { LadderDto, LadderQueryDto } from './dto/ladder.dto.js';
import { ObservationQueryDto, ObservationReportDto, ObservationWeightsDto } from './dto/observation.dto.js';
import { LoyaltyLadderService } from './loyalty-ladder.service.js';
import { ObservationService } from './observation.service.js';
import { ScorecardDto, ScorecardQueryDto } from './dto/scorecard.dto.js';
import { ScorecardService } from './scorecard.service.js';

/** Unit-level pictures of how people are doing: the loyalty ladder, the internal benchmark and the observation index. Design: docs/observe.md. */
@ApiTags('observe')
@ApiBearerAuth()
@Roles('hr_admin', 'manager')
@Controller('reports')
export class ObserveController {
  constructor(
    private readonly ladder: LoyaltyLadderService,
    private readonly benchmarks: BenchmarkService,
    private readonly observation: ObservationService,
    private readonly scorecards: ScorecardService,
  ) {}

  @Get('loyalty-ladder')
  @ApiOperation({ summary: 'Detractors, passives, promoters and advocates per unit for a month, with the units whose promoter share fell (the snake)' })
  @ApiOkResponse({ type: LadderDto })
  @ApiProblems(400, 401, 403)
  get(@CurrentPrincipal() principal: Principal, @Query() query: LadderQueryDto): Promise<LadderDto> {
    return this.ladder.ladder(principal, query);
  }

  @Get('benchmark')
  @ApiOperation({ summary: 'Every unit’s driver means placed against the units of its level: percentile, quartiles, and the 75th percentile as the bar' })
  @ApiOkResponse({ type: BenchmarkDto })
  @ApiProblems(400, 401, 403)
  benchmark(@CurrentPrincipal() principal: Principal, @Query() query: BenchmarkQueryDto): Promise<BenchmarkDto> {
    return this.benchmarks.benchmark(principal, query);
  }

  @Get('observation')
  @ApiOperation({ summary: 'The 360° observation index per unit: each component’s value, normalised score and points, what is missing, and the trend' })
  @ApiOkResponse({ type: ObservationReportDto })
  @ApiProblems(400, 401, 403)
  observe(@CurrentPrincipal() principal: Principal, @Query() query: ObservationQueryDto): Promise<ObservationReportDto> {
    return this.observation.report(principal, query);
  }

  @Get('units/:id/scorecard')
  @ApiOperation({ summary: 'One page about a unit: observation index with trend, ladder, benchmark position, top pain points, open actions' })
  @ApiOkResponse({ type: ScorecardDto })
  @ApiProblems(400, 401, 403)
  scorecard(@CurrentPrincipal() principal: Principal, @IdParam() id: string, @Query() query: ScorecardQueryDto): Promise<ScorecardDto> {
    return this.scorecards.scorecard(principal, id, query.period);
  }

  @Get('units/:id/scorecard/export')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="unit-scorecard.csv"')
  @ApiOperation({ summary: 'The unit scorecard as CSV: one row per figure' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ schema: { type: 'string' }, description: 'CSV with a header row: section, item, value' })
  @ApiProblems(400, 401, 403)
  scorecardCsv(@CurrentPrincipal() principal: Principal, @IdParam() id: string, @Query() query: ScorecardQueryDto): Promise<string> {
    return this.scorecards.csv(principal, id, query.period);
  }

  @Get('observation/weights')
  @ApiOperation({ summary: 'The weights of the observation index’s components (the defaults until HR sets them)' })
  @ApiOkResponse({ type: ObservationWeightsDto })
  @ApiProblems(401, 403)
  weights(@CurrentPrincipal() principal: Principal): Promise<ObservationWeightsDto> {
    return this.observation.weights(principal.tenantId);
  }

  @Put('observation/weights')
  @Roles('hr_admin')
  @ApiOperation({ summary: 'Set the weights of the observation index’s components (0–1 each; the index divides by those present)' })
  @ApiOkResponse({ type: ObservationWeightsDto })
  @ApiProblems(400, 401, 403)
  setWeights(@CurrentPrincipal() principal: Principal, @Body() dto: ObservationWeightsDto): Promise<ObservationWeightsDto> {
    return this.observation.setWeights(principal.tenantId, dto);
  }
}
