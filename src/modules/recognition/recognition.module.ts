import { Module } from '@nestjs/common';
import { EventsModule } from '#src/modules/events/events.module.js';
import { SurveysModule } from '#src/modules/surveys/surveys.module.js';
import { RecognitionMomentsJob } from './recognition-moments.job.js';
import { RecognitionReportsService } from './recognition-reports.service.js';
import { RecognitionController } from './recognition.controller.js';
import { RecognitionService } from './recognition.service.js';

/** Appreciation: colleagues thank each other; counts per unit feed the unit reports. Design: docs/recognition.md. */
@Module({
  imports: [EventsModule, SurveysModule],
  controllers: [RecognitionController],
  providers: [RecognitionService, RecognitionReportsService, RecognitionMomentsJob],
})
export class RecognitionModule {}
