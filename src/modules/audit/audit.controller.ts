import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '#src/common/auth/access-policy.js';
import type { Principal } from '#src/common/auth/principal.js';
import { ApiProblems } from '#src/common/errors/api-problems.decorator.js';
import type { Page } from '#src/common/pagination/pagination.js';
import { AuditService } from './audit.service.js';
import { AuditLogPageDto, AuditLogQueryDto, type AuditEntryDto } from './dto/audit-entry.dto.js';

@ApiTags('audit')
@ApiBearerAuth()
@Roles('hr_admin')
@Controller('audit-log')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'Who changed what and when: employees, stages, separations, checklist tasks, settings, exports, API keys, users; newest first' })
  @ApiOkResponse({ type: AuditLogPageDto })
  @ApiProblems(400, 401, 403)
  list(@CurrentPrincipal() principal: Principal, @Query() query: AuditLogQueryDto): Promise<Page<AuditEntryDto>> {
    return this.audit.list(principal.tenantId, query);
  }
}
