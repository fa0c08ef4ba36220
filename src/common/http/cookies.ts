/**
 * The value of one cookie in a `Cookie` header, or undefined. Only the first cookie of that name
 * counts; values are taken as they are (Tandem's own cookies are base64url, never encoded).
 */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export interface CookieOptions {
  /** Lifetime in seconds; 0 deletes the cookie. */
  readonly maxAge: number;
  readonly sameSite: 'Strict' | 'Lax';
}

/**
 * A `Set-Cookie` value for a `__Host-` cookie: Secure, HttpOnly, Path=/ and no Domain, which the
 * prefix makes browsers enforce (browsers treat http://localhost as secure too).
 */
export function hostCookie(name: string, value: string, options: CookieOptions): string {
  if (!name.startsWith('__Host-')) throw new Error(`${name} must carry the __Host- prefix`);
  return `${name}=${value}; Path=/; Max-Age=${options.maxAge}; Secure; HttpOnly; SameSite=${options.sameSite}`;
}
