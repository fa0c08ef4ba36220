/** Roles a credential can hold. `integration` is for HRIS keys: it never reads survey results. */
export const ROLES = ['hr_admin', 'manager', 'employee', 'integration'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: always bound to exactly one tenant, taken from the credential and nothing else. */
export interface Principal {
  readonly tenantId: string;
  readonly role: Role;
  readonly kind: 'user' | 'api_key';
  /** Set when the caller signed in as a user (JWT). */
  readonly userId: string | null;
  /** Set when the caller used an API key. */
  readonly apiKeyId: string | null;
  /** The request's id (`x-request-id`), added by `@CurrentPrincipal()`; the audit log records it. */
  readonly requestId?: string;
}

/** The request field the access guard fills in. */
export interface RequestWithPrincipal {
  principal?: Principal;
  /** Pages: the CSRF token of the caller's session. */
  csrfToken?: string;
}
