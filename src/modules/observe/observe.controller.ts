import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '#src/common/auth/access-policy.js';
import type { Principal } from '#src/common/auth/principal.js';
import { ApiProblems } from '#src/common/errors/api-problems.decorator.js';
import { BenchmarkService } from './benchmark.service.js';
import { BenchmarkDto, BenchmarkQueryDto } from './dto/benchmark.dto.js';
import { LadderDto, LadderQueryDto } from './dto/ladder.dto.js';
import { LoyaltyLadderService } from './loyalty-ladder.service.js';

/** Unit-level pictures of how people are doing: the loyalty ladder and the internal benchmark. Design: docs/observe.md. */
@ApiTags('observe')
@ApiBearerAuth()
@Roles('hr_admin', 'manager')
@Controller('reports')
export class ObserveController {
  constructor(
    private readonly ladder: LoyaltyLadderService,
    private readonly benchmarks: BenchmarkService,
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
}
