import { Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '#src/modules/audit/audit.module.js';
import { TenantScopeInterceptor } from '#src/common/tenancy/tenant-scope.interceptor.js';
import { UsersModule } from '#src/modules/users/users.module.js';
import { AccessGuard } from './access.guard.js';
import { AccessTokensService } from './access-tokens.service.js';
import { ApiKeyEntity } from './api-key.entity.js';
import { ApiKeysController } from './api-keys.controller.js';
import { ApiKeysRepository } from './api-keys.repository.js';
import { ApiKeysService } from './api-keys.service.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { WebSessionEntity } from './web-session.entity.js';
import { WebSessionsService } from './web-sessions.service.js';

/**
 * Credentials: login and JWTs, page sessions, API keys, the operator key, the global access guard,
 * and the interceptor that runs each authenticated request in its tenant's database scope.
 */
@Module({
  imports: [TypeOrmModule.forFeature([ApiKeyEntity, WebSessionEntity]), JwtModule.register({}), UsersModule, AuditModule],
  controllers: [AuthController, ApiKeysController],
  providers: [
    ApiKeysRepository,
    ApiKeysService,
    AccessTokensService,
    AuthService,
    WebSessionsService,
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_INTERCEPTOR, useClass: TenantScopeInterceptor },
  ],
  exports: [ApiKeysService, WebSessionsService],
})
export class AuthModule {}
