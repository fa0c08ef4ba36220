import { Module } from '@nestjs/common';
import { AuditModule } from '#src/modules/audit/audit.module.js';
import { EmployeesModule } from '#src/modules/employees/employees.module.js';
import { EventsModule } from '#src/modules/events/events.module.js';
import { PlaybooksModule } from '#src/modules/playbooks/playbooks.module.js';
import { TenancyModule } from '#src/modules/tenancy/tenancy.module.js';
import { ChecklistRemindersJob } from './checklist-reminders.job.js';
import { ChecklistReportsService } from './checklist-reports.service.js';
import { Mailer } from './mailer.js';
import { ChecklistStartAction } from './checklist-start.action.js';
import { ChecklistsJourney } from './checklists.journey.js';
import { ChecklistsController } from './checklists.controller.js';
import { ChecklistsService } from './checklists.service.js';
import { TemplatesController } from './templates.controller.js';
import { TemplatesService } from './templates.service.js';

/**
 * Onboarding and offboarding checklists: versioned templates, runs with resolved assignees and
 * due dates, task work with history. Design: docs/checklists.md.
 */
@Module({
  imports: [TenancyModule, PlaybooksModule, EventsModule, AuditModule, EmployeesModule],
  controllers: [TemplatesController, ChecklistsController],
  providers: [TemplatesService, ChecklistsService, ChecklistReportsService, ChecklistStartAction, ChecklistRemindersJob, Mailer, ChecklistsJourney],
  exports: [ChecklistsService],
})
export class ChecklistsModule {}
