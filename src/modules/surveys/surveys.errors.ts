import { defineProblems } from '#src/common/errors/domain-error.js';

export const SurveysProblems = defineProblems('surveys', {
  driverNotFound: { kind: 'not_found', title: 'Survey driver not found' },
  driverTaken: { kind: 'conflict', title: 'A driver with this key exists' },
  questionNotFound: { kind: 'not_found', title: 'Survey question not found' },
  notFound: { kind: 'not_found', title: 'Survey not found' },
  staleVersion: { kind: 'conflict', title: 'The survey was changed by someone else' },
  archived: { kind: 'conflict', title: 'The survey is archived' },
  thresholdLocked: { kind: 'conflict', title: 'Thresholds cannot be lowered once a round has opened' },
  roundNotFound: { kind: 'not_found', title: 'Survey round not found' },
  roundOpen: { kind: 'conflict', title: 'A round of this survey is still open' },
  emptyAudience: { kind: 'conflict', title: 'Nobody matches the survey’s audience' },
  linkNotFound: { kind: 'not_found', title: 'Survey link not found' },
  linkUsed: { kind: 'conflict', title: 'This survey link has been used' },
  roundClosed: { kind: 'gone', title: 'This survey round is closed' },
  outOfScope: { kind: 'forbidden', title: 'Outside your reporting line' },
  commentNotFound: { kind: 'not_found', title: 'Survey comment not found' },
  commentHidden: { kind: 'forbidden', title: 'This comment is not shown to you' },
  watchTermNotFound: { kind: 'not_found', title: 'Watch term not found' },
  watchTermTaken: { kind: 'conflict', title: 'This watch term exists' },
  conversationNotFound: { kind: 'not_found', title: 'Conversation not found' },
  conversationFull: { kind: 'conflict', title: 'This conversation has reached its length limit' },
});
