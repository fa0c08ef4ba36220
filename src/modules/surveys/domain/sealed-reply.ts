import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { SubmissionReply } from './submission.js';

/**
 * The reply a receipt keeps for retries, with the reply key sealed (AES-256-GCM) under a key only
 * the submitter can rebuild: SHA-256 of the link token and the client's submission id, neither of
 * which is stored. Whoever reads the database, or holds the link alone (HR does), cannot open it,
 * so a receipt cannot be followed to the response its reply key belongs to.
 */
export interface SealedReply {
  readonly status: 'submitted';
  readonly submittedOn: string;
  /** base64url of IV (12 bytes) ‖ tag (16 bytes) ‖ ciphertext. */
  readonly sealedReplyKey: string;
}

function keyFor(token: string, submissionId: string): Buffer {
  return createHash('sha256').update(`tandem:reply-seal\n${token}\n${submissionId}`).digest();
}

export function sealReply(reply: SubmissionReply, token: string, submissionId: string): SealedReply {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(token, submissionId), iv);
  const ciphertext = Buffer.concat([cipher.update(reply.replyKey, 'utf8'), cipher.final()]);
  return { status: reply.status, submittedOn: reply.submittedOn, sealedReplyKey: Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url') };
}

/** The reply again; throws when the token or submission id is not the one it was sealed under. */
export function openReply(sealed: SealedReply, token: string, submissionId: string): SubmissionReply {
  const bytes = Buffer.from(sealed.sealedReplyKey, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', keyFor(token, submissionId), bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(12, 28));
  const replyKey = Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
  return { status: sealed.status, submittedOn: sealed.submittedOn, replyKey };
}
