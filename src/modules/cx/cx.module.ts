import { Module } from '@nestjs/common';
import { TenancyModule } from '#src/modules/tenancy/tenancy.module.js';
import { CxMetricsController } from './cx-metrics.controller.js';
import { CxMetricsService } from './cx-metrics.service.js';
import { CxObservationsRepository } from './cx-observations.repository.js';
import { CxObservationsService } from './cx-observations.service.js';

/** Customer metrics per unit and period, and the EX → CX linkage report. Design: docs/cx.md. */
@Module({
  imports: [TenancyModule],
  controllers: [CxMetricsController],
  providers: [CxMetricsService, CxObservationsService, CxObservationsRepository],
})
export class CxModule {}
