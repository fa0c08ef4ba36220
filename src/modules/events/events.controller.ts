import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '#src/common/auth/access-policy.js';
import type { Principal } from '#src/common/auth/principal.js';
import { ApiProblems } from '#src/common/errors/api-problems.decorator.js';
import { EventFeedDto, EventFeedQueryDto } from './dto/event.dto.js';
import { EventsService } from './events.service.js';

@ApiTags('events')
@ApiBearerAuth()
@Roles('hr_admin', 'integration')
@Controller('events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Get()
  @ApiOperation({ summary: 'The tenant’s domain events in the order they happened; follow it with `after`' })
  @ApiOkResponse({ type: EventFeedDto })
  @ApiProblems(400, 401, 403)
  feed(@CurrentPrincipal() principal: Principal, @Query() query: EventFeedQueryDto): Promise<EventFeedDto> {
    return this.events.feed(principal.tenantId, query);
  }
}
