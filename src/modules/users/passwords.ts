import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** argon2id with the library's defaults (19 MiB, 2 passes), as OWASP recommends for interactive logins. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks a password against a stored hash. With no hash (unknown e-mail, no password set) a
 * throw-away hash is checked instead, so a login takes as long whether or not the account exists.
 */
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  dummyHash ??= hash(randomBytes(16).toString('hex'));
  try {
    const matches = await verify(passwordHash ?? (await dummyHash), password);
    return matches && passwordHash !== null;
  } catch {
    return false;
  }
}
