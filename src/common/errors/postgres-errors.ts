import { QueryFailedError } from 'typeorm';

/** True when PostgreSQL refused a write for a unique constraint (optionally a given one). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string } | undefined;
  return driverError?.code === '23505' && (constraint === undefined || driverError.constraint === constraint);
}

/** True when PostgreSQL refused a write for a foreign key (optionally a given one). */
export function isForeignKeyViolation(error: unknown, constraint?: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string } | undefined;
  return driverError?.code === '23503' && (constraint === undefined || driverError.constraint === constraint);
}
