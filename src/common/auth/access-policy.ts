import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal, RequestWithPrincipal, Role } from './principal.js';

/**
 * Every route declares who may call it; a route that declares nothing is refused (deny by default).
 * - `public`: anyone, no credential (health, login, survey links);
 * - `operator`: the installation's operator key (tenant creation);
 * - `roles`: a tenant credential holding one of the roles.
 */
export type AccessPolicy =
  | { readonly kind: 'public' }
  | { readonly kind: 'operator' }
  | { readonly kind: 'roles'; readonly roles: readonly Role[] };

export const ACCESS_POLICY = 'tandem:access-policy';

export const Public = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_POLICY, { kind: 'public' } satisfies AccessPolicy);

export const OperatorOnly = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_POLICY, { kind: 'operator' } satisfies AccessPolicy);

export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_POLICY, { kind: 'roles', roles } satisfies AccessPolicy);

/** Any signed-in caller of the tenant, whatever its role. */
export const AnyRole = (): MethodDecorator & ClassDecorator => Roles('hr_admin', 'manager', 'employee', 'integration');

/** The authenticated caller; only valid on routes with a `roles` policy. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const request = ctx.switchToHttp().getRequest<RequestWithPrincipal>();
  if (!request.principal) throw new Error('CurrentPrincipal used on a route without a roles policy');
  return request.principal;
});
