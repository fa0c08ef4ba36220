import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '#src/common/errors/domain-error.js';
import type { Principal } from '#src/common/auth/principal.js';
import { APP_CONFIG } from '#src/config/config.module.js';
import type { AppConfig } from '#src/config/app-config.js';
import type { UserEntity } from '#src/modules/users/user.entity.js';
import { UsersService } from '#src/modules/users/users.service.js';
import { inTenant } from '#src/common/tenancy/tenant-scope.js';
import { AccessTokensService } from './access-tokens.service.js';
import { secretsEqual } from './api-key-secrets.js';
import { ApiKeysService } from './api-keys.service.js';
import { AuthProblems } from './auth.errors.js';
import type { LoginDto, TokenResponseDto } from './dto/login.dto.js';

/** Who a bearer token stands for: login, API keys and the operator key. */
@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly apiKeys: ApiKeysService,
    private readonly tokens: AccessTokensService,
  ) {}

  async login(dto: LoginDto): Promise<TokenResponseDto> {
    const user = await this.checkLogin(dto);
    const accessToken = await this.tokens.issue({ sub: user.id, tid: user.tenantId });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.tokens.ttlSeconds };
  }

  /**
   * The user an e-mail and password identify (recorded as signed in), for the API's tokens and the
   * pages' sessions alike: every kind of failure answers the same `auth.invalid_login`.
   */
  async checkLogin(dto: LoginDto): Promise<UserEntity> {
    const matches = await this.users.findByCredentials(dto.email, dto.password, dto.tenant);
    if (matches.length === 0) throw new DomainError(AuthProblems.invalidLogin, 'E-mail or password is wrong.');
    if (matches.length > 1) {
      throw new DomainError(
        AuthProblems.tenantRequired,
        'This e-mail signs in to several organisations; send `tenant` with the slug of the one you want.',
      );
    }
    const user = matches[0]!;
    await inTenant(user.tenantId, () => this.users.recordLogin(user));
    return user;
  }

  /** The tenant caller a bearer token stands for: an API key or a user's JWT. */
  async authenticate(token: string): Promise<Principal> {
    // A JWT has three dot-separated parts; anything else is tried as an API key (including a
    // TANDEM_BOOTSTRAP_KEY, which need not carry the generated keys' marker).
    const principal = looksLikeJwt(token) ? await this.principalFromJwt(token) : await this.apiKeys.authenticate(token);
    if (!principal) throw new DomainError(AuthProblems.invalidCredential, 'The bearer token is unknown, expired or revoked.');
    return principal;
  }

  /** Whether the token is the installation's operator key (constant-time comparison). */
  isOperatorKey(token: string): boolean {
    return this.config.operatorKey !== undefined && secretsEqual(token, this.config.operatorKey);
  }

  get operatorEnabled(): boolean {
    return this.config.operatorKey !== undefined;
  }

  private async principalFromJwt(token: string): Promise<Principal | null> {
    const claims = await this.tokens.verify(token);
    return claims ? inTenant(claims.tid, () => this.userPrincipal(claims.tid, claims.sub)) : null;
  }

  /**
   * A signed-in user as a principal, read fresh on every request (tokens and page sessions alike),
   * so a demotion or deactivation takes effect at once. Null for a missing or deactivated user.
   */
  async userPrincipal(tenantId: string, userId: string): Promise<Principal | null> {
    const user = await this.users.findActive(tenantId, userId);
    if (!user) return null;
    return { tenantId: user.tenantId, role: user.role, kind: 'user', userId: user.id, apiKeyId: null };
  }
}

function looksLikeJwt(token: string): boolean {
  return /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token);
}
