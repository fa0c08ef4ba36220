import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDate, IsIn, IsString, MaxLength, MinDate, MinLength } from 'class-validator';
import { ROLES, type Role } from '#src/common/auth/principal.js';
import { Optional, ToBoolean } from '#src/common/validation/validators.js';
import { PageMetaDto, PageQueryDto } from '#src/common/pagination/pagination.js';
import type { ApiKeyEntity } from '../api-key.entity.js';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'HRIS nightly sync', maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  label!: string;

  @ApiProperty({ enum: ROLES, description: 'Role the key acts with; `integration` for an HRIS.' })
  @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the key stops working; never when omitted.' })
  @Optional()
  @Type(() => Date)
  @IsDate()
  @MinDate(() => new Date(), { message: 'expiresAt must be in the future' })
  expiresAt?: Date;
}

export class ListApiKeysQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ default: false, description: 'Include revoked and expired keys.' })
  @Optional()
  @ToBoolean()
  @IsBoolean()
  includeRevoked?: boolean;
}

export class ApiKeyResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ example: 'tdk_Xy3kP0aB', description: 'First characters of the key.' }) prefix!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) expiresAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastUsedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) revokedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class CreatedApiKeyDto extends ApiKeyResponseDto {
  @ApiProperty({ description: 'The key itself. Shown this once; store it now.' }) key!: string;
}

export class ApiKeyPageDto extends PageMetaDto {
  @ApiProperty({ type: [ApiKeyResponseDto] }) items!: ApiKeyResponseDto[];
}

export function toApiKeyResponse(key: ApiKeyEntity): ApiKeyResponseDto {
  return {
    id: key.id,
    label: key.label,
    role: key.role,
    prefix: key.prefix,
    expiresAt: key.expiresAt?.toISOString() ?? null,
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
    createdAt: key.createdAt.toISOString(),
  };
}
