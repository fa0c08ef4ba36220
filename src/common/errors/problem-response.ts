import { HttpException } from '@nestjs/common';
import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { CommonProblems } from './common-problems.js';
import { DomainError, type ProblemDefinition, type ProblemKind } from './domain-error.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** An RFC 9457 problem details body. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  [extension: string]: unknown;
}

export interface ProblemResponse {
  readonly status: number;
  readonly body: ProblemBody;
  readonly headers: Readonly<Record<string, string>>;
  /** True when the failure is the service's fault and must be logged with its stack. */
  readonly unexpected: boolean;
}

/** The HTTP status of each problem kind; the switch is exhaustive, so a new kind fails to compile until mapped. */
export function statusOf(kind: ProblemKind): number {
  switch (kind) {
    case 'invalid':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'method_not_allowed':
      return 405;
    case 'conflict':
      return 409;
    case 'gone':
      return 410;
    case 'unprocessable':
      return 422;
    case 'payload_too_large':
      return 413;
    case 'unsupported_media_type':
      return 415;
    case 'rate_limited':
      return 429;
    case 'unavailable':
      return 503;
    case 'internal':
      return 500;
    default: {
      const unmapped: never = kind;
      throw new Error(`Unmapped problem kind ${String(unmapped)}`);
    }
  }
}

/** The `type` URI of a problem; `GET /problems/{code}` describes it. */
export function problemTypeUri(problem: ProblemDefinition): string {
  return `/problems/${problem.code}`;
}

/**
 * Turns anything thrown while serving a request into a problem response. Client mistakes are
 * recognised wherever they surface (domain rules, Nest, Fastify's body parsing, PostgreSQL
 * input checks) so that nothing a client can send produces a 500.
 */
export function toProblemResponse(error: unknown, instance: string | undefined): ProblemResponse {
  const known = classify(error);
  const status = statusOf(known.problem.kind);
  const headers: Record<string, string> = { 'content-type': PROBLEM_CONTENT_TYPE };
  if (status === 503) headers['retry-after'] = '1';
  // A rate limit says when its window ends (the guard puts it in the problem as `retryAfter`).
  if (status === 429) headers['retry-after'] = String(typeof known.extensions.retryAfter === 'number' ? known.extensions.retryAfter : 60);
  if (status === 401) headers['www-authenticate'] = 'Bearer';
  return {
    status,
    headers,
    unexpected: known.unexpected,
    body: {
      type: problemTypeUri(known.problem),
      title: known.problem.title,
      status,
      detail: known.detail,
      ...(instance ? { instance } : {}),
      ...known.extensions,
    },
  };
}

interface Classified {
  problem: ProblemDefinition;
  detail: string;
  extensions: Record<string, unknown>;
  unexpected: boolean;
}

function classify(error: unknown): Classified {
  if (error instanceof DomainError) {
    return { problem: error.problem, detail: error.detail, extensions: { ...error.extensions }, unexpected: false };
  }
  if (error instanceof HttpException) {
    // Nest hands errors Fastify raised before the route ran (body parsing, size, content type) over
    // as HttpExceptions whose cause is the original FastifyError.
    const cause = error.cause as { statusCode?: unknown; code?: unknown } | undefined;
    if (typeof cause?.code === 'string' && cause.code.startsWith('FST_') && typeof cause.statusCode === 'number') {
      return fromFastify(cause as { statusCode: number; code: string; message?: string });
    }
    const classified = fromStatus(error.getStatus(), httpExceptionDetail(error));
    // Readiness failures (terminus) keep their per-check details.
    const details = (error.getResponse() as { details?: unknown }).details;
    if (error.getStatus() === 503 && details) {
      classified.detail = 'Not ready: a dependency is down.';
      classified.extensions.checks = details;
    }
    return classified;
  }
  if (error instanceof QueryFailedError) return fromDatabase(error);
  // TypeORM releases a transaction's query runner when its connection dies; the next query or the
  // commit then throws one of these. PostgreSQL has rolled the transaction back: the client may retry.
  if (isConnectionFailure(error) || error instanceof QueryRunnerAlreadyReleasedError || error instanceof QueryRunnerProviderAlreadyReleasedError) {
    return expected(CommonProblems.databaseUnavailable, 'The database cannot be reached right now; retry shortly.');
  }
  const status = (error as { statusCode?: unknown })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return fromFastify(error as { statusCode: number; code?: string; message?: string });
  }
  return { problem: CommonProblems.internal, detail: 'An unexpected error occurred.', extensions: {}, unexpected: true };
}

function expected(problem: ProblemDefinition, detail: string): Classified {
  return { problem, detail, extensions: {}, unexpected: false };
}

function httpExceptionDetail(error: HttpException): string {
  const response = error.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : error.message;
}

function fromStatus(status: number, detail: string): Classified {
  switch (status) {
    case 400:
      return expected(CommonProblems.badRequest, detail);
    case 401:
      return expected(CommonProblems.unauthenticated, detail);
    case 403:
      return expected(CommonProblems.forbidden, detail);
    case 404:
      return expected(CommonProblems.notFound, detail);
    case 405:
      return expected(CommonProblems.methodNotAllowed, detail);
    case 409:
      return expected(CommonProblems.conflict, detail);
    case 413:
      return expected(CommonProblems.payloadTooLarge, detail);
    case 415:
      return expected(CommonProblems.unsupportedMediaType, detail);
    case 429:
      return expected(CommonProblems.rateLimited, detail);
    case 503:
      return expected(CommonProblems.databaseUnavailable, detail);
    default:
      if (status >= 400 && status < 500) return expected(CommonProblems.badRequest, detail);
      return { problem: CommonProblems.internal, detail: 'An unexpected error occurred.', extensions: {}, unexpected: true };
  }
}

/** Errors raised by Fastify before a route runs: body parsing, content type, body size. */
function fromFastify(error: { statusCode: number; code?: string; message?: string }): Classified {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return expected(CommonProblems.payloadTooLarge, 'The request body exceeds the size this route accepts.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return expected(CommonProblems.unsupportedMediaType, 'Send the body as application/json.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return expected(CommonProblems.malformedBody, 'The body is empty but the content type says JSON.');
    case 'FST_ERR_BAD_URL':
      return expected(CommonProblems.badRequest, 'The path holds an invalid percent-encoded character.');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      // Fastify's own answer is 414; no id or token is that long, so it is a malformed parameter.
      return expected(CommonProblems.badRequest, 'A path parameter is longer than any id or link token.');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return expected(CommonProblems.malformedBody, error.message ?? 'The request body could not be parsed.');
    default:
      if (error.statusCode === 400 && (error as unknown) instanceof SyntaxError) {
        return expected(CommonProblems.malformedBody, `The body is not valid JSON: ${error.message}`);
      }
      return fromStatus(error.statusCode, error.message ?? 'The request could not be processed.');
  }
}

/**
 * PostgreSQL rejections caused by input that slipped past validation. They are answered as client
 * errors rather than 500s; the validation that should have caught them is still a bug to fix.
 */
function fromDatabase(error: QueryFailedError): Classified {
  const code = (error.driverError as { code?: string } | undefined)?.code ?? '';
  if (code === '23505') return expected(CommonProblems.conflict, 'A record with the same unique values already exists.');
  if (code === '23503') return expected(CommonProblems.conflict, 'The request refers to a record that does not exist or is still in use.');
  if (code === '40001' || code === '40P01') {
    return expected(CommonProblems.conflict, 'The request conflicted with a concurrent change; retry it.');
  }
  if (code.startsWith('22') || code === '23502' || code === '23514') {
    return expected(CommonProblems.badRequest, 'A value in the request is out of range or malformed.');
  }
  // A connection that dies mid-query (pg_terminate_backend, a restart) fails with no SQLSTATE.
  if (code.startsWith('08') || code.startsWith('57P') || isConnectionFailure(error.driverError) || (code === '' && isConnectionFailure(error))) {
    return expected(CommonProblems.databaseUnavailable, 'The database cannot be reached right now; retry shortly.');
  }
  return { problem: CommonProblems.internal, detail: 'An unexpected error occurred.', extensions: {}, unexpected: true };
}

function isConnectionFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'].includes(code) || code.startsWith('57P'))) {
    return true;
  }
  // PostgreSQL ends the session with a FATAL error when it refuses a connection (too many clients,
  // the database not accepting connections, starting up or shutting down): never the client's fault.
  const severity = (error as { severity?: unknown }).severity;
  if (severity === 'FATAL' || severity === 'PANIC') return true;
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
    error.message,
  );
}
