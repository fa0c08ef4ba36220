import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SurveyCommentEntity } from './survey-comment.entity.js';

export const MESSAGE_AUTHORS = ['respondent', 'staff'] as const;
export type MessageAuthor = (typeof MESSAGE_AUTHORS)[number];

/**
 * One message of the anonymous conversation about a comment. Staff messages say which user or API
 * key wrote them; respondent messages carry nothing about the respondent. Message times are kept:
 * they are not the time of the response.
 */
@Entity({ name: 'survey_comment_messages' })
@Index('ix_survey_comment_messages_comment', ['tenantId', 'commentId', 'createdAt'])
@Check('ck_survey_comment_messages_author', `author IN ('respondent', 'staff')`)
@Check(
  'ck_survey_comment_messages_staff',
  `(author = 'staff' AND num_nonnulls(staff_user_id, staff_api_key_id) = 1) OR (author = 'respondent' AND num_nonnulls(staff_user_id, staff_api_key_id) = 0)`,
)
export class SurveyCommentMessageEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'comment_id', type: 'uuid' })
  commentId!: string;

  @Column({ type: 'text' })
  author!: MessageAuthor;

  @Column({ name: 'staff_user_id', type: 'uuid', nullable: true })
  staffUserId!: string | null;

  @Column({ name: 'staff_api_key_id', type: 'uuid', nullable: true })
  staffApiKeyId!: string | null;

  @Column({ type: 'text' })
  text!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @ManyToOne(() => SurveyCommentEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId', foreignKeyConstraintName: 'fk_survey_comment_messages_comment' },
    { name: 'comment_id', referencedColumnName: 'id' },
  ])
  comment?: SurveyCommentEntity;
}
