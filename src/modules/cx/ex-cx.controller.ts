import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, Roles } from '#src/common/auth/access-policy.js';
import type { Principal } from '#src/common/auth/principal.js';
import { ApiProblems } from '#src/common/errors/api-problems.decorator.js';
import { ExCxDriversQueryDto, ExCxDriversReportDto, ExCxQueryDto, ExCxReportDto } from './dto/ex-cx.dto.js';
import { driversCsv, driversSvg, inFormat, linkageCsv, linkageSvg } from './ex-cx.formats.js';
import { ExCxService } from './ex-cx.service.js';

@ApiTags('cx')
@ApiBearerAuth()
@Controller('reports')
export class ExCxController {
  constructor(private readonly report: ExCxService) {}

  @Get('ex-cx')
  @Roles('hr_admin', 'manager')
  @ApiOperation({
    summary: 'EX → CX linkage: EX per unit and period paired with CX some periods later; Pearson r (95 % CI, p), Spearman ρ, least-squares line; suppressed groups counted by reason',
    description: '`format=csv` answers the points as CSV; `format=svg` a scatter chart with the least-squares line and r in the title.',
  })
  @ApiProduces('application/json', 'text/csv', 'image/svg+xml')
  @ApiOkResponse({ type: ExCxReportDto })
  @ApiProblems(400, 401, 403)
  async get(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ExCxQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ExCxReportDto | string> {
    return inFormat(reply, query.format, await this.report.report(principal, query), 'ex-cx', { csv: linkageCsv, svg: linkageSvg });
  }

  @Get('ex-cx/drivers')
  @Roles('hr_admin', 'manager')
  @ApiOperation({
    summary: 'EX → CX drivers: every survey driver’s r and ρ with a CX metric (n, p), ranked by |r|, beside its mean: the importance × performance quadrant of what to fix first',
    description: '`format=csv` answers the drivers as CSV; `format=svg` the importance × performance chart.',
  })
  @ApiProduces('application/json', 'text/csv', 'image/svg+xml')
  @ApiOkResponse({ type: ExCxDriversReportDto })
  @ApiProblems(400, 401, 403)
  async drivers(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ExCxDriversQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ExCxDriversReportDto | string> {
    return inFormat(reply, query.format, await this.report.drivers(principal, query), 'ex-cx-drivers', { csv: driversCsv, svg: driversSvg });
  }
}
