import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '#src/common/errors/domain-error.js';
import { asSystem, inTenant } from '#src/common/tenancy/tenant-scope.js';
import { CommentsService } from './comments.service.js';
import { localize, type AskedQuestion } from './domain/questions.js';
import type { ConversationsDto, MessageDto } from './dto/comments.dto.js';
import { SurveysProblems } from './surveys.errors.js';

interface KeyedResponse {
  tenant_id: string;
  id: string;
  locale: string;
}

/**
 * The respondent's side of the anonymous conversations. The reply key is the only credential: it
 * was made at random when answering (not derived from the link) and only its SHA-256 is stored, on
 * the response. It travels in request bodies, never in a URL, so it reaches no log line.
 */
@Injectable()
export class ConversationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly comments: CommentsService,
  ) {}

  /** The key holder's comments, each with its conversation. */
  async read(replyKey: string): Promise<ConversationsDto> {
    const response = await this.responseOf(replyKey);
    return inTenant(response.tenant_id, async () => {
      const rows: { id: string; text: string; question_id: string; round_number: number; questions: AskedQuestion[]; survey_name: string }[] = await this.dataSource.query(
        `SELECT c.id, c.text, c.question_id, r.number AS round_number, r.questions, s.name AS survey_name
         FROM survey_comments c
         JOIN survey_rounds r ON r.tenant_id = c.tenant_id AND r.id = c.round_id
         JOIN surveys s ON s.tenant_id = r.tenant_id AND s.id = r.survey_id
         WHERE c.tenant_id = $1 AND c.response_id = $2
         ORDER BY c.id`,
        [response.tenant_id, response.id],
      );
      const conversations = await this.comments.conversations(response.tenant_id, rows.map((row) => row.id));
      return {
        comments: rows.map((row) => {
          const question = row.questions.find((q) => q.id === row.question_id);
          return {
            id: row.id,
            surveyName: row.survey_name,
            roundNumber: row.round_number,
            question: question ? localize(question.texts, response.locale).text : '',
            text: row.text,
            conversation: conversations.get(row.id) ?? [],
          };
        }),
      };
    });
  }

  /** A message from the key holder about one of their comments. */
  async reply(replyKey: string, commentId: string, message: string): Promise<MessageDto> {
    const response = await this.responseOf(replyKey);
    return inTenant(response.tenant_id, async () => {
      const own: unknown[] = await this.dataSource.query(`SELECT 1 FROM survey_comments WHERE tenant_id = $1 AND id = $2 AND response_id = $3`, [
        response.tenant_id,
        commentId,
        response.id,
      ]);
      if (own.length === 0) throw notFound();
      return this.comments.addMessage(response.tenant_id, commentId, { author: 'respondent', staffUserId: null, staffApiKeyId: null, text: message.trim() });
    });
  }

  /** The response of a reply key. The key names no tenant, so the lookup is system work; the rest runs in the response's tenant. */
  private async responseOf(replyKey: string): Promise<KeyedResponse> {
    const hash = createHash('sha256').update(replyKey).digest('hex');
    const rows: KeyedResponse[] = await asSystem('conversation lookup by reply key', () =>
      this.dataSource.query(`SELECT tenant_id, id, locale FROM survey_responses WHERE reply_key_hash = $1`, [hash]),
    );
    // Two responses with one hash would be a SHA-256 collision of 192-bit random keys; refuse rather than guess.
    if (rows.length !== 1) throw notFound();
    return rows[0]!;
  }
}

function notFound(): DomainError {
  return new DomainError(SurveysProblems.conversationNotFound, 'No conversation matches this reply key and comment. Check that the key was copied whole.');
}
