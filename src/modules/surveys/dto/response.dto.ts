import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsInt, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { IsBcp47Locale, Optional } from '#src/common/validation/validators.js';
import { QUESTION_TYPES, type QuestionType } from '../domain/questions.js';
import { MAX_TEXT_ANSWER } from '../domain/submission.js';
import { FastValidation } from '#src/common/http/validation.js';
import { submitResponseFastPath } from './response.fast-path.js';
import { MAX_SURVEY_QUESTIONS } from './survey.dto.js';

export class FormQueryDto {
  @ApiPropertyOptional({ example: 'fr', description: 'Show the questions in this locale where they have it (default: the invitation’s).' })
  @Optional()
  @IsBcp47Locale()
  locale?: string;
}

export class FormQuestionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: QUESTION_TYPES }) type!: QuestionType;
  @ApiProperty({ nullable: true, type: String }) driverKey!: string | null;
  @ApiProperty() text!: string;
  @ApiProperty({ description: 'The locale of `text` (falls back to the language, then English).' }) locale!: string;
  @ApiProperty({ type: [String], nullable: true, description: 'Choice questions: the options, answered by their number (0-based).' })
  options!: string[] | null;
  @ApiProperty({ nullable: true, description: 'Scored questions: the lowest and highest value.', example: { min: 1, max: 5 } })
  scale!: { min: number; max: number } | null;
}

export class SurveyFormDto {
  @ApiProperty() surveyName!: string;
  @ApiProperty() roundNumber!: number;
  @ApiProperty({ format: 'date-time' }) closesAt!: string;
  @ApiProperty() locale!: string;
  @ApiProperty({ description: 'The anonymity promise, in plain words.' }) anonymity!: string;
  @ApiProperty({ description: 'Results are shown only for groups of at least this many people.' }) anonymityThreshold!: number;
  @ApiProperty({ type: [FormQuestionDto] }) questions!: FormQuestionDto[];
}

export class AnswerDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  questionId!: string;

  @ApiPropertyOptional({ description: 'likert5: 1–5; enps: 0–10; single_choice: the option number.' })
  @Optional()
  @IsInt()
  value?: number;

  @ApiPropertyOptional({ type: [Number], description: 'multi_choice: the option numbers.' })
  @Optional()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsInt({ each: true })
  choices?: number[];

  @ApiPropertyOptional({ maxLength: MAX_TEXT_ANSWER, description: 'text: the answer.' })
  @Optional()
  @IsString()
  @MaxLength(MAX_TEXT_ANSWER)
  text?: string;
}

@FastValidation(submitResponseFastPath)
export class SubmitResponseDto {
  @ApiProperty({
    format: 'uuid',
    description: 'Made once by the client for this submission and repeated on retries: a retry with the same link, id and answers gets the first reply.',
  })
  @IsUUID()
  submissionId!: string;

  @ApiProperty({ type: [AnswerDto] })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SURVEY_QUESTIONS)
  @ValidateNested({ each: true })
  @Type(() => AnswerDto)
  answers!: AnswerDto[];
}

export class SubmissionReplyDto {
  @ApiProperty({ enum: ['submitted'] }) status!: 'submitted';
  @ApiProperty({ example: '2026-11-25', description: 'The day the answers were recorded (no time is kept).' }) submittedOn!: string;
  @ApiProperty({ description: 'Your private key to read and answer replies to your comments, anonymously. Shown only now: keep it.' })
  replyKey!: string;
}
