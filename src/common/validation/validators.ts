import { registerDecorator, type ValidationOptions } from 'class-validator';

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

export function IsIanaTimeZone(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isIanaTimeZone',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be an IANA time zone such as Europe/Paris', ...options },
      validator: { validate: isIanaTimeZone },
    });
}

export function IsBcp47Locale(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isBcp47Locale',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be a BCP 47 language tag such as en or fr-CA', ...options },
      validator: { validate: isBcp47Locale },
    });
}
