import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '#src/common/pagination/pagination.js';
import { Optional } from '#src/common/validation/validators.js';
import { SENTIMENT_LABELS, type SentimentLabel } from '../domain/sentiment.js';
import { WATCH_CATEGORIES, type WatchCategory } from '../domain/watch-terms.js';
import { MESSAGE_AUTHORS, type MessageAuthor } from '../entities/survey-comment-message.entity.js';
import { GroupQueryDto } from './results.dto.js';

/** Longest message of a conversation. */
export const MAX_MESSAGE = 2000;

export class CommentsQueryDto extends IntersectionType(GroupQueryDto, PageQueryDto) {
  @ApiPropertyOptional({ example: 'growth', description: 'Only comments on questions of this driver.' })
  @Optional()
  @IsString()
  @MaxLength(48)
  driver?: string;

  @ApiPropertyOptional({ enum: SENTIMENT_LABELS, description: 'Only comments with this sentiment.' })
  @Optional()
  @IsIn(SENTIMENT_LABELS)
  sentiment?: SentimentLabel;
}

export class SentimentDto {
  @ApiProperty({ description: 'Comparative AFINN score: the sum of the word scores per word, −5 … 5.' }) score!: number;
  @ApiProperty({ enum: SENTIMENT_LABELS, description: 'positive above 0.05, negative below −0.05, else neutral.' }) label!: SentimentLabel;
}

export class MessageDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: MESSAGE_AUTHORS, description: 'staff: HR or a manager; respondent: the comment’s author, anonymously.' }) author!: MessageAuthor;
  @ApiProperty() text!: string;
  @ApiProperty({ format: 'date-time', description: 'When the message was written (not when the survey was answered).' }) createdAt!: string;
}

export class CommentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) roundId!: string;
  @ApiProperty({ description: 'The round is the only date a comment has.' }) roundNumber!: number;
  @ApiProperty({ format: 'uuid' }) questionId!: string;
  @ApiProperty({ description: 'The question as asked, in English (or its first locale).' }) question!: string;
  @ApiProperty({ nullable: true, type: String, description: 'The question’s driver key.' }) driverKey!: string | null;
  @ApiProperty() text!: string;
  @ApiProperty({ type: SentimentDto, nullable: true, description: 'Null for a language the lexicon does not cover (anything but English today).' })
  sentiment!: SentimentDto | null;
  @ApiProperty({ description: 'Matched a sensitive-comment watch list when written.' }) flagged!: boolean;
  @ApiProperty({ type: [MessageDto], description: 'The anonymous conversation with the author, oldest first.' }) conversation!: MessageDto[];
}

export class CommentDetailDto extends CommentDto {
  @ApiProperty({ enum: WATCH_CATEGORIES, isArray: true, nullable: true, description: 'The watch-list categories it matched; null when not flagged.' })
  flagCategories!: WatchCategory[] | null;
}

export class CommentsPageDto {
  @ApiProperty({ format: 'uuid' }) surveyId!: string;
  @ApiProperty({ format: 'uuid' }) roundId!: string;
  @ApiProperty() roundNumber!: number;
  @ApiProperty({ description: 'Comments are shown for groups of at least this many respondents.' }) commentThreshold!: number;
  @ApiPropertyOptional({ type: [CommentDto], description: 'In random order (by random id), stable across the pages of one listing. Absent when suppressed.' })
  items?: CommentDto[];
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Cursor of the next page; null on the last page. Absent when suppressed.' })
  nextCursor?: string | null;
  @ApiPropertyOptional({ enum: [true], description: 'Present when the group is too small (or would expose a smaller one): no comment is shown.' })
  suppressed?: true;
  @ApiPropertyOptional({ enum: ['below_threshold', 'differencing'] }) reason?: 'below_threshold' | 'differencing';
}

export class MessageBodyDto {
  @ApiProperty({ maxLength: MAX_MESSAGE, example: 'Thank you for raising this. Could you tell us more about when it happens?' })
  @IsString()
  @Matches(/\S/, { message: 'message must not be blank' })
  @MaxLength(MAX_MESSAGE)
  message!: string;
}

export class ReplyKeyDto {
  @ApiProperty({ description: 'The reply key the survey answered with when you submitted. Sent in the body so it never lands in a URL or a log.' })
  @IsString()
  @MaxLength(200)
  replyKey!: string;
}

export class RespondentReplyDto extends ReplyKeyDto {
  @ApiProperty({ format: 'uuid', description: 'One of your comments.' })
  @IsUUID()
  commentId!: string;

  @ApiProperty({ maxLength: MAX_MESSAGE })
  @IsString()
  @Matches(/\S/, { message: 'message must not be blank' })
  @MaxLength(MAX_MESSAGE)
  message!: string;
}

export class OwnCommentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() surveyName!: string;
  @ApiProperty() roundNumber!: number;
  @ApiProperty({ description: 'The question, in your locale where it has it.' }) question!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ type: [MessageDto], description: 'Oldest first.' }) conversation!: MessageDto[];
}

export class ConversationsDto {
  @ApiProperty({ type: [OwnCommentDto], description: 'Your comments (free-text answers) with their conversations.' }) comments!: OwnCommentDto[];
}
