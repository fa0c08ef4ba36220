import { Module } from '@nestjs/common';
import { AuditModule } from '#src/modules/audit/audit.module.js';
import { SegmentsModule } from '#src/modules/segments/segments.module.js';
import { SurveysModule } from '#src/modules/surveys/surveys.module.js';
import { BenchmarkService } from './benchmark.service.js';
import { LoyaltyLadderService } from './loyalty-ladder.service.js';
import { ObservationService } from './observation.service.js';
import { ObserveController } from './observe.controller.js';
import { ScorecardService } from './scorecard.service.js';

/** "Observe": unit-level pictures built from the other capabilities' figures. Design: docs/observe.md. */
@Module({
  imports: [SurveysModule, AuditModule, SegmentsModule],
  controllers: [ObserveController],
  providers: [LoyaltyLadderService, BenchmarkService, ObservationService, ScorecardService],
})
export class ObserveModule {}
