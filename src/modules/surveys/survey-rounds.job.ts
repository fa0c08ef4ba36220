import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobScheduler } from '#src/common/jobs/job-scheduler.js';
import { DomainError } from '#src/common/errors/domain-error.js';
import { asSystem } from '#src/common/tenancy/tenant-scope.js';
import { ResponsesService } from './responses.service.js';
import { RoundsService } from './rounds.service.js';

/**
 * Every minute: closes rounds whose window has passed, opens the pulse rounds that are due, sends
 * each open round's one reminder half-way through its window, and finishes or purges submission
 * receipts. Safe with many instances: due surveys are claimed with
 * `FOR UPDATE SKIP LOCKED`, and closing and purging are idempotent.
 */
@Injectable()
export class SurveyRoundsJob {
  constructor(
    scheduler: JobScheduler,
    private readonly dataSource: DataSource,
    private readonly rounds: RoundsService,
    private readonly responses: ResponsesService,
  ) {
    scheduler.every('survey-rounds', 60_000, () => this.tick());
  }

  /** One pass (as of `now`, for tests); returns what it did. */
  async tick(now = new Date()): Promise<{ closed: number; opened: number; reminded: number; recovered: number; purged: number }> {
    const closed = await this.closeDue(now);
    const opened = await this.openDue(now);
    const reminded = await this.rounds.remindDue(now);
    const { recovered, purged } = await this.responses.sweepReceipts(now);
    return { closed, opened, reminded, recovered, purged };
  }

  private closeDue(now: Date): Promise<number> {
    return asSystem('survey rounds: close due rounds of every tenant', async () => {
      const rows: unknown[] = await this.dataSource.query(
        `WITH closed AS (UPDATE survey_rounds SET closed_at = closes_at WHERE closed_at IS NULL AND closes_at <= $1 RETURNING id)
         SELECT id FROM closed`,
        [now],
      );
      return rows.length;
    });
  }

  /** Opens each due pulse's next round, one survey per transaction; a survey another instance holds is skipped. */
  private openDue(now: Date): Promise<number> {
    return asSystem('survey rounds: open due pulses of every tenant', async () => {
      let opened = 0;
      for (;;) {
        const claimed = await this.dataSource.transaction(async (manager) => {
          const due: { tenant_id: string; id: string }[] = await manager.query(
            `SELECT tenant_id, id FROM surveys
             WHERE next_round_at <= $1 AND archived_at IS NULL AND kind = 'pulse'
             ORDER BY next_round_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
            [now],
          );
          const survey = due[0];
          if (!survey) return false;
          // A round still open when the next is due ends now: pulses do not overlap.
          await manager.query(`UPDATE survey_rounds SET closed_at = $3 WHERE tenant_id = $1 AND survey_id = $2 AND closed_at IS NULL`, [
            survey.tenant_id,
            survey.id,
            now,
          ]);
          try {
            await this.rounds.openIn(manager, survey.tenant_id, survey.id, now);
            opened += 1;
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            // Nobody to invite (or archived meanwhile): try again next period rather than every minute.
            await manager.query(`UPDATE surveys SET next_round_at = NULL WHERE tenant_id = $1 AND id = $2`, [survey.tenant_id, survey.id]);
          }
          return true;
        });
        if (!claimed) return opened;
      }
    });
  }
}
