import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { IsBcp47Locale, IsIanaTimeZone, Optional } from '#src/common/validation/validators.js';
import { PageMetaDto } from '#src/common/pagination/pagination.js';
import { CreatedApiKeyDto } from '#src/modules/auth/dto/api-key.dto.js';
import type { TenantEntity } from '../tenant.entity.js';

/** The anonymity threshold can never go below this, whatever a tenant asks for. */
export const MIN_ANONYMITY_THRESHOLD = 3;
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;

export class TenantSettingsInputDto {
  @ApiPropertyOptional({ minimum: MIN_ANONYMITY_THRESHOLD, maximum: 100, default: 5, description: 'Anonymity threshold k.' })
  @Optional()
  @IsInt()
  @Min(MIN_ANONYMITY_THRESHOLD)
  @Max(100)
  anonymityThreshold?: number;

  @ApiPropertyOptional({
    minimum: MIN_ANONYMITY_THRESHOLD,
    maximum: 100,
    default: 5,
    description: 'Survey comments are shown only for groups of at least this many respondents.',
  })
  @Optional()
  @IsInt()
  @Min(MIN_ANONYMITY_THRESHOLD)
  @Max(100)
  commentThreshold?: number;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 100,
    default: 20,
    description: 'A full HRIS sync that would depart more than this % of active employees is refused unless forced.',
  })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(100)
  fullSyncDepartureGuardPercent?: number;

  @ApiPropertyOptional({ default: false, description: 'Checklist due dates count business days (Monday to Friday) instead of calendar days.' })
  @Optional()
  @IsBoolean()
  checklistBusinessDays?: boolean;

  @ApiPropertyOptional({ example: 'Europe/Paris', default: 'UTC' })
  @Optional()
  @IsIanaTimeZone()
  timezone?: string;

  @ApiPropertyOptional({ example: 'fr-FR', default: 'en' })
  @Optional()
  @IsBcp47Locale()
  locale?: string;
}

export class CreateTenantDto {
  @ApiProperty({ example: 'Acme Corp', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ example: 'acme', description: 'Lower-case letters, digits and dashes; derived from the name when omitted.' })
  @Optional()
  @Matches(SLUG_PATTERN, { message: 'slug must be 2–63 lower-case letters, digits or dashes' })
  slug?: string;

  @ApiPropertyOptional({ type: TenantSettingsInputDto })
  @Optional()
  @ValidateNested()
  @Type(() => TenantSettingsInputDto)
  settings?: TenantSettingsInputDto;
}

export class UpdateTenantDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ type: TenantSettingsInputDto })
  @Optional()
  @ValidateNested()
  @Type(() => TenantSettingsInputDto)
  settings?: TenantSettingsInputDto;

  @ApiPropertyOptional({ description: 'The version last read; when given and stale, the update is refused with 409.' })
  @Optional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class TenantSettingsDto {
  @ApiProperty({ example: 5 }) anonymityThreshold!: number;
  @ApiProperty({ example: 5 }) commentThreshold!: number;
  @ApiProperty({ example: false }) checklistBusinessDays!: boolean;
  @ApiProperty({ example: 'UTC' }) timezone!: string;
  @ApiProperty({ example: 20 }) fullSyncDepartureGuardPercent!: number;
  @ApiProperty({ example: 'en' }) locale!: string;
}

export class TenantResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() slug!: string;
  @ApiProperty({ type: TenantSettingsDto }) settings!: TenantSettingsDto;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty() version!: number;
}

export class CreatedTenantDto {
  @ApiProperty({ type: TenantResponseDto }) tenant!: TenantResponseDto;
  @ApiProperty({ type: CreatedApiKeyDto, description: 'The first hr_admin key; shown this once.' })
  apiKey!: CreatedApiKeyDto;
}

export class TenantPageDto extends PageMetaDto {
  @ApiProperty({ type: [TenantResponseDto] }) items!: TenantResponseDto[];
}

export function toTenantResponse(tenant: TenantEntity): TenantResponseDto {
  return {
    id: tenant.id,
    name: tenant.name,
    slug: tenant.slug,
    settings: {
      anonymityThreshold: tenant.anonymityThreshold,
      commentThreshold: tenant.commentThreshold,
      checklistBusinessDays: tenant.checklistBusinessDays,
      timezone: tenant.timezone,
      locale: tenant.locale,
      fullSyncDepartureGuardPercent: tenant.fullSyncDepartureGuardPercent,
    },
    createdAt: tenant.createdAt.toISOString(),
    updatedAt: tenant.updatedAt.toISOString(),
    version: tenant.version,
  };
}

/** A slug from a name: `Acme Corp (EU)` → `acme-corp-eu`. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return SLUG_PATTERN.test(slug) ? slug : `org-${slug}`.slice(0, 63).replace(/-+$/, '') || 'org';
}
