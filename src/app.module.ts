import { Module, RequestMethod, type DynamicModule } from '@nestjs/common';
import { JobsModule } from './common/jobs/jobs.module.js';
import { RateLimitModule } from './common/rate-limit/rate-limit.module.js';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { ProblemsController } from './common/errors/problems.controller.js';
import { redactPath } from './common/http/request-id.js';
import { AuditModule } from './modules/audit/audit.module.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { EmployeesModule } from './modules/employees/employees.module.js';
import { EventsModule } from './modules/events/events.module.js';
import { PlaybooksModule } from './modules/playbooks/playbooks.module.js';
import { WebhooksModule } from './modules/webhooks/webhooks.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { CxModule } from './modules/cx/cx.module.js';
import { ChecklistsModule } from './modules/checklists/checklists.module.js';
import { JourneyMapModule } from './modules/journey-map/journey-map.module.js';
import { VoiceModule } from './modules/voice/voice.module.js';
import { ObserveModule } from './modules/observe/observe.module.js';
import { RecognitionModule } from './modules/recognition/recognition.module.js';
import { SegmentsModule } from './modules/segments/segments.module.js';
import { SeparationsModule } from './modules/separations/separations.module.js';
import { PagesModule } from './modules/pages/pages.module.js';
import { PrivacyModule } from './modules/privacy/privacy.module.js';
import { SurveysModule } from './modules/surveys/surveys.module.js';
import { TenancyModule } from './modules/tenancy/tenancy.module.js';
import { UnitsModule } from './modules/units/units.module.js';
import { UsersModule } from './modules/users/users.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          // The API and the pages; health probes stay out of the logs.
          forRoutes: [{ path: '{/*splat}', method: RequestMethod.ALL }],
          pinoHttp: {
            level: config.logLevel,
            // Fastify assigns the request id (see app.setup.ts); pino-http reuses it.
            // Only what operations need: no headers (credentials), no bodies (answers), no tokens in paths.
            serializers: {
              req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: redactPath(req.url) }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
            autoLogging: {
              ignore: (req: IncomingMessage & { originalUrl?: string }) => (req.originalUrl ?? req.url ?? '').startsWith('/health/'),
            },
          },
        }),
        DatabaseModule.forRoot(databaseUrl, config.databaseReplicaUrls),
        JobsModule,
        RateLimitModule,
        AuditModule,
        UsersModule,
        AuthModule,
        TenancyModule,
        HealthModule,
        UnitsModule,
        EmployeesModule,
        EventsModule,
        WebhooksModule,
        PlaybooksModule,
        SegmentsModule,
        SurveysModule,
        ChecklistsModule,
        JourneyMapModule,
        SeparationsModule,
        RecognitionModule,
        ObserveModule,
        VoiceModule,
        CxModule,
        PagesModule,
        PrivacyModule,
      ],
      controllers: [ProblemsController],
    };
  }
}
