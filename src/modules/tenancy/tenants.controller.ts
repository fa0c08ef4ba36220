import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnyRole, CurrentPrincipal, OperatorOnly, Roles } from '#src/common/auth/access-policy.js';
import type { Principal } from '#src/common/auth/principal.js';
import { ApiProblems } from '#src/common/errors/api-problems.decorator.js';
import { PageQueryDto, type Page } from '#src/common/pagination/pagination.js';
import { CreateTenantDto, CreatedTenantDto, TenantPageDto, TenantResponseDto, UpdateTenantDto } from './dto/tenant.dto.js';
import { TenantsService } from './tenants.service.js';

@ApiTags('tenancy')
@ApiBearerAuth()
@Controller()
export class TenantsController {
  constructor(private readonly tenants: TenantsService) {}

  @Post('tenants')
  @OperatorOnly()
  @HttpCode(201)
  @ApiOperation({ summary: 'Operator: create a tenant and its first hr_admin API key (needs TANDEM_OPERATOR_KEY)' })
  @ApiCreatedResponse({ type: CreatedTenantDto })
  @ApiProblems(400, 401, 404, 409)
  create(@Body() dto: CreateTenantDto): Promise<CreatedTenantDto> {
    return this.tenants.create(dto);
  }

  @Get('tenants')
  @OperatorOnly()
  @ApiOperation({ summary: 'Operator: list tenants by slug' })
  @ApiOkResponse({ type: TenantPageDto })
  @ApiProblems(400, 401, 404)
  list(@Query() query: PageQueryDto): Promise<Page<TenantResponseDto>> {
    return this.tenants.list(query);
  }

  @Get('tenant')
  @AnyRole()
  @ApiOperation({ summary: 'The caller’s own tenant and its settings' })
  @ApiOkResponse({ type: TenantResponseDto })
  @ApiProblems(401)
  get(@CurrentPrincipal() principal: Principal): Promise<TenantResponseDto> {
    return this.tenants.get(principal.tenantId);
  }

  @Patch('tenant')
  @Roles('hr_admin')
  @ApiOperation({ summary: 'Change the tenant’s name and settings (anonymity threshold, time zone, locale)' })
  @ApiOkResponse({ type: TenantResponseDto })
  @ApiProblems(400, 401, 403, 409)
  update(@CurrentPrincipal() principal: Principal, @Body() dto: UpdateTenantDto): Promise<TenantResponseDto> {
    return this.tenants.update(principal, dto);
  }
}
