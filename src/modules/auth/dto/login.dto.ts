import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { Optional } from '#src/common/validation/validators.js';
import { ROLES, type Role } from '#src/common/auth/principal.js';

export class LoginDto {
  @ApiProperty({ example: 'ada@example.com' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'correct horse battery staple' })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password!: string;

  @ApiPropertyOptional({ example: 'acme', description: 'Organisation slug; needed only when the e-mail exists in several.' })
  @Optional()
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{1,62}$/, { message: 'tenant must be an organisation slug' })
  tenant?: string;
}

export class TokenResponseDto {
  @ApiProperty({ description: 'JWT to send as `Authorization: Bearer <token>`.' }) accessToken!: string;
  @ApiProperty({ example: 'Bearer' }) tokenType!: 'Bearer';
  @ApiProperty({ example: 3600, description: 'Seconds until the token expires.' }) expiresIn!: number;
}

export class WhoAmIDto {
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ enum: ['user', 'api_key'] }) kind!: 'user' | 'api_key';
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) userId!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) apiKeyId!: string | null;
}
