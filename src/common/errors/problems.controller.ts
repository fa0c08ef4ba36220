import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/access-policy.js';
import { CommonProblems } from './common-problems.js';
import { DomainError, registeredProblems } from './domain-error.js';
import { statusOf } from './problem-response.js';
import { ApiProblems } from './api-problems.decorator.js';

export class ProblemTypeDto {
  @ApiProperty({ example: 'common.validation_failed' }) code!: string;
  @ApiProperty({ example: 'The request is not valid' }) title!: string;
  @ApiProperty({ example: 400 }) status!: number;
}

/** Makes every problem `type` URI resolvable: `GET /problems/{code}` says what the problem is. */
@ApiTags('problems')
@Public()
@Controller('problems')
export class ProblemsController {
  @Get()
  @ApiOperation({ summary: 'Every problem type this API can answer with' })
  @ApiOkResponse({ type: [ProblemTypeDto] })
  list(): ProblemTypeDto[] {
    return registeredProblems()
      .map((p) => ({ code: p.code, title: p.title, status: statusOf(p.kind) }))
      .sort((a, b) => a.code.localeCompare(b.code));
  }

  @Get(':code')
  @ApiOperation({ summary: 'One problem type' })
  @ApiOkResponse({ type: ProblemTypeDto })
  @ApiProblems(404)
  get(@Param('code') code: string): ProblemTypeDto {
    const problem = registeredProblems().find((p) => p.code === code);
    if (!problem) throw new DomainError(CommonProblems.notFound, `No problem type ${code}.`);
    return { code: problem.code, title: problem.title, status: statusOf(problem.kind) };
  }
}
