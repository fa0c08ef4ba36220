import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainEventsRepository } from '#src/modules/events/domain-events.repository.js';
import { PlaybookActions, type PlaybookActionContext } from './playbook-actions.js';

export const PLAYBOOK_NOTIFICATION_EVENT = 'playbook.notification';

/**
 * Built-in action `notify`: records a `playbook.notification` event (delivered by webhooks), so an
 * outside system can act on the moment, e.g. "7 days after entering onboard, ping the buddy tool".
 */
@Injectable()
export class NotifyAction implements OnModuleInit {
  constructor(
    private readonly actions: PlaybookActions,
    private readonly events: DomainEventsRepository,
  ) {}

  onModuleInit(): void {
    this.actions.register({
      key: 'notify',
      description: 'Record a playbook.notification event (delivered to webhook subscribers) with a message.',
      validate: (params) =>
        typeof params.message === 'string' && params.message.length > 0 && params.message.length <= 500
          ? []
          : ['message must be a text of 1 to 500 characters'],
      run: async (context: PlaybookActionContext) => {
        await this.events.record(context.manager, context.tenantId, [
          {
            type: PLAYBOOK_NOTIFICATION_EVENT,
            subjectId: context.employeeId,
            payload: { playbookId: context.playbookId, runId: context.runId, message: context.params.message },
            occurredAt: new Date(),
          },
        ]);
        return { notified: true };
      },
    });
  }
}
