import { Body, Controller, Get, HttpCode, Patch, Post, Put, Query } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ACCEPTS_CSV, CSV_MEDIA_TYPE } from '#src/common/http/csv.js';
import { CurrentPrincipal, Roles } from '#src/common/auth/access-policy.js';
import type { Principal } from '#src/common/auth/principal.js';
import { ApiProblems } from '#src/common/errors/api-problems.decorator.js';
import { IdParam } from '#src/common/http/id-param.js';
import type { Page } from '#src/common/pagination/pagination.js';
import {
  CreateEmployeeDto,
  CreateTransitionDto,
  EmployeePageDto,
  EmployeeResponseDto,
  JourneyDto,
  ListEmployeesQueryDto,
  TransitionResultDto,
  UpdateEmployeeDto,
} from './dto/employee.dto.js';
import { BulkEmployeesDto, BulkEmployeesResultDto, ImportOptionsDto } from './dto/bulk-employees.dto.js';
import { CSV_COLUMNS, EmployeesImportService } from './employees-import.service.js';
import { EmployeesService } from './employees.service.js';

/** Bulk payloads may be far larger than ordinary bodies: 10,000 rows of a few hundred bytes. */
const BULK_BODY_LIMIT = 16 * 1024 * 1024;

@ApiTags('employees')
@ApiBearerAuth()
@Roles('hr_admin', 'integration')
@Controller('employees')
export class EmployeesController {
  constructor(
    private readonly employees: EmployeesService,
    private readonly imports: EmployeesImportService,
  ) {}

  @Put('bulk')
  @RouteConfig({ bodyLimit: BULK_BODY_LIMIT })
  @ApiOperation({
    summary: 'HRIS upsert of up to 10,000 employees by external id: per row created / updated / unchanged / error; full sync and dry run',
  })
  @ApiOkResponse({ type: BulkEmployeesResultDto })
  @ApiProblems(400, 401, 403, 409, 413)
  bulk(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: BulkEmployeesDto,
    @Query() options: ImportOptionsDto,
  ): Promise<BulkEmployeesResultDto> {
    return this.imports.bulkUpsert(principal, dto.items, options);
  }

  @Post('import')
  @HttpCode(200)
  @RouteConfig({ [ACCEPTS_CSV]: true })
  @ApiConsumes(CSV_MEDIA_TYPE)
  @ApiBody({
    description: `CSV with a header row naming its columns: ${CSV_COLUMNS.join(', ')} (externalId, firstName and lastName required).`,
    schema: { type: 'string', format: 'binary' },
  })
  @ApiOperation({ summary: 'HRIS import from CSV (streamed): per row created / updated / unchanged / error with line and column' })
  @ApiOkResponse({ type: BulkEmployeesResultDto })
  @ApiProblems(400, 401, 403, 409, 413, 415)
  importCsv(@CurrentPrincipal() principal: Principal, @Body() body: unknown, @Query() options: ImportOptionsDto): Promise<BulkEmployeesResultDto> {
    return this.imports.importCsv(principal, body, options);
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create an employee in a given stage' })
  @ApiCreatedResponse({ type: EmployeeResponseDto })
  @ApiProblems(400, 401, 403, 409)
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateEmployeeDto): Promise<EmployeeResponseDto> {
    return this.employees.create(principal, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List employees: filter by unit (with sub-units), stage, tenure phase, location, manager, text' })
  @ApiOkResponse({ type: EmployeePageDto })
  @ApiProblems(400, 401, 403)
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListEmployeesQueryDto): Promise<Page<EmployeeResponseDto>> {
    return this.employees.list(principal.tenantId, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read an employee, with their derived tenure phase' })
  @ApiOkResponse({ type: EmployeeResponseDto })
  @ApiProblems(400, 401, 403, 404)
  get(@CurrentPrincipal() principal: Principal, @IdParam() id: string): Promise<EmployeeResponseDto> {
    return this.employees.get(principal.tenantId, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change an employee (not their stage: use transitions); unit, manager and title changes are kept as history' })
  @ApiOkResponse({ type: EmployeeResponseDto })
  @ApiProblems(400, 401, 403, 404, 409)
  update(@CurrentPrincipal() principal: Principal, @IdParam() id: string, @Body() dto: UpdateEmployeeDto): Promise<EmployeeResponseDto> {
    return this.employees.update(principal, id, dto);
  }

  @Post(':id/transitions')
  @HttpCode(201)
  @ApiOperation({ summary: 'Move an employee to another stage of the journey (409 names the allowed moves)' })
  @ApiCreatedResponse({ type: TransitionResultDto })
  @ApiProblems(400, 401, 403, 404, 409)
  transition(@CurrentPrincipal() principal: Principal, @IdParam() id: string, @Body() dto: CreateTransitionDto): Promise<TransitionResultDto> {
    return this.employees.transition(principal, id, dto);
  }

  @Get(':id/journey')
  @Roles('hr_admin')
  @ApiOperation({ summary: 'The employee’s journey: stage moves and assignment changes, oldest first' })
  @ApiOkResponse({ type: JourneyDto })
  @ApiProblems(400, 401, 403, 404)
  journey(@CurrentPrincipal() principal: Principal, @IdParam() id: string): Promise<JourneyDto> {
    return this.employees.journey(principal.tenantId, id);
  }
}
