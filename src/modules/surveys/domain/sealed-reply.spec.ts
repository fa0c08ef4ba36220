import { describe, expect, it } from '@jest/globals';
import { openReply, sealReply } from './sealed-reply.js';

describe('sealed replies', () => {
  const reply = { status: 'submitted' as const, submittedOn: '2026-11-25', replyKey: 'the-private-reply-key' };

  it('keeps the reply key out of what is stored, and gives it back to the same token and submission', () => {
    const sealed = sealReply(reply, 'token-a', 'submission-1');
    expect(JSON.stringify(sealed)).not.toContain(reply.replyKey);
    expect(openReply(sealed, 'token-a', 'submission-1')).toEqual(reply);
  });

  it('cannot be opened with the link alone or another submission id', () => {
    const sealed = sealReply(reply, 'token-a', 'submission-1');
    expect(() => openReply(sealed, 'token-a', 'submission-2')).toThrow();
    expect(() => openReply(sealed, 'token-b', 'submission-1')).toThrow();
  });
});
