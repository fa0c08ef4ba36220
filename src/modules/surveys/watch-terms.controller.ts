import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '#src/common/auth/access-policy.js';
import type { Principal } from '#src/common/auth/principal.js';
import { ApiProblems } from '#src/common/errors/api-problems.decorator.js';
import { IdParam } from '#src/common/http/id-param.js';
import { CreateWatchTermDto, ListWatchTermsQueryDto, WatchTermDto } from './dto/watch-terms.dto.js';
import { WatchTermsService } from './watch-terms.service.js';

/** The watch lists that flag sensitive comments for HR. */
@ApiTags('surveys')
@ApiBearerAuth()
@Roles('hr_admin')
@Controller('survey-watch-terms')
export class WatchTermsController {
  constructor(private readonly watchTerms: WatchTermsService) {}

  @Get()
  @ApiOperation({ summary: 'The watch lists: terms per category and locale' })
  @ApiOkResponse({ type: [WatchTermDto] })
  @ApiProblems(400, 401, 403)
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListWatchTermsQueryDto): Promise<WatchTermDto[]> {
    return this.watchTerms.list(principal.tenantId, query);
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Add a term to a watch list (applies to comments written from now on)' })
  @ApiCreatedResponse({ type: WatchTermDto })
  @ApiProblems(400, 401, 403, 409)
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateWatchTermDto): Promise<WatchTermDto> {
    return this.watchTerms.create(principal.tenantId, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a term from a watch list' })
  @ApiNoContentResponse({ description: 'Removed.' })
  @ApiProblems(400, 401, 403, 404)
  async remove(@CurrentPrincipal() principal: Principal, @IdParam() id: string): Promise<void> {
    await this.watchTerms.remove(principal.tenantId, id);
  }
}
