import { Module } from '@nestjs/common';
import { PlaybooksModule } from '#src/modules/playbooks/playbooks.module.js';
import { TenancyModule } from '#src/modules/tenancy/tenancy.module.js';
import { ChecklistReportsService } from './checklist-reports.service.js';
import { ChecklistStartAction } from './checklist-start.action.js';
import { ChecklistsController } from './checklists.controller.js';
import { ChecklistsService } from './checklists.service.js';
import { TemplatesController } from './templates.controller.js';
import { TemplatesService } from './templates.service.js';

/**
 * Onboarding and offboarding checklists: versioned templates, runs with resolved assignees and
 * due dates, task work with history. Design: docs/checklists.md.
 */
@Module({
  imports: [TenancyModule, PlaybooksModule],
  controllers: [TemplatesController, ChecklistsController],
  providers: [TemplatesService, ChecklistsService, ChecklistReportsService, ChecklistStartAction],
})
export class ChecklistsModule {}
