import { Module } from '@nestjs/common';
import { InstanceSecrets } from '#src/common/secrets/instance-secrets.js';
import { AuditModule } from '#src/modules/audit/audit.module.js';
import { ChecklistsModule } from '#src/modules/checklists/checklists.module.js';
import { EmployeesModule } from '#src/modules/employees/employees.module.js';
import { EventsModule } from '#src/modules/events/events.module.js';
import { SegmentsModule } from '#src/modules/segments/segments.module.js';
import { SurveysModule } from '#src/modules/surveys/surveys.module.js';
import { TenancyModule } from '#src/modules/tenancy/tenancy.module.js';
import { AttritionController } from './attrition.controller.js';
import { AttritionService } from './attrition.service.js';
import { ExitInterviewLinks } from './exit-interview-links.js';
import { ExitInterviewsController, ExitResponsesController } from './exit-interviews.controller.js';
import { ExitInterviewsService } from './exit-interviews.service.js';
import { ReasonsService } from './reasons.service.js';
import { RetentionService } from './retention.service.js';
import { SeparationsController } from './separations.controller.js';
import { SeparationsJourney } from './separations.journey.js';
import { SeparationsService } from './separations.service.js';

/**
 * Separations, exit interviews and attrition analytics: end it well, learn why people leave.
 * Design: docs/separations.md.
 */
@Module({
  imports: [TenancyModule, EventsModule, AuditModule, EmployeesModule, ChecklistsModule, SurveysModule, SegmentsModule],
  controllers: [SeparationsController, ExitInterviewsController, ExitResponsesController, AttritionController],
  providers: [SeparationsService, ReasonsService, ExitInterviewsService, ExitInterviewLinks, InstanceSecrets, AttritionService, RetentionService, SeparationsJourney],
  exports: [AttritionService, RetentionService],
})
export class SeparationsModule {}
