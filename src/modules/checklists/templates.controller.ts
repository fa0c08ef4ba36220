import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '#src/common/auth/access-policy.js';
import type { Principal } from '#src/common/auth/principal.js';
import { ApiProblems } from '#src/common/errors/api-problems.decorator.js';
import { IdParam } from '#src/common/http/id-param.js';
import type { Page } from '#src/common/pagination/pagination.js';
import { CreateTemplateDto, ListTemplatesQueryDto, TemplateDto, TemplatePageDto, UpdateTemplateDto } from './dto/template.dto.js';
import { TemplatesService } from './templates.service.js';

@ApiTags('checklists')
@ApiBearerAuth()
@Roles('hr_admin')
@Controller('checklist-templates')
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a checklist template (its tasks are version 1)' })
  @ApiCreatedResponse({ type: TemplateDto })
  @ApiProblems(400, 401, 403)
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateTemplateDto): Promise<TemplateDto> {
    return this.templates.create(principal.tenantId, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List checklist templates, with their current tasks' })
  @ApiOkResponse({ type: TemplatePageDto })
  @ApiProblems(400, 401, 403)
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListTemplatesQueryDto): Promise<Page<TemplateDto>> {
    return this.templates.list(principal.tenantId, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read a checklist template' })
  @ApiOkResponse({ type: TemplateDto })
  @ApiProblems(400, 401, 403, 404)
  get(@CurrentPrincipal() principal: Principal, @IdParam() id: string): Promise<TemplateDto> {
    return this.templates.get(principal.tenantId, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Rename or archive a template, or replace its tasks as a new version (running checklists keep theirs)' })
  @ApiOkResponse({ type: TemplateDto })
  @ApiProblems(400, 401, 403, 404, 409)
  update(@CurrentPrincipal() principal: Principal, @IdParam() id: string, @Body() dto: UpdateTemplateDto): Promise<TemplateDto> {
    return this.templates.update(principal.tenantId, id, dto);
  }
}
