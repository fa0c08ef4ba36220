import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { PAGE_PATHS } from './modules/pages/page-paths.js';
import type { AppConfig } from './config/app-config.js';
import { appVersion } from './config/app-version.js';
import { CommonProblems } from './common/errors/common-problems.js';
import { DomainError } from './common/errors/domain-error.js';
import { ProblemDetailsFilter, sendProblem } from './common/errors/problem-details.filter.js';
import { createValidationPipe } from './common/http/validation.js';
import { registerCsvParser } from './common/http/csv.js';
import { registerFormParser } from './common/http/forms.js';
import { REQUEST_ID_HEADER, requestIdFor } from './common/http/request-id.js';

const frameworkLogger = new NestLogger('Problems');

/** Paths served outside the versioned API prefix: health, problem types and the pages. */
const UNVERSIONED = ['health/live', 'health/ready', 'problems', 'problems/:code', ...PAGE_PATHS];

/** Builds the application (not yet listening) with every global pipe, filter and hook in place. */
export async function createApp(config: AppConfig, databaseUrl: string): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    logger: false,
    bodyLimit: config.bodyLimitBytes,
    // In-flight requests finish while closing; a request that still arrives on an open connection
    // gets a 503 problem from configureApp's hook rather than Fastify's plain JSON. (Do not pass
    // forceCloseConnections: Nest then destroys every open socket, in-flight or not, on close.)
    return503OnClosing: false,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    genReqId: requestIdFor,
    // Behind a load balancer, the client address (rate limits) comes from X-Forwarded-For.
    trustProxy: config.trustProxy,
    // URLs Fastify's router refuses before any route runs (a malformed escape, a parameter longer
    // than any id) are answered as problems too, without echoing the path (it may hold a token).
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => sendProblem(error, request, reply, frameworkLogger),
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, databaseUrl), adapter, {
    bufferLogs: true,
    abortOnError: false,
    // Fastify's own JSON parser is all the API needs; Nest's default would also accept
    // form-encoded bodies on every route.
    bodyParser: false,
  });
  configureApp(app);
  return app;
}

/** Everything `main.ts` and the tests share: logging, body handling, validation, errors, prefix, OpenAPI. */
export function configureApp(app: NestFastifyApplication): void {
  app.useLogger(app.get(Logger));
  const fastify = app.getHttpAdapter().getInstance();

  // While draining, answers close their connection: a keep-alive connection that goes idle after
  // close() began would otherwise hold the process open until its keep-alive timeout.
  let draining = false;
  fastify.addHook('preClose', async () => {
    draining = true;
  });
  fastify.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    // A request that reaches a stopping instance (its connection was busy when close() began) is
    // refused whole, as a problem the client can retry elsewhere.
    if (draining) {
      sendProblem(new DomainError(CommonProblems.shuttingDown, 'This instance is shutting down; retry the request.'), request, reply, frameworkLogger);
      return reply;
    }
  });
  fastify.addHook('onSend', async (_request, reply) => {
    if (draining) reply.header('connection', 'close');
  });
  // JSON is the body format of the API (text/plain must not reach a JSON DTO); CSV only where a
  // route opts in (imports), forms only on the pages' form posts.
  fastify.removeContentTypeParser('text/plain');
  registerCsvParser(fastify);
  registerFormParser(fastify);
  // Routes may raise their own body limit with @RouteConfig({ bodyLimit }) (bulk imports).
  fastify.addHook('onRoute', (route) => {
    const bodyLimit = (route.config as { bodyLimit?: unknown } | undefined)?.bodyLimit;
    if (typeof bodyLimit === 'number') route.bodyLimit = bodyLimit;
  });

  app.setGlobalPrefix('api/v1', { exclude: UNVERSIONED });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  setupOpenApi(app);
}

function setupOpenApi(app: NestFastifyApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Tandem API')
      .setDescription(
        'Employee-experience platform beside your HRIS. Errors are `application/problem+json` (RFC 9457); ' +
          'authenticate with `Authorization: Bearer <API key or access token>`.',
      )
      .setVersion(appVersion())
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', useGlobalPrefix: false });
}
