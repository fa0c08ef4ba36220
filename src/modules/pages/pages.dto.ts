import { Transform } from 'class-transformer';
import { IsIn, IsString, IsUUID, MaxLength } from 'class-validator';
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
