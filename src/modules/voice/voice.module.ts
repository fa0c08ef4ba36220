import { Module } from '@nestjs/common';
import { EventsModule } from '#src/modules/events/events.module.js';
import { VoiceConversationController, VoiceController } from './voice.controller.js';
import { VoiceService } from './voice.service.js';

/** Always-on voice: feedback at any time, named or anonymous, answered in a conversation. Design: docs/voice.md. */
@Module({
  imports: [EventsModule],
  controllers: [VoiceConversationController, VoiceController],
  providers: [VoiceService],
})
export class VoiceModule {}
