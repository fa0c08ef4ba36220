import { Transform } from 'class-transformer';
import { registerDecorator, ValidateIf, type ValidationOptions } from 'class-validator';

/** True for an IANA time zone name the runtime knows (e.g. `Europe/Paris`, `UTC`). */
export function isIanaTimeZone(value: unknown): boolean {
  if (typeof value !== 'string' || value.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** True for a well-formed BCP 47 language tag (e.g. `en`, `fr-CA`). */
export function isBcp47Locale(value: unknown): boolean {
  if (typeof value !== 'string' || value.length > 35) return false;
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * True for a real calendar date written `YYYY-MM-DD` (no time, no zone), in the proleptic
 * Gregorian calendar. Arithmetic rather than a round trip through `Date`: bulk imports check
 * tens of thousands of these per call.
 */
export function isDateOnly(value: unknown): boolean {
  const parts = typeof value === 'string' ? DATE_ONLY.exec(value) : null;
  if (!parts) return false;
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** A class-validator decorator from a predicate and its default message. */
function rule(name: string, validate: (value: unknown) => boolean, message: string) {
  return (options?: ValidationOptions): PropertyDecorator =>
    (target, propertyName) =>
      registerDecorator({
        name,
        target: target.constructor,
        propertyName: propertyName as string,
        options: { message, ...options },
        validator: { validate },
      });
}

export const IsIanaTimeZone = rule('isIanaTimeZone', isIanaTimeZone, '$property must be an IANA time zone such as Europe/Paris');
export const IsBcp47Locale = rule('isBcp47Locale', isBcp47Locale, '$property must be a BCP 47 language tag such as en or fr-CA');
export const IsDateOnly = rule('isDateOnly', isDateOnly, '$property must be a date written YYYY-MM-DD');

/**
 * Query strings carry text: `?flag=true` / `?flag=false` become booleans; anything else is left as
 * it is, so `@IsBoolean()` refuses it (no `yes`, `1` or empty string sneaking through as true).
 */
export const ToBoolean = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));

/**
 * Like `@IsOptional()`, but only for a missing field: `null` is still validated, and so refused by
 * a field that cannot hold it. (`@IsOptional()` skips `null` too, which let `{"role": null}` reach
 * the database.) Nullable fields say so with `@IsOptional() @ValidateIf(value !== null)`.
 */
export const Optional = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined);

/** Longest text of one locale in a {@link IsLocalizedTexts} map. */
export const MAX_LOCALIZED_TEXT = 1000;

/**
 * True for texts per locale: a plain object whose keys are BCP 47 tags (at most 30 of them), one
 * of them `en`, and whose values are texts of 1 to 1,000 characters.
 */
export function isLocalizedTexts(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entries = Object.entries(value as Record<string, unknown>);
  return (
    entries.length > 0 &&
    entries.length <= 30 &&
    entries.some(([tag]) => tag === 'en') &&
    entries.every(([tag, text]) => isBcp47Locale(tag) && typeof text === 'string' && text.trim().length > 0 && text.length <= MAX_LOCALIZED_TEXT)
  );
}

export const IsLocalizedTexts = rule(
  'isLocalizedTexts',
  isLocalizedTexts,
  `$property must map BCP 47 locales (including en) to texts of 1 to ${MAX_LOCALIZED_TEXT} characters`,
);
