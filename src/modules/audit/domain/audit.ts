/** Who made a change: a signed-in user, an API key, or the system (jobs, playbooks, bootstrap). */
export const AUDIT_ACTOR_TYPES = ['user', 'api_key', 'system'] as const;
export type AuditActorType = (typeof AUDIT_ACTOR_TYPES)[number];

/** How the change came in: a request to the API or a page, an HRIS import, or the system itself. */
export const AUDIT_SOURCES = ['api', 'hris_import', 'system'] as const;
export type AuditSource = (typeof AUDIT_SOURCES)[number];

/** What an entry is about. */
export const AUDIT_ENTITY_TYPES = ['employee', 'separation', 'checklist', 'checklist_task', 'tenant', 'api_key', 'user', 'survey', 'unit', 'report'] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

/** The value recorded in place of a personal value or free text: the entry says it changed, not to what. */
export const REDACTED = '[redacted]';

/**
 * The caller a change is attributed to. A `Principal` is one (the request id is added by
 * `@CurrentPrincipal()`); work without a caller passes {@link SYSTEM_ACTOR}.
 */
export interface AuditActor {
  readonly userId: string | null;
  readonly apiKeyId: string | null;
  readonly requestId?: string | null;
  /** Defaults to `api` when the actor is a user or a key, `system` otherwise. */
  readonly source?: AuditSource;
}

export const SYSTEM_ACTOR: AuditActor = { userId: null, apiKeyId: null, source: 'system' };

/** One entry about to be written, in the transaction of the change it describes. */
export interface AuditDraft {
  readonly action: string;
  readonly entityType: AuditEntityType;
  readonly entityId: string | null;
  readonly before: Record<string, unknown> | null;
  readonly after: Record<string, unknown> | null;
}

/**
 * The entry of an export: `<entity>.exported`, about the exported entity (none for a report), with
 * what was exported in `after`.
 */
export function exportAudit(
  entityType: AuditEntityType,
  entityId: string | null,
  what: { readonly export: string; readonly format: string; readonly query?: object },
): AuditDraft {
  return { action: `${entityType}.exported`, entityType, entityId, before: null, after: JSON.parse(JSON.stringify(what)) as Record<string, unknown> };
}

/** The columns an actor becomes: a user wins over a key (a signed-in user has no key). */
export function actorColumns(actor: AuditActor): { actorType: AuditActorType; actorId: string | null; source: AuditSource; requestId: string | null } {
  const [actorType, actorId]: [AuditActorType, string | null] = actor.userId
    ? ['user', actor.userId]
    : actor.apiKeyId
      ? ['api_key', actor.apiKeyId]
      : ['system', null];
  return { actorType, actorId, source: actor.source ?? (actorType === 'system' ? 'system' : 'api'), requestId: actor.requestId ?? null };
}

/** The named fields of a record, as a plain record for {@link auditDiff}. */
export function auditFields<T extends object, K extends keyof T & string>(record: T, keys: readonly K[]): Pick<T, K> {
  const picked = {} as Pick<T, K>;
  for (const key of keys) picked[key] = record[key];
  return picked;
}

/** Which fields of a record are personal (recorded as changed, values redacted) and which are secret (never recorded). */
export interface AuditPolicy {
  readonly personal?: readonly string[];
  readonly secret?: readonly string[];
}

/**
 * The fields that differ between two versions of a record, each side holding only those fields;
 * null when nothing differs. `before` null is a creation (every non-null field of `after` counts).
 * Dates compare and are recorded as ISO strings, other values as JSON; personal fields keep their
 * key with {@link REDACTED} as the value on both sides; secret fields are left out.
 */
export function auditDiff(
  before: Readonly<Record<string, unknown>> | null,
  after: Readonly<Record<string, unknown>>,
  policy: AuditPolicy = {},
): { before: Record<string, unknown> | null; after: Record<string, unknown> } | null {
  const { personal, secret } = fieldSets(policy);
  const old: Record<string, unknown> = {};
  const next: Record<string, unknown> = {};
  let changed = false;
  for (const key of Object.keys(after)) {
    if (secret.has(key)) continue;
    const from = plain(before?.[key] ?? null);
    const to = plain(after[key] ?? null);
    if (before === null ? to === null : same(from, to)) continue;
    old[key] = personal.has(key) && from !== null ? REDACTED : from;
    next[key] = personal.has(key) && to !== null ? REDACTED : to;
    changed = true;
  }
  if (!changed) return null;
  return { before: before === null ? null : old, after: next };
}

/** Equal values: primitives by identity, arrays and objects by their JSON (an import compares thousands of rows). */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  return typeof a === 'object' && typeof b === 'object' && a !== null && b !== null && JSON.stringify(a) === JSON.stringify(b);
}

const policySets = new WeakMap<AuditPolicy, { personal: ReadonlySet<string>; secret: ReadonlySet<string> }>();

function fieldSets(policy: AuditPolicy): { personal: ReadonlySet<string>; secret: ReadonlySet<string> } {
  let sets = policySets.get(policy);
  if (!sets) {
    sets = { personal: new Set(policy.personal ?? []), secret: new Set(policy.secret ?? []) };
    policySets.set(policy, sets);
  }
  return sets;
}

/** Dates as ISO strings (checked by tag, not prototype: a Date may come from another realm under jest). */
function plain(value: unknown): unknown {
  return Object.prototype.toString.call(value) === '[object Date]' ? (value as Date).toISOString() : value;
}
