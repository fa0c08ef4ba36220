import { Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ACCESS_POLICY, type AccessPolicy } from '#src/common/auth/access-policy.js';
import type { RequestWithPrincipal, Role } from '#src/common/auth/principal.js';
import { readCookie } from '#src/common/http/cookies.js';
import { DomainError } from '#src/common/errors/domain-error.js';
import { AuthProblems } from './auth.errors.js';
import { AuthService } from './auth.service.js';
import { csrfMatches, SESSION_COOKIE, WebSessionsService } from './web-sessions.service.js';

/**
 * The global guard: every route must declare an access policy (deny by default). For tenant routes
 * it authenticates the bearer token (pages: the session cookie), attaches the principal and checks the role.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly sessions: WebSessionsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const request = context.switchToHttp().getRequest<FastifyRequest & RequestWithPrincipal>();

    if (!policy) {
      this.logger.error(`${context.getClass().name}.${context.getHandler().name} declares no access policy; refused`);
      throw new DomainError(AuthProblems.noAccessPolicy, 'This route is closed until it declares who may call it.');
    }
    if (policy.kind === 'public') return true;

    if (policy.kind === 'session') return this.checkSession(request, policy.roles);

    const token = bearerToken(request.headers.authorization);
    if (policy.kind === 'operator') {
      // Without an operator key the operator routes do not exist, as far as callers can tell.
      if (!this.auth.operatorEnabled) throw new DomainError(AuthProblems.operatorDisabled, 'Not found.');
      if (!token || !this.auth.isOperatorKey(token)) {
        throw new DomainError(AuthProblems.invalidCredential, 'This route needs the operator key as a bearer token.');
      }
      return true;
    }

    if (!token) {
      throw new DomainError(AuthProblems.missingCredential, 'Send `Authorization: Bearer <API key or access token>`.');
    }
    const principal = await this.auth.authenticate(token);
    request.principal = principal;
    checkRole(principal.role, policy.roles);
    return true;
  }

  /**
   * Pages: the session cookie instead of a bearer token, and on every form post the session's
   * CSRF token, checked before the handler runs.
   */
  private async checkSession(request: FastifyRequest & RequestWithPrincipal, roles: readonly Role[]): Promise<boolean> {
    const session = await this.sessions.authenticate(readCookie(request.headers.cookie, SESSION_COOKIE));
    if (!session) throw new DomainError(AuthProblems.sessionRequired, 'Sign in to see this page.');
    request.principal = session.principal;
    request.csrfToken = session.csrfToken;
    if (!SAFE_METHODS.has(request.method)) {
      const given = (request.body as Record<string, unknown> | undefined)?._csrf;
      if (!csrfMatches(session.csrfToken, given)) {
        throw new DomainError(AuthProblems.csrfFailed, 'This form was not sent from a page of this session; reload the page and try again.');
      }
    }
    checkRole(session.principal.role, roles);
    return true;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function checkRole(role: Role, allowed: readonly Role[]): void {
  if (!allowed.includes(role)) {
    throw new DomainError(AuthProblems.roleNotAllowed, `The role ${role} may not do this; allowed: ${allowed.join(', ')}.`);
  }
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
