import { DomainError } from '../errors/domain-error.js';
import { decodeCursor, decodeSequenceCursor, encodeCursor, encodeSequenceCursor, toPage } from './pagination.js';

const ID = '3f1b7c9e-8d2a-4c1f-9b7e-0a1b2c3d4e5f';

describe('cursors', () => {
  it.each([['2026-01-01T00:00:00.000Z'], ['ada@example.com'], [42], [null]])('round-trips a position with value %p', (value) => {
    expect(decodeCursor(encodeCursor({ value, id: ID }))).toEqual({ value, id: ID });
  });

  it.each([
    ['not base64 json', 'garbage!'],
    ['JSON of the wrong shape', Buffer.from('{"a":1}').toString('base64url')],
    ['a non-UUID id', Buffer.from('["x","not-a-uuid"]').toString('base64url')],
    ['an object value', Buffer.from(`[{"a":1},"${ID}"]`).toString('base64url')],
  ])('refuses %s as a validation problem on cursor', (_case, cursor) => {
    try {
      decodeCursor(cursor);
      throw new Error('expected a DomainError');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).problem.code).toBe('common.validation_failed');
      expect((error as DomainError).extensions.errors).toEqual([{ field: 'cursor', message: 'is not a cursor returned by this list' }]);
    }
  });
});

describe('toPage', () => {
  const rows = [1, 2, 3, 4].map((n) => ({ n, id: ID }));

  it('keeps `limit` rows and points the cursor at the last one kept when more follow', () => {
    const page = toPage(rows, 3, (row) => ({ value: row.n, id: row.id }));
    expect(page.items.map((r) => r.n)).toEqual([1, 2, 3]);
    expect(decodeCursor(page.nextCursor!)).toEqual({ value: 3, id: ID });
  });

  it('has no cursor on the last page', () => {
    expect(toPage(rows, 4, (row) => ({ value: row.n, id: row.id })).nextCursor).toBeNull();
    expect(toPage([], 10, () => ({ value: 0, id: ID }))).toEqual({ items: [], nextCursor: null });
  });
});

describe('sequence cursors', () => {
  it('round-trips an entry number', () => {
    expect(decodeSequenceCursor(encodeSequenceCursor('9007199254740993'))).toBe('9007199254740993');
  });

  it.each([
    ['garbage', 'garbage!'],
    ['a keyset cursor', encodeCursor({ value: 1, id: ID })],
    ['a non-number', Buffer.from('seq:1; DROP').toString('base64url')],
    ['a number too long for bigint', Buffer.from(`seq:${'9'.repeat(19)}`).toString('base64url')],
  ])('refuses %s as a validation problem on cursor', (_case, cursor) => {
    expect(() => decodeSequenceCursor(cursor)).toThrow(DomainError);
  });
});
