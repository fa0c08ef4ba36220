import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '#src/common/auth/access-policy.js';
import type { Principal } from '#src/common/auth/principal.js';
import { ApiProblems } from '#src/common/errors/api-problems.decorator.js';
import { IdParam } from '#src/common/http/id-param.js';
import type { Page } from '#src/common/pagination/pagination.js';
import {
  CreateDriverDto,
  CreateQuestionDto,
  DriverDto,
  ListQuestionsQueryDto,
  QuestionDto,
  QuestionPageDto,
  UpdateDriverDto,
  UpdateQuestionDto,
} from './dto/question-bank.dto.js';
import { QuestionBankService } from './question-bank.service.js';

@ApiTags('surveys')
@ApiBearerAuth()
@Roles('hr_admin')
@Controller()
export class QuestionBankController {
  constructor(private readonly bank: QuestionBankService) {}

  @Get('survey-drivers')
  @Roles('hr_admin', 'manager')
  @ApiOperation({ summary: 'The drivers results are read by (the built-in ones and the organisation’s own)' })
  @ApiOkResponse({ type: [DriverDto] })
  @ApiProblems(401, 403)
  listDrivers(@CurrentPrincipal() principal: Principal): Promise<DriverDto[]> {
    return this.bank.listDrivers(principal.tenantId);
  }

  @Post('survey-drivers')
  @HttpCode(201)
  @ApiOperation({ summary: 'Add a driver' })
  @ApiCreatedResponse({ type: DriverDto })
  @ApiProblems(400, 401, 403, 409)
  createDriver(@CurrentPrincipal() principal: Principal, @Body() dto: CreateDriverDto): Promise<DriverDto> {
    return this.bank.createDriver(principal.tenantId, dto);
  }

  @Patch('survey-drivers/:key')
  @ApiOperation({ summary: 'Rename a driver or change its description (its key stays)' })
  @ApiOkResponse({ type: DriverDto })
  @ApiProblems(400, 401, 403, 404)
  updateDriver(@CurrentPrincipal() principal: Principal, @Param('key') key: string, @Body() dto: UpdateDriverDto): Promise<DriverDto> {
    return this.bank.updateDriver(principal.tenantId, key, dto);
  }

  @Get('survey-questions')
  @ApiOperation({ summary: 'The question bank' })
  @ApiOkResponse({ type: QuestionPageDto })
  @ApiProblems(400, 401, 403)
  listQuestions(@CurrentPrincipal() principal: Principal, @Query() query: ListQuestionsQueryDto): Promise<Page<QuestionDto>> {
    return this.bank.listQuestions(principal.tenantId, query);
  }

  @Post('survey-questions')
  @HttpCode(201)
  @ApiOperation({ summary: 'Add a question to the bank' })
  @ApiCreatedResponse({ type: QuestionDto })
  @ApiProblems(400, 401, 403)
  createQuestion(@CurrentPrincipal() principal: Principal, @Body() dto: CreateQuestionDto): Promise<QuestionDto> {
    return this.bank.createQuestion(principal.tenantId, dto);
  }

  @Get('survey-questions/:id')
  @ApiOperation({ summary: 'Read a question' })
  @ApiOkResponse({ type: QuestionDto })
  @ApiProblems(400, 401, 403, 404)
  getQuestion(@CurrentPrincipal() principal: Principal, @IdParam() id: string): Promise<QuestionDto> {
    return this.bank.getQuestion(principal.tenantId, id);
  }

  @Patch('survey-questions/:id')
  @ApiOperation({ summary: 'Edit a question’s texts or options, or retire it (rounds already opened keep what they asked)' })
  @ApiOkResponse({ type: QuestionDto })
  @ApiProblems(400, 401, 403, 404, 409)
  updateQuestion(@CurrentPrincipal() principal: Principal, @IdParam() id: string, @Body() dto: UpdateQuestionDto): Promise<QuestionDto> {
    return this.bank.updateQuestion(principal.tenantId, id, dto);
  }
}
