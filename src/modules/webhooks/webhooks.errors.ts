import { defineProblems } from '#src/common/errors/domain-error.js';

export const WebhooksProblems = defineProblems('webhooks', {
  notFound: { kind: 'not_found', title: 'Webhook subscription not found' },
  deliveryNotFound: { kind: 'not_found', title: 'Webhook delivery not found' },
});
