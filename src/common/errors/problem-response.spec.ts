import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { CommonProblems } from './common-problems.js';
import { DomainError, defineProblems } from './domain-error.js';
import { toProblemResponse } from './problem-response.js';

const fastifyError = (code: string, statusCode: number, message = 'x') => Object.assign(new Error(message), { code, statusCode });
const pgError = (code: string) => new QueryFailedError('SELECT 1', [], Object.assign(new Error('db'), { code }));

describe('toProblemResponse', () => {
  it('answers a domain error with its problem, detail and extensions', () => {
    const problems = defineProblems('spec_sample', { thingGone: { kind: 'gone', title: 'The thing is gone' } });
    const response = toProblemResponse(new DomainError(problems.thingGone, 'It left.', { since: '2026-01-01' }), '/x');
    expect(response).toEqual({
      status: 410,
      unexpected: false,
      headers: { 'content-type': 'application/problem+json; charset=utf-8' },
      body: { type: '/problems/spec_sample.thing_gone', title: 'The thing is gone', status: 410, detail: 'It left.', instance: '/x', since: '2026-01-01' },
    });
  });

  it.each([
    ['FST_ERR_CTP_BODY_TOO_LARGE', 413, 'common.payload_too_large'],
    ['FST_ERR_CTP_INVALID_MEDIA_TYPE', 415, 'common.unsupported_media_type'],
    ['FST_ERR_CTP_EMPTY_JSON_BODY', 400, 'common.malformed_body'],
    ['FST_ERR_CTP_INVALID_JSON_BODY', 400, 'common.malformed_body'],
  ])('recognises Fastify’s %s, also when Nest wraps it', (code, status, problem) => {
    const raw = fastifyError(code, status);
    const wrapped = new HttpException(raw.message, status, { cause: raw });
    for (const error of [raw, wrapped]) {
      const response = toProblemResponse(error, undefined);
      expect(response.status).toBe(status);
      expect(response.body.type).toBe(`/problems/${problem}`);
      expect(response.unexpected).toBe(false);
    }
  });

  it('maps Nest HTTP exceptions by status', () => {
    expect(toProblemResponse(new NotFoundException('Cannot GET /x'), '/x').body).toMatchObject({ status: 404, detail: 'Cannot GET /x' });
    expect(toProblemResponse(new BadRequestException(['a', 'b']), '/x').body).toMatchObject({ status: 400, detail: 'a; b' });
  });

  it.each([
    ['23505', 409],
    ['23503', 409],
    ['40001', 409],
    ['22P02', 400],
    ['22003', 400],
    ['23514', 400],
    ['57P01', 503],
    ['08006', 503],
  ])('answers PostgreSQL error %s with %i, not 500', (code, status) => {
    const response = toProblemResponse(pgError(code), '/x');
    expect(response.status).toBe(status);
    expect(response.unexpected).toBe(false);
  });

  it('answers a lost connection with 503 and Retry-After', () => {
    const response = toProblemResponse(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), '/x');
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('1');
    expect(response.body.type).toBe(`/problems/${CommonProblems.databaseUnavailable.code}`);
  });

  // Found by test/connection-drops.e2e-spec.ts (pg_terminate_backend under load): each was a 500.
  it.each([
    ['a query whose connection died (no SQLSTATE)', new QueryFailedError('SELECT 1', [], new Error('Connection terminated unexpectedly'))],
    ['a commit after TypeORM released the dead connection', new QueryRunnerAlreadyReleasedError()],
    ['a query in a transaction whose dead connection TypeORM released', new QueryRunnerProviderAlreadyReleasedError()],
    [
      'a connection PostgreSQL refused with FATAL',
      Object.assign(new Error('database "x" is not currently accepting connections'), { code: '55000', severity: 'FATAL' }),
    ],
  ])('answers %s with 503 database_unavailable', (_, error) => {
    const response = toProblemResponse(error, '/x');
    expect(response.status).toBe(503);
    expect(response.unexpected).toBe(false);
    expect(response.body.type).toBe(`/problems/${CommonProblems.databaseUnavailable.code}`);
  });

  it.each([
    ['FST_ERR_BAD_URL', 400],
    ['FST_ERR_MAX_PARAM_LENGTH', 414],
  ])('answers Fastify router error %s as a 400 bad request that does not echo the path', (code, statusCode) => {
    const response = toProblemResponse(fastifyError(code, statusCode, "'/api/v1/responses/secret' is not valid"), '/x');
    expect(response.status).toBe(400);
    expect(response.body.type).toBe(`/problems/${CommonProblems.badRequest.code}`);
    expect(response.body.detail).not.toContain('secret');
  });

  it('answers anything else with a 500 that reveals nothing and asks to be logged', () => {
    const response = toProblemResponse(new TypeError("Cannot read properties of undefined (reading 'secret')"), '/x');
    expect(response.status).toBe(500);
    expect(response.unexpected).toBe(true);
    expect(response.body.detail).toBe('An unexpected error occurred.');
    expect(JSON.stringify(response.body)).not.toContain('secret');
  });

  it('asks for credentials on 401', () => {
    expect(toProblemResponse(new HttpException('no', 401), '/x').headers['www-authenticate']).toBe('Bearer');
  });
});
