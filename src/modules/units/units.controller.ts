import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put, Query } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBearerAuth, ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '#src/common/auth/access-policy.js';
import type { Principal } from '#src/common/auth/principal.js';
import { ApiProblems } from '#src/common/errors/api-problems.decorator.js';
import { IdParam } from '#src/common/http/id-param.js';
import type { Page } from '#src/common/pagination/pagination.js';
import {
  BulkUpsertUnitsDto,
  BulkUpsertUnitsResponseDto,
  CreateUnitDto,
  ListUnitsQueryDto,
  UnitHistoryDto,
  UnitPageDto,
  UnitResponseDto,
  UnitTreeDto,
  UpdateUnitDto,
} from './dto/unit.dto.js';
import { UnitsService } from './units.service.js';

/** Room for 5,000 bulk rows with long names and ids; other routes keep the global limit. */
const BULK_BODY_LIMIT_BYTES = 8 * 1024 * 1024;

@ApiTags('units')
@ApiBearerAuth()
@Roles('hr_admin', 'integration')
@Controller('units')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a unit of the org tree' })
  @ApiCreatedResponse({ type: UnitResponseDto })
  @ApiProblems(400, 401, 403, 409)
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateUnitDto): Promise<UnitResponseDto> {
    return this.units.create(principal.tenantId, dto);
  }

  @Put('bulk')
  @RouteConfig({ bodyLimit: BULK_BODY_LIMIT_BYTES })
  @ApiOperation({ summary: 'Create or update up to 5,000 units by external id, all or nothing (HRIS sync)' })
  @ApiOkResponse({ type: BulkUpsertUnitsResponseDto })
  @ApiProblems(400, 401, 403, 409, 413)
  bulkUpsert(@CurrentPrincipal() principal: Principal, @Body() dto: BulkUpsertUnitsDto): Promise<BulkUpsertUnitsResponseDto> {
    return this.units.bulkUpsert(principal.tenantId, dto);
  }

  @Get()
  @Roles('hr_admin', 'integration', 'manager')
  @ApiOperation({ summary: 'List units by name, a page at a time; or with tree=true, the whole tree of active units' })
  @ApiExtraModels(UnitPageDto, UnitTreeDto)
  @ApiOkResponse({ schema: { oneOf: [{ $ref: getSchemaPath(UnitPageDto) }, { $ref: getSchemaPath(UnitTreeDto) }] } })
  @ApiProblems(400, 401, 403)
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListUnitsQueryDto): Promise<Page<UnitResponseDto> | UnitTreeDto> {
    return this.units.list(principal.tenantId, query);
  }

  @Get(':id')
  @Roles('hr_admin', 'integration', 'manager')
  @ApiOperation({ summary: 'Read a unit (archived ones too)' })
  @ApiOkResponse({ type: UnitResponseDto })
  @ApiProblems(400, 401, 403, 404)
  get(@CurrentPrincipal() principal: Principal, @IdParam() id: string): Promise<UnitResponseDto> {
    return this.units.get(principal.tenantId, id);
  }

  @Get(':id/history')
  @Roles('hr_admin', 'integration', 'manager')
  @ApiOperation({ summary: 'The versions of a unit: each period with a constant name and parent, oldest first' })
  @ApiOkResponse({ type: UnitHistoryDto })
  @ApiProblems(400, 401, 403, 404)
  history(@CurrentPrincipal() principal: Principal, @IdParam() id: string): Promise<UnitHistoryDto> {
    return this.units.history(principal.tenantId, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a unit: rename, move (parentId null makes it a root), kind, external id, manager' })
  @ApiOkResponse({ type: UnitResponseDto })
  @ApiProblems(400, 401, 403, 404, 409)
  update(@CurrentPrincipal() principal: Principal, @IdParam() id: string, @Body() dto: UpdateUnitDto): Promise<UnitResponseDto> {
    return this.units.update(principal.tenantId, id, dto);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Archive a unit; refused while it has active sub-units or employees. Archiving again is harmless.' })
  @ApiOkResponse({ type: UnitResponseDto })
  @ApiProblems(400, 401, 403, 404, 409)
  archive(@CurrentPrincipal() principal: Principal, @IdParam() id: string): Promise<UnitResponseDto> {
    return this.units.archive(principal.tenantId, id);
  }
}
