import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'email' }) field!: string;
  @ApiProperty({ example: 'must be an email' }) message!: string;
}

/** RFC 9457 problem details, as every error is answered. */
export class ProblemDto {
  @ApiProperty({ example: '/problems/common.validation_failed', description: 'Stable identifier of the problem type.' })
  type!: string;
  @ApiProperty({ example: 'The request is not valid' }) title!: string;
  @ApiProperty({ example: 400 }) status!: number;
  @ApiProperty({ example: 'Invalid field: email.' }) detail!: string;
  @ApiPropertyOptional({ example: '/api/v1/users' }) instance?: string;
  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'Present on validation problems.' })
  errors?: FieldErrorDto[];
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (validation, malformed body, bad parameter)',
  401: 'Missing or invalid credential',
  403: 'The credential’s role may not do this',
  404: 'Not found (also for another tenant’s resources)',
  409: 'Conflicts with the current state',
  410: 'Gone',
  413: 'Body too large',
  415: 'Unsupported content type',
  422: 'Well-formed, but names something that does not fit (a unit or segment that is not the organisation’s, a filter the report cannot apply)',
  429: 'Too many requests',
  503: 'The database is unavailable',
};

/** Documents the problem responses a route can give, as `application/problem+json`. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Problem',
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
      }),
    ),
  );
}
