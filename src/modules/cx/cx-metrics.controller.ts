import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '#src/common/auth/access-policy.js';
import type { Principal } from '#src/common/auth/principal.js';
import { ApiProblems } from '#src/common/errors/api-problems.decorator.js';
import { ACCEPTS_CSV, CSV_MEDIA_TYPE } from '#src/common/http/csv.js';
import { CxMetricsService } from './cx-metrics.service.js';
import { CX_CSV_COLUMNS, CxObservationsService } from './cx-observations.service.js';
import { BulkCxObservationsDto, CxBulkResultDto } from './dto/bulk-observations.dto.js';
import { CreateCxMetricDto, CxMetricDto, CxMetricListDto } from './dto/cx-metric.dto.js';

/** 10,000 rows of about a hundred bytes, with room to spare. */
const BULK_BODY_LIMIT = 8 * 1024 * 1024;

@ApiTags('cx')
@ApiBearerAuth()
@Controller('cx-metrics')
export class CxMetricsController {
  constructor(
    private readonly metrics: CxMetricsService,
    private readonly observations: CxObservationsService,
  ) {}

  @Get()
  @Roles('hr_admin', 'integration', 'manager')
  @ApiOperation({ summary: 'The organisation’s CX metric definitions (key, kind, range, higher is better)' })
  @ApiOkResponse({ type: CxMetricListDto })
  @ApiProblems(401, 403)
  list(@CurrentPrincipal() principal: Principal): Promise<CxMetricListDto> {
    return this.metrics.list(principal.tenantId);
  }

  @Post()
  @HttpCode(201)
  @Roles('hr_admin')
  @ApiOperation({ summary: 'Define a CX metric; its range follows its kind' })
  @ApiCreatedResponse({ type: CxMetricDto })
  @ApiProblems(400, 401, 403, 409)
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateCxMetricDto): Promise<CxMetricDto> {
    return this.metrics.create(principal.tenantId, dto);
  }

  @Put('bulk')
  @Roles('hr_admin', 'integration')
  @RouteConfig({ bodyLimit: BULK_BODY_LIMIT })
  @ApiOperation({ summary: 'Upsert up to 10,000 CX observations by unit, metric and period: per row created / updated / unchanged / error' })
  @ApiOkResponse({ type: CxBulkResultDto })
  @ApiProblems(400, 401, 403, 413)
  bulk(@CurrentPrincipal() principal: Principal, @Body() dto: BulkCxObservationsDto): Promise<CxBulkResultDto> {
    return this.observations.bulkUpsert(principal.tenantId, dto.items);
  }

  @Post('import')
  @HttpCode(200)
  @Roles('hr_admin', 'integration')
  @RouteConfig({ [ACCEPTS_CSV]: true })
  @ApiConsumes(CSV_MEDIA_TYPE)
  @ApiBody({
    description: `CSV with a header row naming its columns: ${CX_CSV_COLUMNS.join(', ')} (metric, period, value, n required; unitId or unitExternalId per row).`,
    schema: { type: 'string', format: 'binary' },
  })
  @ApiOperation({ summary: 'Import CX observations from CSV: per row created / updated / unchanged / error with its line' })
  @ApiOkResponse({ type: CxBulkResultDto })
  @ApiProblems(400, 401, 403, 413, 415)
  importCsv(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<CxBulkResultDto> {
    return this.observations.importCsv(principal.tenantId, body);
  }
}
