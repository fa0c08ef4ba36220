import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnyRole, CurrentPrincipal, Public } from '#src/common/auth/access-policy.js';
import type { Principal } from '#src/common/auth/principal.js';
import { RateLimit } from '#src/common/rate-limit/rate-limit.js';
import { ApiProblems } from '#src/common/errors/api-problems.decorator.js';
import { AuthService } from './auth.service.js';
import { LoginDto, TokenResponseDto, WhoAmIDto } from './dto/login.dto.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @RateLimit('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with e-mail and password; returns a JWT access token' })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiProblems(400, 401, 429)
  login(@Body() dto: LoginDto): Promise<TokenResponseDto> {
    return this.auth.login(dto);
  }

  @Get('me')
  @AnyRole()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who the bearer token stands for' })
  @ApiOkResponse({ type: WhoAmIDto })
  @ApiProblems(401)
  me(@CurrentPrincipal() principal: Principal): WhoAmIDto {
    return { tenantId: principal.tenantId, role: principal.role, kind: principal.kind, userId: principal.userId, apiKeyId: principal.apiKeyId };
  }
}
