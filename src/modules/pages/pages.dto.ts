import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { Optional } from '#src/common/validation/validators.js';

/** An empty form field (a select left at "All") is no filter. */
const emptyIsUnset = () => Transform(({ value }) => (value === '' ? undefined : value));

export const BOARD_STATUSES = ['running', 'completed', 'cancelled'] as const;
export const NOTICES = ['completed'] as const;

/** The board's filters, as its GET form sends them. */
export class BoardQueryDto {
  @emptyIsUnset()
  @Optional()
  @IsUUID()
  unitId?: string;

  @emptyIsUnset()
  @Optional()
  @IsUUID()
  templateId?: string;

  @emptyIsUnset()
  @Optional()
  @IsIn(BOARD_STATUSES)
  status?: (typeof BOARD_STATUSES)[number];

  @emptyIsUnset()
  @Optional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

/** A page that may show what was just done. */
export class NoticeQueryDto {
  @Optional()
  @IsIn(NOTICES)
  notice?: (typeof NOTICES)[number];
}

export class TasksQueryDto extends NoticeQueryDto {
  @emptyIsUnset()
  @Optional()
  @IsIn(['open', 'done'])
  status?: 'open' | 'done';
}

export const INSIGHTS_EX_MEASURES = ['enps', 'engagement'] as const;
export const INSIGHTS_MAX_LAG = 6;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The dashboard's filters, as its GET form sends them; anything left out takes its default. */
export class InsightsQueryDto {
  @emptyIsUnset()
  @Optional()
  @IsUUID()
  unitId?: string;

  @emptyIsUnset()
  @Optional()
  @IsUUID()
  surveyId?: string;

  @emptyIsUnset()
  @Optional()
  @Matches(MONTH, { message: '$property must be a month written YYYY-MM' })
  from?: string;

  @emptyIsUnset()
  @Optional()
  @Matches(MONTH, { message: '$property must be a month written YYYY-MM' })
  to?: string;

  @emptyIsUnset()
  @Optional()
  @Matches(/^[a-z][a-z0-9_]{0,49}$/, { message: '$property must be the key of a CX metric' })
  cxMetric?: string;

  @emptyIsUnset()
  @Optional()
  @IsIn(INSIGHTS_EX_MEASURES)
  exMeasure?: (typeof INSIGHTS_EX_MEASURES)[number];

  @Transform(({ value }) => (value === '' ? undefined : typeof value === 'string' && /^\d{1,2}$/.test(value) ? Number(value) : value))
  @Optional()
  @IsInt()
  @Min(0)
  @Max(INSIGHTS_MAX_LAG)
  lag?: number;
}
