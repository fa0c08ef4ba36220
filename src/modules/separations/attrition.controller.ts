import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '#src/common/auth/access-policy.js';
import type { Principal } from '#src/common/auth/principal.js';
import { ApiProblems } from '#src/common/errors/api-problems.decorator.js';
import { AttritionService } from './attrition.service.js';
import {
  AttritionQueryDto,
  AttritionReportDto,
  BeforeExitQueryDto,
  BeforeExitReportDto,
  RetentionRiskQueryDto,
  RetentionRiskReportDto,
} from './dto/attrition.dto.js';
import { RetentionService } from './retention.service.js';

/** Attrition analytics: HR for the organisation, managers for their reporting line. Formulas: docs/separations.md. */
@ApiTags('attrition')
@ApiBearerAuth()
@Roles('hr_admin', 'manager')
@Controller('reports')
export class AttritionController {
  constructor(
    private readonly attrition: AttritionService,
    private readonly retention: RetentionService,
  ) {}

  @Get('attrition')
  @ApiOperation({ summary: 'Headcount, separations and attrition rates over a period, optionally by unit, tenure phase, reason, type or manager' })
  @ApiOkResponse({ type: AttritionReportDto })
  @ApiProblems(400, 401, 403)
  report(@CurrentPrincipal() principal: Principal, @Query() query: AttritionQueryDto): Promise<AttritionReportDto> {
    return this.attrition.report(principal, query);
  }

  @Get('attrition/before-exit')
  @ApiOperation({ summary: 'What the units people left were saying months before, beside units that lost nobody (unit level, above k)' })
  @ApiOkResponse({ type: BeforeExitReportDto })
  @ApiProblems(400, 401, 403)
  beforeExit(@CurrentPrincipal() principal: Principal, @Query() query: BeforeExitQueryDto): Promise<BeforeExitReportDto> {
    return this.retention.beforeExit(principal, query);
  }

  @Get('retention-risk')
  @ApiOperation({ summary: 'An explainable retention-risk score per unit, with each signal’s points; none below k respondents' })
  @ApiOkResponse({ type: RetentionRiskReportDto })
  @ApiProblems(400, 401, 403)
  risk(@CurrentPrincipal() principal: Principal, @Query() query: RetentionRiskQueryDto): Promise<RetentionRiskReportDto> {
    return this.retention.risk(principal, query);
  }
}
