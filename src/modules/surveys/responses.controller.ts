import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '#src/common/auth/access-policy.js';
import { RateLimit } from '#src/common/rate-limit/rate-limit.js';
import { ApiProblems } from '#src/common/errors/api-problems.decorator.js';
import { FormQueryDto, SubmissionReplyDto, SubmitResponseDto, SurveyFormDto } from './dto/response.dto.js';
import { ResponsesService } from './responses.service.js';

/**
 * Answering a survey from a personal link: no account, the token is the only credential. The
 * token never reaches a log line (request paths are redacted) and no row keeps it.
 */
@ApiTags('responses')
@Public()
@RateLimit('public')
@Controller('responses')
export class ResponsesController {
  constructor(private readonly responses: ResponsesService) {}

  @Get(':token')
  @ApiOperation({ summary: 'The questions of a survey link, in the invitee’s locale' })
  @ApiOkResponse({ type: SurveyFormDto })
  @ApiProblems(400, 404, 409, 410, 429)
  form(@Param('token') token: string, @Query() query: FormQueryDto): Promise<SurveyFormDto> {
    return this.responses.form(token, query.locale);
  }

  @Post(':token')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Submit the answers, once. A retry with the same submissionId and answers gets the first reply; anything else on a used link is 409.',
  })
  @ApiCreatedResponse({ type: SubmissionReplyDto })
  @ApiProblems(400, 404, 409, 410, 429)
  submit(@Param('token') token: string, @Body() dto: SubmitResponseDto): Promise<SubmissionReplyDto> {
    return this.responses.submit(token, dto);
  }
}
