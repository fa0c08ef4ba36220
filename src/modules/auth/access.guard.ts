import { Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ACCESS_POLICY, type AccessPolicy } from '#src/common/auth/access-policy.js';
import type { RequestWithPrincipal } from '#src/common/auth/principal.js';
import { DomainError } from '#src/common/errors/domain-error.js';
import { AuthProblems } from './auth.errors.js';
import { AuthService } from './auth.service.js';

/**
 * The global guard: every route must declare an access policy (deny by default). For tenant routes
 * it authenticates the bearer token, attaches the principal and checks the role.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
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
    if (!policy.roles.includes(principal.role)) {
      throw new DomainError(
        AuthProblems.roleNotAllowed,
        `The role ${principal.role} may not do this; allowed: ${policy.roles.join(', ')}.`,
      );
    }
    return true;
  }
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
