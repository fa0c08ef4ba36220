import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal, RequestWithPrincipal, Role } from './principal.js';

/**
 * Every route declares who may call it; a route that declares nothing is refused (deny by default).
 * - `public`: anyone, no credential (health, login, survey links);
 * - `operator`: the installation's operator key (tenant creation);
 * - `roles`: a tenant credential holding one of the roles;
 * - `session`: a page for a signed-in user (session cookie, CSRF token on form posts) holding one of the roles.
 */
export type AccessPolicy =
  | { readonly kind: 'public' }
  | { readonly kind: 'operator' }
  | { readonly kind: 'roles'; readonly roles: readonly Role[] }
  | { readonly kind: 'session'; readonly roles: readonly Role[] };

export const ACCESS_POLICY = 'tandem:access-policy';

export const Public = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_POLICY, { kind: 'public' } satisfies AccessPolicy);

export const OperatorOnly = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_POLICY, { kind: 'operator' } satisfies AccessPolicy);

export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_POLICY, { kind: 'roles', roles } satisfies AccessPolicy);

/** A page for a user signed in through the sign-in page, holding one of the roles (docs/pages.md). */
export const SignedIn = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_POLICY, { kind: 'session', roles } satisfies AccessPolicy);

/** Any signed-in caller of the tenant, whatever its role. */
export const AnyRole = (): MethodDecorator & ClassDecorator => Roles('hr_admin', 'manager', 'employee', 'integration');

/**
 * The authenticated caller, with the request's id (which the audit log records); only valid on
 * routes with a `roles` or `session` policy.
 */
export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const request = ctx.switchToHttp().getRequest<RequestWithPrincipal & { id?: unknown }>();
  if (!request.principal) throw new Error('CurrentPrincipal used on a route without a roles policy');
  return typeof request.id === 'string' ? { ...request.principal, requestId: request.id } : request.principal;
});

/** The CSRF token a signed-in page's forms carry; only valid on routes with a `session` policy. */
export const CsrfToken = createParamDecorator((_data: unknown, ctx: ExecutionContext): string => {
  const request = ctx.switchToHttp().getRequest<RequestWithPrincipal>();
  if (!request.csrfToken) throw new Error('CsrfToken used on a route without a session policy');
  return request.csrfToken;
});
