import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '#src/common/auth/access-policy.js';
import type { Principal } from '#src/common/auth/principal.js';
import { ApiProblems } from '#src/common/errors/api-problems.decorator.js';
import { ExCxQueryDto, ExCxReportDto } from './dto/ex-cx.dto.js';
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
  })
  @ApiOkResponse({ type: ExCxReportDto })
  @ApiProblems(400, 401, 403)
  get(@CurrentPrincipal() principal: Principal, @Query() query: ExCxQueryDto): Promise<ExCxReportDto> {
    return this.report.report(principal, query);
  }
}
