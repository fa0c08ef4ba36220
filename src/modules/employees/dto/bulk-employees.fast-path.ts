import { isEmail, isIn, isString, maxLength, minLength } from 'class-validator';
import { isDateOnly } from '#src/common/validation/validators.js';
import { EMPLOYMENT_TYPES, STAGES } from '../domain/journey.js';
import type { BulkEmployeeItemDto } from './bulk-employees.dto.js';

/**
 * The rule of one field of {@link BulkEmployeeItemDto}, as its decorators state it: `required`
 * fields must be there, `optional` ones may be missing (`@Optional()`), `nullable` ones may also be
 * null (`@IsOptional() @ValidateIf(nullable)`); `trim` mirrors `@Transform(trim)`, applied before
 * the check as class-transformer does.
 */
interface FieldRule {
  readonly presence: 'required' | 'optional' | 'nullable';
  readonly trim?: boolean;
  readonly check: (value: unknown) => boolean;
}

/**
 * `@IsString() @MinLength(min) @MaxLength(max)`, with class-validator's own length semantics (a
 * surrogate pair or a variation selector is not a whole character). That length is never more
 * than the string's UTF-16 length, so a string no longer than `max` code units skips the count.
 */
const text = (min: number, max: number) => (value: unknown) =>
  isString(value) && (min === 0 || minLength(value, min)) && (value.length <= max || maxLength(value, max));
const name: FieldRule = { presence: 'required', trim: true, check: text(1, 100) };
const nullableText = (max: number): FieldRule => ({ presence: 'nullable', check: text(0, max) });

/**
 * Every field of a bulk item, mirrored from the DTO's decorators. Typed as a record of the DTO's
 * keys, so a field added to the DTO does not compile until it has a rule here; the property test
 * beside this file checks the rules accept exactly what class-validator accepts.
 */
const ITEM_RULES: Readonly<Record<keyof BulkEmployeeItemDto, FieldRule>> = {
  externalId: name,
  firstName: name,
  lastName: name,
  stage: { presence: 'optional', check: (value) => isIn(value, STAGES) },
  workEmail: { presence: 'nullable', check: (value) => isEmail(value) && maxLength(value, 254) },
  jobTitle: nullableText(200),
  location: nullableText(100),
  employmentType: { presence: 'nullable', check: (value) => isIn(value, EMPLOYMENT_TYPES) },
  startDate: { presence: 'nullable', check: isDateOnly },
  endDate: { presence: 'nullable', check: isDateOnly },
  unitExternalId: nullableText(100),
  managerExternalId: nullableText(100),
  referredByExternalId: nullableText(100),
};
const RULES = Object.entries(ITEM_RULES) as [keyof BulkEmployeeItemDto, FieldRule][];
const KNOWN_FIELDS = new Set<string>(Object.keys(ITEM_RULES));
const TRIMMED = RULES.filter(([, rule]) => rule.trim).map(([field]) => field);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function fieldIsValid(rule: FieldRule, value: unknown): boolean {
  if (value === undefined) return rule.presence !== 'required';
  if (value === null && rule.presence === 'nullable') return true;
  return rule.check(rule.trim && typeof value === 'string' ? value.trim() : value);
}

/** Whether class-validator would accept the item (with the pipe's whitelist: no unknown field). */
function itemIsValid(item: unknown): item is Record<string, unknown> {
  if (!isRecord(item)) return false;
  for (const field in item) if (!KNOWN_FIELDS.has(field)) return false;
  return RULES.every(([field, rule]) => fieldIsValid(rule, item[field]));
}

/**
 * The fast path of `BulkEmployeesDto` (`{ items }`, 1 to `maxItems` items): the body itself, its
 * items trimmed in place like `@Transform(trim)` would, when every item is valid; otherwise
 * undefined, and class-validator answers. Working in place keeps one copy of 10,000 rows in memory
 * instead of the parsed body plus its class instances.
 */
export function bulkEmployeesFastPath(maxItems: number) {
  return (body: unknown): { items: BulkEmployeeItemDto[] } | undefined => {
    if (!isRecord(body) || Object.keys(body).some((key) => key !== 'items')) return undefined;
    const { items } = body;
    if (!Array.isArray(items) || items.length < 1 || items.length > maxItems || !items.every(itemIsValid)) return undefined;
    for (const item of items) {
      for (const field of TRIMMED) item[field] = (item[field] as string).trim();
    }
    return { items: items as unknown as BulkEmployeeItemDto[] };
  };
}
