import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';
const ACCEPTABLE = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Takes the caller's `x-request-id` when it is a plain token (letters, digits, `._:-`, at most
 * 128 characters), else makes one. Fastify stores it as the request id; it is echoed on the response
 * and stamped on every log line.
 */
export function requestIdFor(request: IncomingMessage): string {
  const given = request.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && ACCEPTABLE.test(given) ? given : randomUUID();
}

/**
 * Paths as they may appear in logs. Public survey and exit-interview links carry a secret token in
 * the path; it is replaced so that no log line can tie a response to an invitation, or hold a
 * working link.
 */
export function redactPath(url: string): string {
  const path = url.split('?')[0] ?? url;
  return path.replace(/\/(responses|exit-responses|s)\/[^/]+/g, '/$1/:token');
}
