import { Module } from '@nestjs/common';
import { SegmentsController } from './segments.controller.js';
import { SegmentsRepository } from './segments.repository.js';
import { SegmentsService } from './segments.service.js';

/** Saved segments: HR's named filters, applied by reports behind the anonymity guard. Design: docs/segments.md. */
@Module({
  controllers: [SegmentsController],
  providers: [SegmentsService, SegmentsRepository],
  exports: [SegmentsService],
})
export class SegmentsModule {}
