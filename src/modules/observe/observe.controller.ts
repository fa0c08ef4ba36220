import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '#src/common/auth/access-policy.js';
import type { Principal } from '#src/common/auth/principal.js';
import { ApiProblems } from '#src/common/errors/api-problems.decorator.js';
import { LadderDto, LadderQueryDto } from './dto/ladder.dto.js';
import { LoyaltyLadderService } from './loyalty-ladder.service.js';

/** Unit-level pictures of how people are doing: the loyalty ladder. Design: docs/observe.md. */
@ApiTags('observe')
@ApiBearerAuth()
@Roles('hr_admin', 'manager')
@Controller('reports')
export class ObserveController {
  constructor(private readonly ladder: LoyaltyLadderService) {}

  @Get('loyalty-ladder')
  @ApiOperation({ summary: 'Detractors, passives, promoters and advocates per unit for a month, with the units whose promoter share fell (the snake)' })
  @ApiOkResponse({ type: LadderDto })
  @ApiProblems(400, 401, 403)
  get(@CurrentPrincipal() principal: Principal, @Query() query: LadderQueryDto): Promise<LadderDto> {
    return this.ladder.ladder(principal, query);
  }
}
