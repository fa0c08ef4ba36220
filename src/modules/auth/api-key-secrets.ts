import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Every generated key starts with this, so a leaked key is recognisable (and scannable) as Tandem's. */
export const API_KEY_MARKER = 'tdk_';
const PREFIX_LENGTH = 12;

/** A new random API key: the marker and 240 bits of randomness, URL-safe. */
export function generateApiKey(): string {
  return API_KEY_MARKER + randomBytes(30).toString('base64url');
}

/** The stored form of a key: hex SHA-256. Keys carry enough entropy that a slow hash adds nothing. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The part of a key shown in lists: enough to tell keys apart, far too little to use. */
export function apiKeyPrefix(key: string): string {
  return key.slice(0, PREFIX_LENGTH);
}

/** Compares two secrets in constant time (by their hashes, so lengths may differ). */
export function secretsEqual(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}
