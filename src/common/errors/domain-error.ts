/**
 * What kind of failure a problem is. The HTTP status is derived from the kind in one place
 * (`problem-response.ts`), so services speak the domain's language and never HTTP's.
 */
export type ProblemKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'gone'
  | 'unprocessable'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

/** A documented problem type: a stable `code` (also the tail of its `type` URI), its kind and a title. */
export interface ProblemDefinition {
  readonly code: string;
  readonly kind: ProblemKind;
  readonly title: string;
}

const registry = new Map<string, ProblemDefinition>();

/**
 * Declares a capability's problem types. Codes are `<namespace>.<name>` and must be unique;
 * every registered problem is listed in docs/api-errors.md (a test checks that).
 */
export function defineProblems<const T extends Record<string, { kind: ProblemKind; title: string }>>(
  namespace: string,
  definitions: T,
): { readonly [K in keyof T]: ProblemDefinition } {
  const result = {} as Record<keyof T, ProblemDefinition>;
  for (const [name, { kind, title }] of Object.entries(definitions) as [keyof T & string, T[keyof T]][]) {
    const code = `${namespace}.${name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`;
    if (registry.has(code)) throw new Error(`Problem code ${code} is defined twice`);
    const definition = Object.freeze({ code, kind, title });
    registry.set(code, definition);
    result[name] = definition;
  }
  return result;
}

/** Every problem type defined so far (modules register theirs when they are imported). */
export function registeredProblems(): ProblemDefinition[] {
  return [...registry.values()];
}

/**
 * The one error type services throw. It carries a problem definition, a human detail for this
 * occurrence and optional extension members (e.g. `allowed` moves) that go into the response.
 */
export class DomainError extends Error {
  constructor(
    readonly problem: ProblemDefinition,
    readonly detail: string,
    readonly extensions: Readonly<Record<string, unknown>> = {},
  ) {
    super(detail);
    this.name = 'DomainError';
  }
}
