import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '#src/common/auth/access-policy.js';
import type { Principal } from '#src/common/auth/principal.js';
import { ApiProblems } from '#src/common/errors/api-problems.decorator.js';
import { IdParam } from '#src/common/http/id-param.js';
import type { Page } from '#src/common/pagination/pagination.js';
import { ApiKeysService } from './api-keys.service.js';
import { ApiKeyPageDto, ApiKeyResponseDto, CreateApiKeyDto, CreatedApiKeyDto, ListApiKeysQueryDto } from './dto/api-key.dto.js';

@ApiTags('api-keys')
@ApiBearerAuth()
@Roles('hr_admin')
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create an API key; the key is in this response only' })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  @ApiProblems(400, 401, 403)
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    return this.apiKeys.issue(principal.tenantId, dto, principal);
  }

  @Get()
  @ApiOperation({ summary: 'List API keys (never their secrets), newest first' })
  @ApiOkResponse({ type: ApiKeyPageDto })
  @ApiProblems(400, 401, 403)
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListApiKeysQueryDto): Promise<Page<ApiKeyResponseDto>> {
    return this.apiKeys.list(principal.tenantId, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read an API key (never its secret)' })
  @ApiOkResponse({ type: ApiKeyResponseDto })
  @ApiProblems(400, 401, 403, 404)
  get(@CurrentPrincipal() principal: Principal, @IdParam() id: string): Promise<ApiKeyResponseDto> {
    return this.apiKeys.get(principal.tenantId, id);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Revoke an API key; it stops working at once. Revoking again is harmless.' })
  @ApiOkResponse({ type: ApiKeyResponseDto })
  @ApiProblems(400, 401, 403, 404)
  revoke(@CurrentPrincipal() principal: Principal, @IdParam() id: string): Promise<ApiKeyResponseDto> {
    return this.apiKeys.revoke(principal, id);
  }
}
