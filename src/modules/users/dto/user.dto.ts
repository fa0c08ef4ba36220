import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { Optional, ToBoolean } from '#src/common/validation/validators.js';
import { PageMetaDto, PageQueryDto } from '#src/common/pagination/pagination.js';
import { ROLES, type Role } from '#src/common/auth/principal.js';
import type { UserEntity } from '../user.entity.js';

export const MIN_PASSWORD_LENGTH = 12;
const lowerTrim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export class CreateUserDto {
  @ApiProperty({ example: 'ada@example.com', description: 'Work e-mail; stored lower-cased, unique in the tenant.' })
  @Transform(lowerTrim)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiPropertyOptional({ example: 'Ada Lovelace', maxLength: 200 })
  @Optional()
  @IsString()
  @MaxLength(200)
  displayName?: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({ format: 'uuid', description: 'The employee this user is (a manager’s reporting line is read through it).' })
  @Optional()
  @IsUUID()
  employeeId?: string;

  @ApiPropertyOptional({ minLength: MIN_PASSWORD_LENGTH, description: 'Omit for a user who cannot sign in yet.' })
  @Optional()
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH)
  @MaxLength(256)
  password?: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 200 })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(200)
  displayName?: string | null;

  @ApiPropertyOptional({ enum: ROLES })
  @Optional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'The employee this user is; null unlinks.' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  employeeId?: string | null;

  @ApiPropertyOptional({ minLength: MIN_PASSWORD_LENGTH })
  @Optional()
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH)
  @MaxLength(256)
  password?: string;

  @ApiPropertyOptional({ description: 'false deactivates the user (they can no longer sign in); true reactivates.' })
  @Optional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ description: 'The version last read; when given and stale, the update is refused with 409.' })
  @Optional()
  @IsInt()
  @Min(1)
  version?: number;
}

export const USER_SORTS = ['createdAt', '-createdAt', 'email', '-email'] as const;
export type UserSort = (typeof USER_SORTS)[number];

export class ListUsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ROLES })
  @Optional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ description: 'Case-insensitive match on e-mail or display name.', maxLength: 100 })
  @Optional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ description: 'Include deactivated users.', default: false })
  @Optional()
  @ToBoolean()
  @IsBoolean()
  includeInactive?: boolean;

  @ApiPropertyOptional({ enum: USER_SORTS, default: 'createdAt' })
  @Optional()
  @IsIn(USER_SORTS)
  sort?: UserSort;
}

export class UserResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ nullable: true, type: String }) displayName!: string | null;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) employeeId!: string | null;
  @ApiProperty() active!: boolean;
  @ApiProperty({ description: 'Whether a password is set.' }) canSignIn!: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastLoginAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ description: 'Optimistic-locking version; send it back on update.' }) version!: number;
}

export class UserPageDto extends PageMetaDto {
  @ApiProperty({ type: [UserResponseDto] }) items!: UserResponseDto[];
}

export function toUserResponse(user: UserEntity): UserResponseDto {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    employeeId: user.employeeId,
    active: user.deactivatedAt === null,
    canSignIn: user.passwordHash !== null,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
    version: user.version,
  };
}
