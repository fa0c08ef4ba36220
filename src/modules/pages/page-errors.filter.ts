import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toProblemResponse } from '#src/common/errors/problem-response.js';
import { redactPath } from '#src/common/http/request-id.js';
import { redirect, sendPage } from './page-response.js';
import { messagePage } from './views/layout.js';
import { preferredLocale, surveyMessages } from './views/messages.js';

/**
 * Errors on the pages are pages: the same classification as the API's problems (so the same
 * status), rendered as a short HTML page in place of problem+json; a page that needs a session
 * sends the browser to the sign-in page instead.
 */
@Catch()
export class PageErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Pages');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const path = redactPath(request.url);
    const problem = toProblemResponse(error, path);
    if (problem.unexpected) this.logger.error({ err: error, path }, 'Unexpected error while serving a page');
    if (reply.sent) return;
    const code = problem.body.type.replace(/^.*\/problems\//, '');

    if (code === 'auth.session_required') {
      const next = request.method === 'GET' && request.url.startsWith('/app') ? `?next=${encodeURIComponent(request.url)}` : '';
      redirect(reply, `/signin${next}`);
      return;
    }
    if (request.url.startsWith('/s/')) {
      // A respondent: the link's own pages in their language, never a way into the staff pages.
      const { locale, m } = surveyMessages(preferredLocale(request.headers['accept-language']));
      const [title, text] = SURVEY_PAGES[code] ?? (['staleTitle', 'staleBody'] as const);
      sendPage(reply, { status: problem.status, body: messagePage({ lang: locale, title: m[title], text: m[text] }) });
      return;
    }
    const again = request.method === 'GET' ? request.url : (request.headers.referer ?? '/app');
    sendPage(reply, {
      status: problem.status,
      body: messagePage({
        lang: 'en',
        title: problem.body.title,
        text: problem.status >= 500 ? 'Something went wrong on our side. Please try again in a moment.' : problem.body.detail,
        detail: fieldErrors(problem.body.errors),
        link: code === 'auth.csrf_failed' ? { href: safeLocal(again), label: 'Reload the page' } : { href: '/app', label: 'Back to Tandem' },
      }),
    });
  }
}

/** A validation problem's fields in words (`to: must not be before from`), for a filter form's page. */
function fieldErrors(errors: unknown): string | undefined {
  if (!Array.isArray(errors) || errors.length === 0) return undefined;
  return (errors as { field?: unknown; message?: unknown }[]).map((e) => `${String(e.field)}: ${String(e.message)}`).join('; ');
}

/** The survey link problems, each with its own page in the respondent's language: [title, text]. */
const SURVEY_PAGES: Readonly<Record<string, readonly ['unknownTitle' | 'usedTitle' | 'closedTitle' | 'staleTitle', 'unknownBody' | 'usedBody' | 'closedBody' | 'staleBody']>> = {
  'surveys.link_not_found': ['unknownTitle', 'unknownBody'],
  'surveys.link_used': ['usedTitle', 'usedBody'],
  'surveys.round_closed': ['closedTitle', 'closedBody'],
};

/** The path (and query) of a URL, to link back to on this site; never a link to another origin. */
export function safeLocal(target: string): string {
  try {
    const url = new URL(target, 'http://tandem.invalid');
    const path = `${url.pathname}${url.search}`;
    return path.startsWith('/') && !path.startsWith('//') ? path : '/app';
  } catch {
    return '/app';
  }
}
