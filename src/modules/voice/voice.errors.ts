import { defineProblems } from '#src/common/errors/domain-error.js';

export const VoiceProblems = defineProblems('voice', {
  notFound: { kind: 'not_found', title: 'Voice not found' },
  conversationNotFound: { kind: 'not_found', title: 'No voice matches this reply key' },
});
