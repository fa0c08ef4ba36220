import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '#src/common/auth/access-policy.js';
import type { Principal } from '#src/common/auth/principal.js';
import { ApiProblems } from '#src/common/errors/api-problems.decorator.js';
import { IdParam } from '#src/common/http/id-param.js';
import type { Page } from '#src/common/pagination/pagination.js';
import {
  CreateRecognitionDto,
  ListRecognitionsQueryDto,
  MomentsDto,
  RecognitionCountsDto,
  RecognitionCountsQueryDto,
  RecognitionDto,
  RecognitionPageDto,
  UpdateRecognitionDto,
} from './dto/recognition.dto.js';
import { RecognitionReportsService } from './recognition-reports.service.js';
import { RecognitionService } from './recognition.service.js';

@ApiTags('recognition')
@ApiBearerAuth()
@Controller()
export class RecognitionController {
  constructor(
    private readonly recognition: RecognitionService,
    private readonly reports: RecognitionReportsService,
  ) {}

  @Post('recognitions')
  @Roles('hr_admin', 'manager', 'employee')
  @HttpCode(201)
  @ApiOperation({ summary: 'Thank one or more colleagues, publicly or privately' })
  @ApiCreatedResponse({ type: RecognitionDto })
  @ApiProblems(400, 401, 403)
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateRecognitionDto): Promise<RecognitionDto> {
    return this.recognition.create(principal, dto);
  }

  @Get('recognitions')
  @Roles('hr_admin', 'manager', 'employee')
  @ApiOperation({ summary: 'The feed: public recognitions, and the private ones the caller may read; newest first' })
  @ApiOkResponse({ type: RecognitionPageDto })
  @ApiProblems(400, 401, 403)
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListRecognitionsQueryDto): Promise<Page<RecognitionDto>> {
    return this.recognition.list(principal, query);
  }

  @Get('recognitions/moments')
  @Roles('hr_admin', 'manager')
  @ApiOperation({ summary: 'Moments worth a thank-you this fortnight: work anniversaries, ends of onboarding, checklists finished early' })
  @ApiOkResponse({ type: MomentsDto })
  @ApiProblems(401, 403)
  moments(@CurrentPrincipal() principal: Principal): Promise<MomentsDto> {
    return this.reports.moments(principal);
  }

  @Get('recognitions/:id')
  @Roles('hr_admin', 'manager', 'employee')
  @ApiOperation({ summary: 'A recognition (a private one: its recipients, their managers, its author and HR)' })
  @ApiOkResponse({ type: RecognitionDto })
  @ApiProblems(400, 401, 403, 404)
  get(@CurrentPrincipal() principal: Principal, @IdParam() id: string): Promise<RecognitionDto> {
    return this.recognition.get(principal, id);
  }

  @Patch('recognitions/:id')
  @Roles('hr_admin', 'manager', 'employee')
  @ApiOperation({ summary: 'Edit one’s recognition within 15 minutes of posting it' })
  @ApiOkResponse({ type: RecognitionDto })
  @ApiProblems(400, 401, 403, 404, 409)
  update(@CurrentPrincipal() principal: Principal, @IdParam() id: string, @Body() dto: UpdateRecognitionDto): Promise<RecognitionDto> {
    return this.recognition.update(principal, id, dto);
  }

  @Delete('recognitions/:id')
  @Roles('hr_admin', 'manager', 'employee')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a recognition (its author, or HR)' })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiProblems(400, 401, 403, 404)
  remove(@CurrentPrincipal() principal: Principal, @IdParam() id: string): Promise<void> {
    return this.recognition.remove(principal, id);
  }

  @Get('reports/recognition')
  @Roles('hr_admin', 'manager')
  @ApiOperation({ summary: 'Recognitions per unit and period: received, people recognised, given (never per person)' })
  @ApiOkResponse({ type: RecognitionCountsDto })
  @ApiProblems(400, 401, 403)
  counts(@CurrentPrincipal() principal: Principal, @Query() query: RecognitionCountsQueryDto): Promise<RecognitionCountsDto> {
    return this.reports.counts(principal, query);
  }
}
