import { ApiProperty } from '@nestjs/swagger';
import { PageMetaDto, PageQueryDto } from '#src/common/pagination/pagination.js';
import { QUESTION_TYPES, type QuestionType } from '../domain/questions.js';

export class RoundQuestionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ nullable: true, type: String }) driverKey!: string | null;
  @ApiProperty({ enum: QUESTION_TYPES }) type!: QuestionType;
  @ApiProperty({ description: 'The English text as asked.' }) text!: string;
}

export class RoundDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) surveyId!: string;
  @ApiProperty() number!: number;
  @ApiProperty({ nullable: true, type: String, description: 'Lifecycle surveys: the month the round gathers.' }) period!: string | null;
  @ApiProperty({ enum: ['open', 'closed'] }) status!: 'open' | 'closed';
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ format: 'date-time' }) closesAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) closedAt!: string | null;
  @ApiProperty() invited!: number;
  @ApiProperty({ type: [RoundQuestionDto] }) questions!: RoundQuestionDto[];
}

export class RoundPageDto extends PageMetaDto {
  @ApiProperty({ type: [RoundDto] }) items!: RoundDto[];
}

export class ListInvitationsQueryDto extends PageQueryDto {}

/**
 * A personal link to hand out. Whether the person has answered is deliberately not shown: with
 * live results, knowing who answered between two readings would tell what they answered.
 */
export class InvitationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) employeeId!: string;
  @ApiProperty() employeeName!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) unitId!: string | null;
  @ApiProperty() locale!: string;
  @ApiProperty({ description: 'The secret token of the link; whoever holds it can answer once.' }) token!: string;
  @ApiProperty({ example: '/s/AbC…', description: 'Path of the survey page for this link.' }) path!: string;
}

export class InvitationPageDto extends PageMetaDto {
  @ApiProperty({ type: [InvitationDto] }) items!: InvitationDto[];
}
