import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '#src/common/auth/access-policy.js';
import type { Principal } from '#src/common/auth/principal.js';
import { ApiProblems } from '#src/common/errors/api-problems.decorator.js';
import { IdParam } from '#src/common/http/id-param.js';
import type { Page } from '#src/common/pagination/pagination.js';
import {
  CreatePlaybookDto,
  ListPlaybooksQueryDto,
  ListRunsQueryDto,
  PlaybookActionDto,
  PlaybookPageDto,
  PlaybookResponseDto,
  PlaybookRunDto,
  PlaybookRunPageDto,
  UpdatePlaybookDto,
} from './dto/playbook.dto.js';
import { PlaybooksService } from './playbooks.service.js';

@ApiTags('playbooks')
@ApiBearerAuth()
@Roles('hr_admin')
@Controller()
export class PlaybooksController {
  constructor(private readonly playbooks: PlaybooksService) {}

  @Get('playbook-actions')
  @ApiOperation({ summary: 'The actions a playbook can run' })
  @ApiOkResponse({ type: [PlaybookActionDto] })
  @ApiProblems(401, 403)
  actions(): PlaybookActionDto[] {
    return this.playbooks.listActions();
  }

  @Post('playbooks')
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a stage playbook: on an event (optionally in a unit or location), run an action after N days' })
  @ApiCreatedResponse({ type: PlaybookResponseDto })
  @ApiProblems(400, 401, 403)
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreatePlaybookDto): Promise<PlaybookResponseDto> {
    return this.playbooks.create(principal.tenantId, dto);
  }

  @Get('playbooks')
  @ApiOperation({ summary: 'List playbooks' })
  @ApiOkResponse({ type: PlaybookPageDto })
  @ApiProblems(400, 401, 403)
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListPlaybooksQueryDto): Promise<Page<PlaybookResponseDto>> {
    return this.playbooks.list(principal.tenantId, query);
  }

  @Get('playbooks/:id')
  @ApiOperation({ summary: 'Read a playbook' })
  @ApiOkResponse({ type: PlaybookResponseDto })
  @ApiProblems(400, 401, 403, 404)
  get(@CurrentPrincipal() principal: Principal, @IdParam() id: string): Promise<PlaybookResponseDto> {
    return this.playbooks.get(principal.tenantId, id);
  }

  @Patch('playbooks/:id')
  @ApiOperation({ summary: 'Rename, change parameters or delay, or pause and resume a playbook' })
  @ApiOkResponse({ type: PlaybookResponseDto })
  @ApiProblems(400, 401, 403, 404)
  update(@CurrentPrincipal() principal: Principal, @IdParam() id: string, @Body() dto: UpdatePlaybookDto): Promise<PlaybookResponseDto> {
    return this.playbooks.update(principal.tenantId, id, dto);
  }

  @Delete('playbooks/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a playbook and its runs' })
  @ApiNoContentResponse()
  @ApiProblems(400, 401, 403, 404)
  remove(@CurrentPrincipal() principal: Principal, @IdParam() id: string): Promise<void> {
    return this.playbooks.remove(principal.tenantId, id);
  }

  @Get('playbooks/:id/runs')
  @ApiOperation({ summary: 'A playbook’s runs, newest first' })
  @ApiOkResponse({ type: PlaybookRunPageDto })
  @ApiProblems(400, 401, 403, 404)
  runs(@CurrentPrincipal() principal: Principal, @IdParam() id: string, @Query() query: ListRunsQueryDto): Promise<Page<PlaybookRunDto>> {
    return this.playbooks.listRuns(principal.tenantId, id, query);
  }
}
