import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PlaybookActions, type PlaybookActionContext } from '#src/modules/playbooks/playbook-actions.js';
import { RoundsService } from './rounds.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Playbook action `survey.invite`: invites the employee to a lifecycle survey (e.g. 30 days after
 * entering onboard), into the survey's round of the month.
 */
@Injectable()
export class SurveyInviteAction implements OnModuleInit {
  constructor(
    private readonly actions: PlaybookActions,
    private readonly rounds: RoundsService,
  ) {}

  onModuleInit(): void {
    this.actions.register({
      key: 'survey.invite',
      description: 'Invite the employee to a survey (its round of the current month), e.g. a day-30 onboarding survey.',
      validate: (params) => (typeof params.surveyId === 'string' && UUID.test(params.surveyId) ? [] : ['surveyId must be the id of a survey']),
      run: async (context: PlaybookActionContext) => {
        const result = await this.rounds.inviteOne(context.manager, context.tenantId, context.params.surveyId as string, context.employeeId);
        return { ...result };
      },
    });
  }
}
