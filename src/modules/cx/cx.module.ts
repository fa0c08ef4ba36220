import { Module } from '@nestjs/common';
import { AuditModule } from '#src/modules/audit/audit.module.js';
import { SegmentsModule } from '#src/modules/segments/segments.module.js';
import { SurveysModule } from '#src/modules/surveys/surveys.module.js';
import { TenancyModule } from '#src/modules/tenancy/tenancy.module.js';
import { CxMetricsController } from './cx-metrics.controller.js';
import { CxMetricsService } from './cx-metrics.service.js';
import { CxObservationsRepository } from './cx-observations.repository.js';
import { CxObservationsService } from './cx-observations.service.js';
import { ExCxController } from './ex-cx.controller.js';
import { ExCxRepository } from './ex-cx.repository.js';
import { ExCxService } from './ex-cx.service.js';

/** Customer metrics per unit and period, and the EX → CX linkage report. Design: docs/cx.md. */
@Module({
  imports: [TenancyModule, SurveysModule, AuditModule, SegmentsModule],
  controllers: [CxMetricsController, ExCxController],
  providers: [CxMetricsService, CxObservationsService, CxObservationsRepository, ExCxService, ExCxRepository],
  exports: [CxMetricsService, ExCxService],
})
export class CxModule {}
