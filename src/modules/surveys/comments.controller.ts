import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '#src/common/auth/access-policy.js';
import type { Principal } from '#src/common/auth/principal.js';
import { ApiProblems } from '#src/common/errors/api-problems.decorator.js';
import { IdParam } from '#src/common/http/id-param.js';
import { CommentsService } from './comments.service.js';
import { CommentDetailDto, CommentsPageDto, CommentsQueryDto, MessageBodyDto, MessageDto } from './dto/comments.dto.js';
import { SuppressedDto } from './dto/results.dto.js';

/** Survey comments (free-text answers) behind the anonymity guard, and staff replies to their authors. */
@ApiTags('surveys')
@ApiBearerAuth()
@ApiExtraModels(CommentDetailDto, SuppressedDto)
@Controller('surveys')
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Get(':id/comments')
  @Roles('hr_admin', 'manager')
  @ApiOperation({ summary: 'Comments of a round for a group, in random order, shown only when the group reaches the comment threshold' })
  @ApiOkResponse({ type: CommentsPageDto })
  @ApiProblems(400, 401, 403, 404)
  list(@CurrentPrincipal() principal: Principal, @IdParam() id: string, @Query() query: CommentsQueryDto): Promise<CommentsPageDto> {
    return this.comments.list(principal, id, query);
  }

  @Get(':id/comments/:commentId')
  @Roles('hr_admin')
  @ApiOperation({ summary: 'One comment with its watch-list categories and conversation; flagged comments are shown whatever their group’s size' })
  @ApiOkResponse({ schema: { oneOf: [{ $ref: getSchemaPath(CommentDetailDto) }, { $ref: getSchemaPath(SuppressedDto) }] } })
  @ApiProblems(400, 401, 403, 404)
  get(@CurrentPrincipal() principal: Principal, @IdParam() id: string, @IdParam('commentId') commentId: string): Promise<CommentDetailDto | SuppressedDto> {
    return this.comments.detail(principal, id, commentId);
  }

  @Post(':id/comments/:commentId/replies')
  @HttpCode(201)
  @Roles('hr_admin', 'manager')
  @ApiOperation({ summary: 'Write to a comment’s author, anonymously: they read it with their reply key' })
  @ApiCreatedResponse({ type: MessageDto })
  @ApiProblems(400, 401, 403, 404, 409)
  reply(
    @CurrentPrincipal() principal: Principal,
    @IdParam() id: string,
    @IdParam('commentId') commentId: string,
    @Body() dto: MessageBodyDto,
  ): Promise<MessageDto> {
    return this.comments.reply(principal, id, commentId, dto.message);
  }
}
