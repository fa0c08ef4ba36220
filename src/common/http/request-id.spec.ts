import type { IncomingMessage } from 'node:http';
import { redactPath, requestIdFor } from './request-id.js';

const withHeader = (value?: string) => ({ headers: value === undefined ? {} : { 'x-request-id': value } }) as IncomingMessage;

describe('requestIdFor', () => {
  it('keeps a plain caller-supplied id', () => {
    expect(requestIdFor(withHeader('abc-123:x.y_z'))).toBe('abc-123:x.y_z');
  });

  it.each([[undefined], [''], ['has spaces'], ['x'.repeat(129)], ['<script>'], ['a\nb']])('replaces %p with a UUID', (value) => {
    expect(requestIdFor(withHeader(value))).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('redactPath', () => {
  it.each([
    ['/api/v1/responses/abc123', '/api/v1/responses/:token'],
    ['/api/v1/responses/abc123?lang=fr', '/api/v1/responses/:token'],
    ['/api/v1/exit-responses/abc123', '/api/v1/exit-responses/:token'],
    ['/s/tok-en_1', '/s/:token'],
    ['/s/tok/thanks', '/s/:token/thanks'],
    ['/api/v1/users?q=ada@example.com', '/api/v1/users'],
    ['/api/v1/users/3f1b', '/api/v1/users/3f1b'],
  ])('%s → %s', (url, expected) => {
    expect(redactPath(url)).toBe(expected);
  });
});
