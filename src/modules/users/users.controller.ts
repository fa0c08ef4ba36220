import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '#src/common/auth/access-policy.js';
import type { Principal } from '#src/common/auth/principal.js';
import { IdParam } from '#src/common/http/id-param.js';
import type { Page } from '#src/common/pagination/pagination.js';
import { ApiProblems } from '#src/common/errors/api-problems.decorator.js';
import { CreateUserDto, ListUsersQueryDto, UpdateUserDto, UserPageDto, UserResponseDto } from './dto/user.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@ApiBearerAuth()
@Roles('hr_admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a user who can sign in' })
  @ApiCreatedResponse({ type: UserResponseDto })
  @ApiProblems(400, 401, 403, 409)
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateUserDto): Promise<UserResponseDto> {
    return this.users.create(principal.tenantId, dto, principal);
  }

  @Get()
  @ApiOperation({ summary: 'List users, filtered and sorted, a page at a time' })
  @ApiOkResponse({ type: UserPageDto })
  @ApiProblems(400, 401, 403)
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListUsersQueryDto): Promise<Page<UserResponseDto>> {
    return this.users.list(principal.tenantId, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read a user' })
  @ApiOkResponse({ type: UserResponseDto })
  @ApiProblems(400, 401, 403, 404)
  get(@CurrentPrincipal() principal: Principal, @IdParam() id: string): Promise<UserResponseDto> {
    return this.users.get(principal.tenantId, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a user: name, role, password, or deactivate/reactivate' })
  @ApiOkResponse({ type: UserResponseDto })
  @ApiProblems(400, 401, 403, 404, 409)
  update(@CurrentPrincipal() principal: Principal, @IdParam() id: string, @Body() dto: UpdateUserDto): Promise<UserResponseDto> {
    return this.users.update(principal, id, dto);
  }
}
