import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '#src/common/auth/access-policy.js';
import type { Principal } from '#src/common/auth/principal.js';
import { ApiProblems } from '#src/common/errors/api-problems.decorator.js';
import { IdParam } from '#src/common/http/id-param.js';
import type { Page } from '#src/common/pagination/pagination.js';
import {
  CreateWebhookDto,
  CreatedWebhookDto,
  ListDeliveriesQueryDto,
  ListWebhooksQueryDto,
  UpdateWebhookDto,
  WebhookDeliveryDto,
  WebhookDeliveryPageDto,
  WebhookPageDto,
  WebhookResponseDto,
} from './dto/webhook.dto.js';
import { WebhooksService } from './webhooks.service.js';

@ApiTags('webhooks')
@ApiBearerAuth()
@Roles('hr_admin')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Subscribe a URL to event types; deliveries are signed with the secret returned once' })
  @ApiCreatedResponse({ type: CreatedWebhookDto })
  @ApiProblems(400, 401, 403)
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateWebhookDto): Promise<CreatedWebhookDto> {
    return this.webhooks.create(principal.tenantId, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List webhook subscriptions (never their secrets)' })
  @ApiOkResponse({ type: WebhookPageDto })
  @ApiProblems(400, 401, 403)
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListWebhooksQueryDto): Promise<Page<WebhookResponseDto>> {
    return this.webhooks.list(principal.tenantId, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read a webhook subscription' })
  @ApiOkResponse({ type: WebhookResponseDto })
  @ApiProblems(400, 401, 403, 404)
  get(@CurrentPrincipal() principal: Principal, @IdParam() id: string): Promise<WebhookResponseDto> {
    return this.webhooks.get(principal.tenantId, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a subscription’s URL or event types, or pause and resume it' })
  @ApiOkResponse({ type: WebhookResponseDto })
  @ApiProblems(400, 401, 403, 404)
  update(@CurrentPrincipal() principal: Principal, @IdParam() id: string, @Body() dto: UpdateWebhookDto): Promise<WebhookResponseDto> {
    return this.webhooks.update(principal.tenantId, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a subscription and its delivery log' })
  @ApiNoContentResponse()
  @ApiProblems(400, 401, 403, 404)
  remove(@CurrentPrincipal() principal: Principal, @IdParam() id: string): Promise<void> {
    return this.webhooks.remove(principal.tenantId, id);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'The delivery log of a subscription, newest first' })
  @ApiOkResponse({ type: WebhookDeliveryPageDto })
  @ApiProblems(400, 401, 403, 404)
  deliveries(
    @CurrentPrincipal() principal: Principal,
    @IdParam() id: string,
    @Query() query: ListDeliveriesQueryDto,
  ): Promise<Page<WebhookDeliveryDto>> {
    return this.webhooks.deliveries(principal.tenantId, id, query);
  }

  @Post(':id/deliveries/:deliveryId/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Make a failed delivery due again (a delivered one is never sent again)' })
  @ApiOkResponse({ type: WebhookDeliveryDto })
  @ApiProblems(400, 401, 403, 404)
  retry(@CurrentPrincipal() principal: Principal, @IdParam() id: string, @IdParam('deliveryId') deliveryId: string): Promise<WebhookDeliveryDto> {
    return this.webhooks.redeliver(principal.tenantId, id, deliveryId);
  }
}
