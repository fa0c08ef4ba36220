import type { FastifyReply } from 'fastify';
import type { Html } from './views/html.js';

/** A rendered page and its status. */
export interface Page {
  readonly status: number;
  readonly body: Html;
}

/**
 * Headers of every page: no inline script or style, nothing framed, nothing cached, no referrer
 * (a survey link carries its token in the URL). docs/pages.md explains each.
 */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};

export function sendPage(reply: FastifyReply, page: Page): void {
  reply.status(page.status).headers(PAGE_HEADERS).send(page.body.value);
}

/** A 303 to a page of this site (never elsewhere: callers pass paths they checked). */
export function redirect(reply: FastifyReply, location: string, cookies: readonly string[] = []): void {
  if (cookies.length > 0) reply.header('set-cookie', [...cookies]);
  reply.status(303).headers({ location, 'cache-control': 'no-store' }).send();
}
