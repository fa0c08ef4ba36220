import { Injectable, type OnModuleInit } from '@nestjs/common';
import { SYSTEM_ACTOR } from '#src/modules/audit/domain/audit.js';
import { PlaybookActions, type PlaybookActionContext } from '#src/modules/playbooks/playbook-actions.js';
import { ChecklistsService } from './checklists.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Playbook action `checklist.start`: starts a template for the employee, e.g. on entering onboard or depart. */
@Injectable()
export class ChecklistStartAction implements OnModuleInit {
  constructor(
    private readonly actions: PlaybookActions,
    private readonly checklists: ChecklistsService,
  ) {}

  onModuleInit(): void {
    this.actions.register({
      key: 'checklist.start',
      description: 'Start a checklist template for the employee (e.g. onboarding on entering onboard).',
      validate: (params) => (typeof params.templateId === 'string' && UUID.test(params.templateId) ? [] : ['templateId must be the id of a checklist template']),
      run: async (context: PlaybookActionContext) => {
        const checklistId = await this.checklists.startIn(context.manager, context.tenantId, context.employeeId, context.params.templateId as string, SYSTEM_ACTOR);
        return { checklistId };
      },
    });
  }
}
