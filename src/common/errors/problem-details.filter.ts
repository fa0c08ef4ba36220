import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toProblemResponse } from './problem-response.js';
import { redactPath } from '../http/request-id.js';

/** Answers every error thrown in a route as `application/problem+json` (RFC 9457). */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problems');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    sendProblem(error, request, reply, this.logger);
  }
}

/** Writes the problem response for an error, logging it with its stack when it is the service's fault. */
export function sendProblem(error: unknown, request: FastifyRequest, reply: FastifyReply, logger: Logger): void {
  // Redacted like log paths: a survey link's token never comes back in an error body either.
  const problem = toProblemResponse(error, redactPath(request.url));
  if (problem.unexpected) {
    logger.error({ err: error, path: redactPath(request.url) }, 'Unexpected error while serving a request');
  }
  if (reply.sent) return;
  reply.status(problem.status).headers(problem.headers).send(problem.body);
}
