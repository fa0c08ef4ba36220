import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnyRole, CurrentPrincipal, Public, Roles } from '#src/common/auth/access-policy.js';
import type { Principal } from '#src/common/auth/principal.js';
import { RateLimit } from '#src/common/rate-limit/rate-limit.js';
import { ApiProblems } from '#src/common/errors/api-problems.decorator.js';
import { IdParam } from '#src/common/http/id-param.js';
import type { Page } from '#src/common/pagination/pagination.js';
import {
  ExitFormDto,
  ExitFormQueryDto,
  ExitInterviewDto,
  ExitInterviewPageDto,
  ExitReportDto,
  ExitReportQueryDto,
  ExitSubmissionReplyDto,
  ListExitInterviewsQueryDto,
  PutQuestionnaireDto,
  QuestionnaireDto,
  SubmitExitAnswersDto,
} from './dto/exit-interview.dto.js';
import { ExitInterviewsService } from './exit-interviews.service.js';

/** Exit interviews for HR, their questionnaire, and the aggregate report. */
@ApiTags('exit interviews')
@ApiBearerAuth()
@Controller()
export class ExitInterviewsController {
  constructor(private readonly interviews: ExitInterviewsService) {}

  @Get('exit-interviews')
  @Roles('hr_admin')
  @ApiOperation({ summary: 'Exit interviews, newest first (HR only; answers are read one interview at a time)' })
  @ApiOkResponse({ type: ExitInterviewPageDto })
  @ApiProblems(400, 401, 403)
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListExitInterviewsQueryDto): Promise<Page<ExitInterviewDto>> {
    return this.interviews.list(principal, query);
  }

  @Get('exit-interviews/:id')
  @AnyRole()
  @ApiOperation({ summary: 'An exit interview with its answers: confidential, hr_admin only (anyone else is told it does not exist)' })
  @ApiOkResponse({ type: ExitInterviewDto })
  @ApiProblems(400, 401, 404)
  get(@CurrentPrincipal() principal: Principal, @IdParam() id: string): Promise<ExitInterviewDto> {
    return this.interviews.get(principal, id);
  }

  @Post('exit-interviews/:id/answers')
  @Roles('hr_admin')
  @HttpCode(201)
  @ApiOperation({ summary: 'Enter the answers HR took down in a conversation with the leaver' })
  @ApiCreatedResponse({ type: ExitInterviewDto })
  @ApiProblems(400, 401, 403, 404, 409, 410)
  enter(@CurrentPrincipal() principal: Principal, @IdParam() id: string, @Body() dto: SubmitExitAnswersDto): Promise<ExitInterviewDto> {
    return this.interviews.enter(principal, id, dto);
  }

  @Get('exit-questionnaire')
  @Roles('hr_admin')
  @ApiOperation({ summary: 'The questions new exit interviews ask, in order' })
  @ApiOkResponse({ type: QuestionnaireDto })
  @ApiProblems(401, 403)
  questionnaire(@CurrentPrincipal() principal: Principal): Promise<QuestionnaireDto> {
    return this.interviews.questionnaire(principal.tenantId);
  }

  @Put('exit-questionnaire')
  @Roles('hr_admin')
  @ApiOperation({ summary: 'Choose the exit questionnaire from the survey question bank' })
  @ApiOkResponse({ type: QuestionnaireDto })
  @ApiProblems(400, 401, 403)
  setQuestionnaire(@CurrentPrincipal() principal: Principal, @Body() dto: PutQuestionnaireDto): Promise<QuestionnaireDto> {
    return this.interviews.setQuestionnaire(principal.tenantId, dto.questionIds);
  }

  @Get('reports/exit-interviews')
  @Roles('hr_admin', 'manager')
  @ApiOperation({ summary: 'Exit-interview answers of a period’s leavers, aggregated; nothing below k answered interviews' })
  @ApiOkResponse({ type: ExitReportDto })
  @ApiProblems(400, 401, 403)
  report(@CurrentPrincipal() principal: Principal, @Query() query: ExitReportQueryDto): Promise<ExitReportDto> {
    return this.interviews.report(principal, query);
  }
}

/** The leaver answers from their personal link: the token is the only credential and never reaches a log. */
@ApiTags('exit interviews')
@Public()
@RateLimit('public')
@Controller('exit-responses')
export class ExitResponsesController {
  constructor(private readonly interviews: ExitInterviewsService) {}

  @Get(':token')
  @ApiOperation({ summary: 'The exit interview of a link, in the leaver’s locale' })
  @ApiOkResponse({ type: ExitFormDto })
  @ApiProblems(400, 404, 409, 410, 429)
  form(@Param('token') token: string, @Query() query: ExitFormQueryDto): Promise<ExitFormDto> {
    return this.interviews.form(token, query.locale);
  }

  @Post(':token')
  @HttpCode(201)
  @ApiOperation({ summary: 'Submit the exit interview, once; the same answers again get the same reply' })
  @ApiCreatedResponse({ type: ExitSubmissionReplyDto })
  @ApiProblems(400, 404, 409, 410, 429)
  submit(@Param('token') token: string, @Body() dto: SubmitExitAnswersDto): Promise<ExitSubmissionReplyDto> {
    return this.interviews.submit(token, dto);
  }
}
