import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Public, Roles } from '#src/common/auth/access-policy.js';
import type { Principal } from '#src/common/auth/principal.js';
import { ApiProblems } from '#src/common/errors/api-problems.decorator.js';
import { IdParam } from '#src/common/http/id-param.js';
import { RateLimit } from '#src/common/rate-limit/rate-limit.js';
import {
  ListVoiceQueryDto,
  SendVoiceDto,
  SentVoiceDto,
  VoiceDto,
  VoiceKeyDto,
  VoiceKeyReplyDto,
  VoiceListDto,
  VoiceReplyBodyDto,
  VoiceStatusDto,
} from './dto/voice.dto.js';
import { VoiceService } from './voice.service.js';

@ApiTags('voice')
@ApiBearerAuth()
@Controller('voice')
export class VoiceController {
  constructor(private readonly voice: VoiceService) {}

  @Post()
  @Roles('hr_admin', 'manager', 'employee')
  @HttpCode(201)
  @ApiOperation({ summary: 'Send a suggestion, concern or praise about a unit, a driver or a touchpoint; named or anonymous' })
  @ApiCreatedResponse({ type: SentVoiceDto })
  @ApiProblems(400, 401, 403)
  send(@CurrentPrincipal() principal: Principal, @Body() dto: SendVoiceDto): Promise<SentVoiceDto> {
    return this.voice.send(principal, dto);
  }

  @Get()
  @Roles('hr_admin', 'manager')
  @ApiOperation({ summary: 'Voices routed to you (HR: all); anonymous ones only from units that have sent at least k' })
  @ApiOkResponse({ type: VoiceListDto })
  @ApiProblems(400, 401, 403)
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListVoiceQueryDto): Promise<VoiceListDto> {
    return this.voice.list(principal, query);
  }

  @Get('mine')
  @Roles('hr_admin', 'manager', 'employee')
  @ApiOperation({ summary: 'Your named voices and their conversations' })
  @ApiOkResponse({ type: [VoiceDto] })
  @ApiProblems(401, 403)
  mine(@CurrentPrincipal() principal: Principal): Promise<VoiceDto[]> {
    return this.voice.mine(principal);
  }

  @Get(':id')
  @Roles('hr_admin', 'manager')
  @ApiOperation({ summary: 'A voice with its conversation' })
  @ApiOkResponse({ type: VoiceDto })
  @ApiProblems(400, 401, 403, 404)
  get(@CurrentPrincipal() principal: Principal, @IdParam() id: string): Promise<VoiceDto> {
    return this.voice.get(principal, id);
  }

  @Patch(':id')
  @Roles('hr_admin', 'manager')
  @ApiOperation({ summary: 'Move a voice on: acknowledged, in progress, closed' })
  @ApiOkResponse({ type: VoiceDto })
  @ApiProblems(400, 401, 403, 404)
  status(@CurrentPrincipal() principal: Principal, @IdParam() id: string, @Body() dto: VoiceStatusDto): Promise<VoiceDto> {
    return this.voice.setStatus(principal, id, dto.status);
  }

  @Post(':id/replies')
  @Roles('hr_admin', 'manager')
  @HttpCode(201)
  @ApiOperation({ summary: 'Answer a voice (its sender reads it with their name, or with their reply key)' })
  @ApiCreatedResponse({ type: VoiceDto })
  @ApiProblems(400, 401, 403, 404)
  reply(@CurrentPrincipal() principal: Principal, @IdParam() id: string, @Body() dto: VoiceReplyBodyDto): Promise<VoiceDto> {
    return this.voice.staffReply(principal, id, dto.text);
  }
}

/** The anonymous sender's side: the reply key in the body is the only credential. */
@ApiTags('voice')
@Public()
@RateLimit('public')
@Controller('voice/conversation')
export class VoiceConversationController {
  constructor(private readonly voice: VoiceService) {}

  @Post('read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Read your anonymous voice and its replies with your reply key' })
  @ApiOkResponse({ type: VoiceDto })
  @ApiProblems(400, 404, 429)
  read(@Body() dto: VoiceKeyDto): Promise<VoiceDto> {
    return this.voice.readByKey(dto.replyKey);
  }

  @Post('reply')
  @HttpCode(201)
  @ApiOperation({ summary: 'Answer, anonymously, in the conversation about your voice' })
  @ApiCreatedResponse({ type: VoiceDto })
  @ApiProblems(400, 404, 429)
  reply(@Body() dto: VoiceKeyReplyDto): Promise<VoiceDto> {
    return this.voice.replyByKey(dto.replyKey, dto.text);
  }
}
