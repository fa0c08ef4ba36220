import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '#src/common/auth/principal.js';
import { inTenant } from '#src/common/tenancy/tenant-scope.js';
import { AuthService } from './auth.service.js';
import type { LoginDto } from './dto/login.dto.js';
import { WebSessionEntity } from './web-session.entity.js';

/** The session cookie of the pages. */
export const SESSION_COOKIE = '__Host-tandem_session';
/** The short-lived cookie the sign-in form's CSRF token is bound to (double submit). */
export const SIGNIN_COOKIE = '__Host-tandem_signin';
/** How long a session lasts after sign-in. */
export const SESSION_TTL_SECONDS = 12 * 3600;
export const SIGNIN_TTL_SECONDS = 3600;

const TENANT_PART = 22; // base64url of 16 bytes

/** A signed-in browser: who it is, and the CSRF token its forms must carry. */
export interface WebSession {
  readonly principal: Principal;
  readonly csrfToken: string;
}

/**
 * Page sessions (docs/pages.md): a cookie `base64url(tenant id).secret` whose secret's SHA-256 is
 * kept in `web_sessions`. The CSRF token of a session is derived from its secret, so only a page
 * that holds the session can know it; nothing else is stored for it.
 */
@Injectable()
export class WebSessionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly auth: AuthService,
  ) {}

  /** Checks the login as `POST /auth/login` does and opens a session; returns the cookie value. */
  async signIn(dto: LoginDto): Promise<{ cookie: string; principal: Principal }> {
    const user = await this.auth.checkLogin(dto);
    const secret = randomBytes(24).toString('base64url');
    await inTenant(user.tenantId, () =>
      this.dataSource.transaction(async (manager) => {
        await manager.query(`DELETE FROM web_sessions WHERE tenant_id = $1 AND expires_at < now()`, [user.tenantId]);
        await manager.insert(WebSessionEntity, {
          tenantId: user.tenantId,
          userId: user.id,
          secretHash: sha256(secret),
          expiresAt: new Date(Date.now() + SESSION_TTL_SECONDS * 1000),
        });
      }),
    );
    const principal: Principal = { tenantId: user.tenantId, role: user.role, kind: 'user', userId: user.id, apiKeyId: null };
    return { cookie: `${tenantPart(user.tenantId)}.${secret}`, principal };
  }

  /** The live session a cookie stands for (its user still active), or null. */
  async authenticate(cookie: string | undefined): Promise<WebSession | null> {
    const parsed = parseCookie(cookie);
    if (!parsed) return null;
    // The cookie names its tenant; a cookie naming another tenant finds no session there.
    return inTenant(parsed.tenantId, () => this.sessionOf(parsed));
  }

  private async sessionOf(parsed: { tenantId: string; secret: string }): Promise<WebSession | null> {
    const session = await this.dataSource.manager
      .createQueryBuilder(WebSessionEntity, 's')
      .where('s.tenant_id = :tenantId AND s.secret_hash = :hash AND s.expires_at > now()', { tenantId: parsed.tenantId, hash: sha256(parsed.secret) })
      .getOne();
    if (!session) return null;
    const principal = await this.auth.userPrincipal(session.tenantId, session.userId);
    return principal ? { principal, csrfToken: csrfToken('session', parsed.secret) } : null;
  }

  /** Ends the session of a cookie, on every instance at once. Harmless for an unknown cookie. */
  async signOut(cookie: string | undefined): Promise<void> {
    const parsed = parseCookie(cookie);
    if (!parsed) return;
    await inTenant(parsed.tenantId, () =>
      this.dataSource.query(`DELETE FROM web_sessions WHERE tenant_id = $1 AND secret_hash = $2`, [parsed.tenantId, sha256(parsed.secret)]),
    );
  }

  /** A fresh value for the sign-in cookie, and the CSRF token the sign-in form carries with it. */
  newSignin(): { cookie: string; csrfToken: string } {
    const nonce = randomBytes(24).toString('base64url');
    return { cookie: nonce, csrfToken: csrfToken('signin', nonce) };
  }

  /** The CSRF token of the sign-in form bound to this sign-in cookie, or null without a usable cookie. */
  signinCsrf(cookie: string | undefined): string | null {
    return cookie && /^[\w-]{32}$/.test(cookie) ? csrfToken('signin', cookie) : null;
  }
}

/** Whether a form's token is the expected one (constant time). */
export function csrfMatches(expected: string | null, given: unknown): boolean {
  if (!expected || typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function csrfToken(purpose: string, secret: string): string {
  return createHash('sha256').update(`csrf:${purpose}\n${secret}`).digest('base64url');
}

function tenantPart(tenantId: string): string {
  return Buffer.from(tenantId.replaceAll('-', ''), 'hex').toString('base64url');
}

function parseCookie(cookie: string | undefined): { tenantId: string; secret: string } | null {
  const match = /^([\w-]{22})\.([\w-]{32})$/.exec(cookie ?? '');
  if (!match) return null;
  const hex = Buffer.from(match[1]!, 'base64url').toString('hex');
  if (hex.length !== 32) return null;
  return { tenantId: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`, secret: match[2]! };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
