import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { IsBcp47Locale, Optional } from '#src/common/validation/validators.js';
import { MAX_WATCH_TERM, WATCH_CATEGORIES, type WatchCategory } from '../domain/watch-terms.js';
import type { SurveyWatchTermEntity } from '../entities/survey-watch-term.entity.js';

export class ListWatchTermsQueryDto {
  @ApiPropertyOptional({ example: 'en', description: 'Only terms of this locale.' })
  @Optional()
  @IsBcp47Locale()
  locale?: string;

  @ApiPropertyOptional({ enum: WATCH_CATEGORIES })
  @Optional()
  @IsIn(WATCH_CATEGORIES)
  category?: WatchCategory;
}

export class CreateWatchTermDto {
  @ApiProperty({ enum: WATCH_CATEGORIES })
  @IsIn(WATCH_CATEGORIES)
  category!: WatchCategory;

  @ApiProperty({ example: 'en', description: 'BCP 47 tag. Comments are matched against their own locale’s terms, their language’s, and English.' })
  @IsBcp47Locale()
  locale!: string;

  @ApiProperty({ example: 'near miss', maxLength: MAX_WATCH_TERM, description: 'A word or phrase, matched whole and case-insensitively. Stored lower-case with single spaces.' })
  @IsString()
  @Matches(/\S/, { message: 'term must not be blank' })
  @MaxLength(MAX_WATCH_TERM)
  term!: string;
}

export class WatchTermDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: WATCH_CATEGORIES }) category!: WatchCategory;
  @ApiProperty({ example: 'en' }) locale!: string;
  @ApiProperty({ example: 'near miss' }) term!: string;
}

export function toWatchTermDto(entity: SurveyWatchTermEntity): WatchTermDto {
  return { id: entity.id, category: entity.category, locale: entity.locale, term: entity.term };
}
