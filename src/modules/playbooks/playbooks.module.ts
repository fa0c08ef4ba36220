import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventsModule } from '#src/modules/events/events.module.js';
import { NotifyAction } from './notify.action.js';
import { PlaybookActions } from './playbook-actions.js';
import { PlaybookRunEntity } from './playbook-run.entity.js';
import { PlaybookRunner } from './playbook-runner.js';
import { PlaybookEntity } from './playbook.entity.js';
import { PlaybooksController } from './playbooks.controller.js';
import { PlaybooksScheduler } from './playbooks.scheduler.js';
import { PlaybooksService } from './playbooks.service.js';

/**
 * Stage playbooks: rules that run an action some days after a domain event. Other capabilities
 * register their actions with the exported PlaybookActions.
 */
@Module({
  imports: [TypeOrmModule.forFeature([PlaybookEntity, PlaybookRunEntity]), EventsModule],
  controllers: [PlaybooksController],
  providers: [PlaybookActions, PlaybookRunner, PlaybooksService, PlaybooksScheduler, NotifyAction],
  exports: [PlaybookActions, PlaybookRunner],
})
export class PlaybooksModule {}
