import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { hostCookie } from '#src/common/http/cookies.js';
import { DomainError } from '#src/common/errors/domain-error.js';
import type { FormFields } from '#src/common/http/forms.js';
import { AuthProblems } from '#src/modules/auth/auth.errors.js';
import { LoginDto } from '#src/modules/auth/dto/login.dto.js';
import {
  csrfMatches,
  SESSION_COOKIE,
  SESSION_TTL_SECONDS,
  SIGNIN_COOKIE,
  SIGNIN_TTL_SECONDS,
  WebSessionsService,
} from '#src/modules/auth/web-sessions.service.js';
import type { Role } from '#src/common/auth/principal.js';
import type { Page } from './page-response.js';
import { signInPage } from './views/signin.view.js';

/** What a sign-in request leads to: a page (with cookies to set), or a redirect once signed in. */
export type SignInOutcome =
  | { readonly kind: 'page'; readonly page: Page; readonly cookies: readonly string[] }
  | { readonly kind: 'redirect'; readonly location: string; readonly cookies: readonly string[] };

const WRONG = 'E-mail or password is wrong.';

/**
 * The sign-in page: the login check of `POST /api/v1/auth/login` (AuthService, through
 * WebSessionsService), a session instead of a token, and a double-submit CSRF token bound to a
 * short-lived cookie, so no other site can sign a browser in to an account of its choosing.
 */
@Injectable()
export class SignInPageService {
  constructor(private readonly sessions: WebSessionsService) {}

  form(signinCookie: string | undefined, next: unknown): SignInOutcome {
    const { csrfToken, cookies } = this.csrf(signinCookie);
    const page = signInPage({ csrfToken, next: landing(next), email: '', askTenant: false, tenant: '', error: null });
    return { kind: 'page', page: { status: 200, body: page }, cookies };
  }

  async submit(fields: FormFields, signinCookie: string | undefined): Promise<SignInOutcome> {
    if (!csrfMatches(this.sessions.signinCsrf(signinCookie), fields._csrf)) {
      throw new DomainError(AuthProblems.csrfFailed, 'The sign-in form has expired or was not sent from this site; reload it and try again.');
    }
    const csrfToken = this.sessions.signinCsrf(signinCookie)!;
    const text = (name: string) => (typeof fields[name] === 'string' ? (fields[name] as string) : '');
    const next = landing(fields.next);
    const retry = (status: number, error: string, askTenant: boolean): SignInOutcome => ({
      kind: 'page',
      page: { status, body: signInPage({ csrfToken, next, email: text('email').slice(0, 254), askTenant, tenant: text('tenant').slice(0, 63), error }) },
      cookies: [],
    });

    const dto = plainToInstance(LoginDto, { email: text('email'), password: text('password'), ...(text('tenant') ? { tenant: text('tenant') } : {}) });
    const invalid = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (invalid.length > 0) return retry(400, invalid.some((e) => e.property === 'tenant') ? 'Give the organisation’s short name (slug), in lower case.' : WRONG, Boolean(text('tenant')));
    try {
      const { cookie, principal } = await this.sessions.signIn(dto);
      return {
        kind: 'redirect',
        location: next ?? home(principal.role),
        cookies: [
          hostCookie(SESSION_COOKIE, cookie, { maxAge: SESSION_TTL_SECONDS, sameSite: 'Lax' }),
          hostCookie(SIGNIN_COOKIE, '', { maxAge: 0, sameSite: 'Strict' }),
        ],
      };
    } catch (error) {
      if (error instanceof DomainError && error.problem === AuthProblems.invalidLogin) return retry(401, WRONG, Boolean(text('tenant')));
      if (error instanceof DomainError && error.problem === AuthProblems.tenantRequired) {
        return retry(400, 'This e-mail signs in to several organisations: say which one.', true);
      }
      throw error;
    }
  }

  async signOut(sessionCookie: string | undefined): Promise<SignInOutcome> {
    await this.sessions.signOut(sessionCookie);
    return { kind: 'redirect', location: '/signin', cookies: [hostCookie(SESSION_COOKIE, '', { maxAge: 0, sameSite: 'Lax' })] };
  }

  /** The CSRF token of the sign-in form: bound to the browser's sign-in cookie, made when missing. */
  private csrf(signinCookie: string | undefined): { csrfToken: string; cookies: string[] } {
    const existing = this.sessions.signinCsrf(signinCookie);
    if (existing) return { csrfToken: existing, cookies: [] };
    const fresh = this.sessions.newSignin();
    return { csrfToken: fresh.csrfToken, cookies: [hostCookie(SIGNIN_COOKIE, fresh.cookie, { maxAge: SIGNIN_TTL_SECONDS, sameSite: 'Strict' })] };
  }
}

/** Where a signed-in user starts: HR on the board, everyone else on their tasks. */
export function home(role: Role): string {
  return role === 'hr_admin' ? '/app/checklists' : '/app/tasks';
}

/** A page to return to after signing in: only a path of the staff pages, never another site. */
function landing(next: unknown): string | null {
  return typeof next === 'string' && /^\/app(\/[\w\-/?=&%.]*)?$/.test(next) && !next.includes('//') ? next : null;
}
