import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DomainEventEntity } from './domain-event.entity.js';
import { DomainEventsRepository } from './domain-events.repository.js';
import { EventsController } from './events.controller.js';
import { EventsService } from './events.service.js';

/** The domain-event outbox: capabilities record events in their own transactions; the feed reads them. */
@Module({
  imports: [TypeOrmModule.forFeature([DomainEventEntity])],
  controllers: [EventsController],
  providers: [DomainEventsRepository, EventsService],
  exports: [DomainEventsRepository],
})
export class EventsModule {}
