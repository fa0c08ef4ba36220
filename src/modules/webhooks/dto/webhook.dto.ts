import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUrl, Matches, MaxLength, ValidateIf } from 'class-validator';
import { Optional, ToBoolean } from '#src/common/validation/validators.js';
import { PageMetaDto, PageQueryDto } from '#src/common/pagination/pagination.js';
import { DELIVERY_STATUSES, type DeliveryStatus, type WebhookDeliveryEntity } from '../webhook-delivery.entity.js';
import type { WebhookSubscriptionEntity } from '../webhook-subscription.entity.js';

const EVENT_TYPE = /^(\*|[a-z_]+\.[a-z_]+)$/;
const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false, allow_underscores: true };

export class CreateWebhookDto {
  @ApiProperty({ example: 'https://hris.example.com/hooks/tandem' })
  @IsUrl(URL_OPTIONS, { message: 'url must be an http(s) URL' })
  @MaxLength(2000)
  url!: string;

  @ApiProperty({ type: [String], example: ['employee.departed', 'employee.hired'], description: 'Event types, or `*` for all.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Matches(EVENT_TYPE, { each: true, message: 'each event type must look like employee.departed, or be *' })
  eventTypes!: string[];

  @ApiPropertyOptional({ maxLength: 200 })
  @Optional()
  @IsString()
  @MaxLength(200)
  description?: string;
}

export class UpdateWebhookDto {
  @ApiPropertyOptional()
  @Optional()
  @IsUrl(URL_OPTIONS, { message: 'url must be an http(s) URL' })
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({ type: [String] })
  @Optional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Matches(EVENT_TYPE, { each: true, message: 'each event type must look like employee.departed, or be *' })
  eventTypes?: string[];

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 200 })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(200)
  description?: string | null;

  @ApiPropertyOptional({ description: 'false pauses deliveries (they wait, and resume when set back to true).' })
  @Optional()
  @IsBoolean()
  active?: boolean;
}

export class ListDeliveriesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES })
  @Optional()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;
}

export class ListWebhooksQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ default: false })
  @Optional()
  @ToBoolean()
  @IsBoolean()
  includeInactive?: boolean;
}

export class WebhookResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ type: [String] }) eventTypes!: string[];
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty() active!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class CreatedWebhookDto extends WebhookResponseDto {
  @ApiProperty({ description: 'HMAC-SHA256 signing secret. Shown this once.' }) secret!: string;
}

export class WebhookPageDto extends PageMetaDto {
  @ApiProperty({ type: [WebhookResponseDto] }) items!: WebhookResponseDto[];
}

export class WebhookDeliveryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty() eventType!: string;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status!: DeliveryStatus;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: Number }) lastStatusCode!: number | null;
  @ApiProperty({ nullable: true, type: String }) lastError!: string | null;
  @ApiProperty({ format: 'date-time', description: 'When the next attempt is due (pending deliveries).' }) nextAttemptAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) deliveredAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class WebhookDeliveryPageDto extends PageMetaDto {
  @ApiProperty({ type: [WebhookDeliveryDto] }) items!: WebhookDeliveryDto[];
}

export function toWebhookResponse(s: WebhookSubscriptionEntity): WebhookResponseDto {
  return {
    id: s.id,
    url: s.url,
    eventTypes: s.eventTypes,
    description: s.description,
    active: s.disabledAt === null,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

export function toDeliveryDto(d: WebhookDeliveryEntity): WebhookDeliveryDto {
  return {
    id: d.id,
    eventId: d.eventId,
    eventType: d.eventType,
    status: d.status,
    attempts: d.attempts,
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError,
    nextAttemptAt: d.nextAttemptAt.toISOString(),
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
  };
}
