import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { validationFailed } from '../http/validation.js';
import { Optional } from '../validation/validators.js';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** Query parameters shared by every list route: a page size and an opaque cursor. */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE, description: 'Items per page.' })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page.' })
  @Optional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

/** A page of a list: its items and, when more follow, the cursor of the next page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export class PageMetaDto {
  @ApiProperty({ nullable: true, type: String, description: 'Cursor of the next page; null on the last page.' })
  nextCursor!: string | null;
}

/** Position of the last item of a page in a keyset ordered by (sort value, id). */
export interface KeysetPosition {
  readonly value: string | number | null;
  readonly id: string;
}

/** Encodes a keyset position as an opaque, URL-safe cursor. */
export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([position.value, position.id]), 'utf8').toString('base64url');
}

/** Decodes a cursor made by {@link encodeCursor}; anything else is a validation problem on `cursor`. */
export function decodeCursor(cursor: string): KeysetPosition {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      (parsed[0] === null || typeof parsed[0] === 'string' || typeof parsed[0] === 'number') &&
      typeof parsed[1] === 'string' &&
      /^[0-9a-f-]{36}$/i.test(parsed[1])
    ) {
      return { value: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through to the validation problem
  }
  throw validationFailed([{ field: 'cursor', message: 'is not a cursor returned by this list' }]);
}

/**
 * Encodes a position in a list ordered by one ever-growing number (an identity column, such as the
 * audit log's entry number) as an opaque cursor.
 */
export function encodeSequenceCursor(sequence: string): string {
  return Buffer.from(`seq:${sequence}`, 'utf8').toString('base64url');
}

/** Decodes a cursor made by {@link encodeSequenceCursor}; anything else is a validation problem on `cursor`. */
export function decodeSequenceCursor(cursor: string): string {
  const match = /^seq:(\d{1,18})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw validationFailed([{ field: 'cursor', message: 'is not a cursor returned by this list' }]);
  return match[1]!;
}

/**
 * Cuts a result fetched with `limit + 1` rows into a page, deriving the next cursor from the last
 * item kept.
 */
export function toPage<T>(rows: T[], limit: number, positionOf: (row: T) => KeysetPosition): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(positionOf(last)) : null };
}
