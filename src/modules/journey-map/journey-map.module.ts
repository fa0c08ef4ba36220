import { Module } from '@nestjs/common';
import { InstanceSecrets } from '#src/common/secrets/instance-secrets.js';
import { EmployeesModule } from '#src/modules/employees/employees.module.js';
import { SurveysModule } from '#src/modules/surveys/surveys.module.js';
import { TenancyModule } from '#src/modules/tenancy/tenancy.module.js';
import { JourneyMapController } from './journey-map.controller.js';
import { JourneyMapService } from './journey-map.service.js';
import { PainPointsJourney } from './pain-points.journey.js';
import { PainPointsService } from './pain-points.service.js';
import { TouchpointAnalysisService } from './touchpoint-analysis.service.js';

/** The journey map: touchpoints per stage and the pain points reported at them. Design: docs/journey-map.md. */
@Module({
  imports: [TenancyModule, SurveysModule, EmployeesModule],
  controllers: [JourneyMapController],
  providers: [JourneyMapService, PainPointsService, TouchpointAnalysisService, InstanceSecrets, PainPointsJourney],
  exports: [TouchpointAnalysisService],
})
export class JourneyMapModule {}
