import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '#src/common/auth/access-policy.js';
import type { Principal } from '#src/common/auth/principal.js';
import { ApiProblems } from '#src/common/errors/api-problems.decorator.js';
import { IdParam } from '#src/common/http/id-param.js';
import { DataExportDto, ErasureRequestDto, ErasureResultDto } from './dto/privacy.dto.js';
import { PrivacyService } from './privacy.service.js';

@ApiTags('privacy')
@ApiBearerAuth()
@Roles('hr_admin')
@Controller('employees')
export class PrivacyController {
  constructor(private readonly privacy: PrivacyService) {}

  @Get(':id/data-export')
  @ApiOperation({ summary: 'Everything held about one person, as JSON (data-subject access); survey answers are never tied to anyone' })
  @ApiOkResponse({ type: DataExportDto })
  @ApiProblems(400, 401, 403, 404)
  dataExport(@CurrentPrincipal() principal: Principal, @IdParam() id: string): Promise<DataExportDto> {
    return this.privacy.exportData(principal, id);
  }

  @Post(':id/erasure')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Erase a person who has left (or never joined): anonymise, revoke links, keep what aggregates and the law need (flagged); safe to retry',
  })
  @ApiOkResponse({ type: ErasureResultDto, description: 'The erasure record; `alreadyErased` on a retry, which changes nothing.' })
  @ApiProblems(400, 401, 403, 404, 409)
  erase(@CurrentPrincipal() principal: Principal, @IdParam() id: string, @Body() dto: ErasureRequestDto): Promise<ErasureResultDto> {
    return this.privacy.erase(principal, id, dto);
  }
}
