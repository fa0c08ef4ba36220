import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '#src/common/auth/access-policy.js';
import { RateLimit } from '#src/common/rate-limit/rate-limit.js';
import { ApiProblems } from '#src/common/errors/api-problems.decorator.js';
import { ConversationsService } from './conversations.service.js';
import { ConversationsDto, MessageDto, ReplyKeyDto, RespondentReplyDto } from './dto/comments.dto.js';

/**
 * The respondent's side of the anonymous conversations: no account, the reply key is the only
 * credential, and it is sent in the body (never the URL) so that it reaches no log line.
 */
@ApiTags('responses')
@Public()
@RateLimit('public')
@Controller('conversations')
export class ConversationsController {
  constructor(private readonly conversations: ConversationsService) {}

  @Post('read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Your comments and the replies to them, with the reply key you got when answering' })
  @ApiOkResponse({ type: ConversationsDto })
  @ApiProblems(400, 404, 429)
  read(@Body() dto: ReplyKeyDto): Promise<ConversationsDto> {
    return this.conversations.read(dto.replyKey);
  }

  @Post('reply')
  @HttpCode(201)
  @ApiOperation({ summary: 'Answer about one of your comments, anonymously' })
  @ApiCreatedResponse({ type: MessageDto })
  @ApiProblems(400, 404, 409, 429)
  reply(@Body() dto: RespondentReplyDto): Promise<MessageDto> {
    return this.conversations.reply(dto.replyKey, dto.commentId, dto.message);
  }
}
