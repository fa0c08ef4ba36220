import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsIn, IsUUID, ValidateNested } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '#src/common/pagination/pagination.js';
import { IsBcp47Locale, IsDateOnly, Optional } from '#src/common/validation/validators.js';
import { QUESTION_TYPES, type QuestionType } from '#src/modules/surveys/domain/questions.js';
import { SENTIMENT_LABELS, type SentimentLabel } from '#src/modules/surveys/domain/sentiment.js';
import { AnswerDto, FormQuestionDto } from '#src/modules/surveys/dto/response.dto.js';
import { EXIT_INTERVIEW_MODES, EXIT_INTERVIEW_STATUSES, type ExitInterviewMode, type ExitInterviewStatus } from '../domain/exit-interviews.js';

/** Longest exit questionnaire. */
export const MAX_EXIT_QUESTIONS = 30;

export class ExitFormQueryDto {
  @ApiPropertyOptional({ example: 'fr', description: 'Show the questions in this locale where they have it (default: the interview’s).' })
  @Optional()
  @IsBcp47Locale()
  locale?: string;
}

export class ExitFormDto {
  @ApiProperty() locale!: string;
  @ApiProperty({ description: 'Who reads the answers, in plain words.' }) confidentiality!: string;
  @ApiProperty({ example: '2026-12-30', description: 'The last day this link works.' }) linkExpiresOn!: string;
  @ApiProperty({ type: [FormQuestionDto] }) questions!: FormQuestionDto[];
}

export class SubmitExitAnswersDto {
  @ApiProperty({ type: [AnswerDto] })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_EXIT_QUESTIONS)
  @ValidateNested({ each: true })
  @Type(() => AnswerDto)
  answers!: AnswerDto[];
}

export class ExitSubmissionReplyDto {
  @ApiProperty({ enum: ['completed'] }) status!: 'completed';
  @ApiProperty({ format: 'date-time' }) completedAt!: string;
}

export class ExitAnswerDto {
  @ApiProperty({ format: 'uuid' }) questionId!: string;
  @ApiProperty({ enum: QUESTION_TYPES }) type!: QuestionType;
  @ApiProperty({ nullable: true, type: String }) driverKey!: string | null;
  @ApiProperty({ description: 'The question as asked (English, or the interview’s locale).' }) question!: string;
  @ApiProperty({ nullable: true, type: Number }) value!: number | null;
  @ApiProperty({ nullable: true, type: [Number] }) choices!: number[] | null;
  @ApiProperty({ nullable: true, type: [String], description: 'The chosen options’ texts.' }) chosen!: string[] | null;
  @ApiProperty({ nullable: true, type: String }) text!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Text answers: comparative AFINN score; null where no lexicon covers the locale.' })
  sentimentScore!: number | null;
  @ApiProperty({ nullable: true, enum: SENTIMENT_LABELS }) sentiment!: SentimentLabel | null;
}

export class ExitInterviewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) separationId!: string;
  @ApiProperty({ format: 'uuid' }) employeeId!: string;
  @ApiProperty() employeeName!: string;
  @ApiProperty({ enum: EXIT_INTERVIEW_STATUSES }) status!: ExitInterviewStatus;
  @ApiProperty({ enum: EXIT_INTERVIEW_MODES, nullable: true }) mode!: ExitInterviewMode | null;
  @ApiProperty() locale!: string;
  @ApiProperty({ example: '2026-12-30' }) linkExpiresOn!: string;
  @ApiProperty({ nullable: true, type: String, description: 'The leaver’s personal link while the interview is open.' }) link!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) completedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'HR user who entered the answers (mode hr).' }) enteredByUserId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: [ExitAnswerDto], description: 'Empty in lists; read one interview for its answers.' }) answers!: ExitAnswerDto[];
}

export class ExitInterviewPageDto extends PageMetaDto {
  @ApiProperty({ type: [ExitInterviewDto] }) items!: ExitInterviewDto[];
}

export class ListExitInterviewsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: EXIT_INTERVIEW_STATUSES })
  @Optional()
  @IsIn(EXIT_INTERVIEW_STATUSES)
  status?: ExitInterviewStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @Optional()
  @IsUUID()
  employeeId?: string;
}

export class QuestionnaireQuestionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: QUESTION_TYPES }) type!: QuestionType;
  @ApiProperty({ nullable: true, type: String }) driverKey!: string | null;
  @ApiProperty({ description: 'English text.' }) text!: string;
}

export class QuestionnaireDto {
  @ApiProperty({ type: [QuestionnaireQuestionDto], description: 'In the order they are asked.' }) questions!: QuestionnaireQuestionDto[];
}

export class PutQuestionnaireDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'Questions of the survey bank, in the order to ask them. New exit interviews ask these; open ones keep theirs.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_EXIT_QUESTIONS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  questionIds!: string[];
}

export class ExitReportQueryDto {
  @ApiPropertyOptional({ example: '2026-01-01', description: 'Leavers whose last working day is on or after (default: a year before `to`).' })
  @Optional()
  @IsDateOnly()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Leavers whose last working day is on or before (default: today).' })
  @Optional()
  @IsDateOnly()
  to?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Leavers of this unit (when they left) and its sub-units. Managers: a unit of their reporting line.' })
  @Optional()
  @IsUUID()
  unitId?: string;
}

export class ExitQuestionSummaryDto {
  @ApiProperty({ format: 'uuid' }) questionId!: string;
  @ApiProperty({ enum: QUESTION_TYPES }) type!: QuestionType;
  @ApiProperty({ nullable: true, type: String }) driverKey!: string | null;
  @ApiProperty() question!: string;
  @ApiProperty() answers!: number;
  @ApiProperty({ description: 'Fewer than k answered this question: nothing else is shown.' }) suppressed!: boolean;
  @ApiProperty({ nullable: true, type: Number, description: 'likert5 and enps: the mean value.' }) mean!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'enps: 100 × (promoters − detractors) / answers.' }) enps!: number | null;
  @ApiProperty({ nullable: true, type: [Number], description: 'Scored questions: answers per value from the lowest; choice questions: answers per option.' })
  distribution!: number[] | null;
  @ApiProperty({ nullable: true, type: [String], description: 'Choice questions: the options, in the order of `distribution`.' }) options!: string[] | null;
  @ApiProperty({ nullable: true, description: 'Text questions: answers per sentiment (texts are read one interview at a time, by HR).', example: { positive: 3, neutral: 2, negative: 4, unscored: 0 } })
  sentiment!: Record<SentimentLabel | 'unscored', number> | null;
}

export class ExitReportDto {
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) unitId!: string | null;
  @ApiProperty({ description: 'The anonymity threshold applied.' }) k!: number;
  @ApiProperty({ description: 'Nothing is shown below k answered interviews, or when the unit could be read by difference.' }) suppressed!: boolean;
  @ApiProperty({ nullable: true, type: String, enum: ['below_threshold', 'differencing'] }) reason!: 'below_threshold' | 'differencing' | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Answered exit interviews in the group (null when suppressed).' }) interviews!: number | null;
  @ApiProperty({ type: [ExitQuestionSummaryDto] }) questions!: ExitQuestionSummaryDto[];
}
