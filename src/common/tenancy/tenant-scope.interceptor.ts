import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Observable } from 'rxjs';
import type { RequestWithPrincipal } from '#src/common/auth/principal.js';
import { inTenant } from './tenant-scope.js';

/**
 * Runs every handler of a request whose credential names a tenant (the access guard has attached
 * the principal by now) in that tenant's scope, so each of its database connections sees that
 * tenant's rows only. Public and operator routes get no scope: they enter one themselves, from a
 * link's token or explicitly as system work.
 */
@Injectable()
export class TenantScopeInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const tenantId = context.switchToHttp().getRequest<RequestWithPrincipal>().principal?.tenantId;
    if (!tenantId) return next.handle();
    // Nest binds the rest of the chain to the async context in which handle() is called
    // (@nestjs/core interceptors-consumer.js), so the handler runs inside the scope.
    return inTenant(tenantId, () => next.handle());
  }
}
