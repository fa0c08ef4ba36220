import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { HealthCheckResult } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { Public } from '#src/common/auth/access-policy.js';
import { ApiProblems } from '#src/common/errors/api-problems.decorator.js';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly dataSource: DataSource,
  ) {}

  /** Liveness never touches the database: a database outage must not get the process restarted. */
  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process is up and serving HTTP' })
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: the database answers and every migration is applied' })
  @ApiOkResponse({
    schema: { example: { status: 'ok', info: { database: { status: 'up' }, migrations: { status: 'up', applied: 1 } } } },
  })
  @ApiProblems(503)
  ready(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.database.pingCheck('database').withTimeout(1500),
      () =>
        this.indicators
          .check('migrations')
          .attempt(async () => {
            if (await this.dataSource.showMigrations()) throw new Error('pending migrations');
            return { applied: this.dataSource.migrations.length };
          })
          .withTimeout(1500),
    ]);
  }
}
