import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '#src/common/auth/access-policy.js';
import type { Principal } from '#src/common/auth/principal.js';
import { ApiProblems } from '#src/common/errors/api-problems.decorator.js';
import { IdParam } from '#src/common/http/id-param.js';
import type { Page } from '#src/common/pagination/pagination.js';
import { CreateSegmentDto, ListSegmentsQueryDto, SegmentDto, SegmentPageDto, UpdateSegmentDto } from './dto/segment.dto.js';
import { SegmentsService } from './segments.service.js';

/** Saved segments, HR's: named filters that reports apply with `segmentId`. Design: docs/segments.md. */
@ApiTags('segments')
@ApiBearerAuth()
@Roles('hr_admin')
@Controller('segments')
export class SegmentsController {
  constructor(private readonly segments: SegmentsService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Save a segment: named filters on units (with sub-units), stages, tenure phases, locations, employment types and referral hire' })
  @ApiCreatedResponse({ type: SegmentDto })
  @ApiProblems(400, 401, 403, 409, 422)
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateSegmentDto): Promise<SegmentDto> {
    return this.segments.create(principal, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List segments (archived ones on request), sorted by name or date' })
  @ApiOkResponse({ type: SegmentPageDto })
  @ApiProblems(400, 401, 403)
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListSegmentsQueryDto): Promise<Page<SegmentDto>> {
    return this.segments.list(principal.tenantId, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read a segment' })
  @ApiOkResponse({ type: SegmentDto })
  @ApiProblems(400, 401, 403, 404)
  get(@CurrentPrincipal() principal: Principal, @IdParam() id: string): Promise<SegmentDto> {
    return this.segments.get(principal.tenantId, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Rename, refilter, archive or restore a segment (with the version last read)' })
  @ApiOkResponse({ type: SegmentDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  update(@CurrentPrincipal() principal: Principal, @IdParam() id: string, @Body() dto: UpdateSegmentDto): Promise<SegmentDto> {
    return this.segments.update(principal.tenantId, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a segment (reports given its id then answer 422)' })
  @ApiNoContentResponse()
  @ApiProblems(400, 401, 403, 404)
  remove(@CurrentPrincipal() principal: Principal, @IdParam() id: string): Promise<void> {
    return this.segments.remove(principal.tenantId, id);
  }
}
