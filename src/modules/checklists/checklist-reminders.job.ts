import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobScheduler } from '#src/common/jobs/job-scheduler.js';
import { DomainEventsRepository } from '#src/modules/events/domain-events.repository.js';
import { asSystem } from '#src/common/tenancy/tenant-scope.js';
import { ChecklistNotificationEntity } from './entities/checklist-notification.entity.js';
import { Mailer } from './mailer.js';

export const CHECKLIST_REMINDER_EVENT = 'checklist.reminder';
/** Tasks due within this many days (and every overdue one) are in a day's digest. */
const DUE_WITHIN_DAYS = 2;
/** Retry delays: 1, 2, 4 … minutes, at most six hours. */
const MAX_BACKOFF_MS = 6 * 3_600_000;
const BATCH = 20;

interface DueTask {
  tenant_id: string;
  user_id: string;
  email: string;
  today: string;
  id: string;
  title: string;
  due_on: string;
}

/**
 * Each assignee's daily digest of checklist tasks due within two days or overdue: recorded once per
 * assignee and day (a unique row in `checklist_notifications`, and a `checklist.reminder` event
 * for webhook subscribers, in one transaction), then e-mailed through the outbox, retried with
 * backoff until the mail server takes it. Safe on every instance: rows are claimed with
 * `FOR UPDATE SKIP LOCKED`, and the day's row exists once.
 */
@Injectable()
export class ChecklistRemindersJob {
  constructor(
    scheduler: JobScheduler,
    private readonly dataSource: DataSource,
    private readonly events: DomainEventsRepository,
    private readonly mailer: Mailer,
  ) {
    scheduler.every('checklist-reminders', 60_000, () => this.tick());
  }

  async tick(now = new Date()): Promise<{ prepared: number; sent: number; failed: number }> {
    const prepared = await this.prepare(now);
    const { sent, failed } = await this.deliver(now);
    return { prepared, sent, failed };
  }

  /** Records today's digest for every assignee who has one and has not had it; returns how many. */
  prepare(now = new Date()): Promise<number> {
    return asSystem('checklist reminders: due tasks of every tenant', async () => {
      const due: DueTask[] = await this.dataSource.query(
        `WITH local AS (SELECT id AS tenant_id, ($1::timestamptz AT TIME ZONE timezone)::date AS today FROM tenants)
         SELECT t.tenant_id, t.assignee_user_id AS user_id, u.email, to_char(l.today, 'YYYY-MM-DD') AS today,
                t.id, t.title, to_char(t.due_on, 'YYYY-MM-DD') AS due_on
         FROM checklist_tasks t
         JOIN checklists c ON c.tenant_id = t.tenant_id AND c.id = t.checklist_id AND c.status = 'running'
         JOIN users u ON u.tenant_id = t.tenant_id AND u.id = t.assignee_user_id AND u.deactivated_at IS NULL
         JOIN local l ON l.tenant_id = t.tenant_id
         WHERE t.status = 'open' AND t.due_on <= l.today + $2::int
           AND NOT EXISTS (SELECT 1 FROM checklist_notifications n WHERE n.tenant_id = t.tenant_id AND n.user_id = t.assignee_user_id AND n.day = l.today)
         ORDER BY t.tenant_id, t.assignee_user_id, t.due_on, t.id`,
        [now, DUE_WITHIN_DAYS],
      );
      const digests = new Map<string, DueTask[]>();
      for (const task of due) digests.set(`${task.tenant_id}:${task.user_id}`, [...(digests.get(`${task.tenant_id}:${task.user_id}`) ?? []), task]);
      let prepared = 0;
      for (const tasks of digests.values()) {
        const { tenant_id: tenantId, user_id: userId, email, today } = tasks[0]!;
        const lines = tasks.map((task) => `- ${task.title} (due ${task.due_on}${task.due_on < today ? ', overdue' : ''})`);
        const created = await this.dataSource.transaction(async (manager) => {
          const inserted: unknown[] = await manager.query(
            `INSERT INTO checklist_notifications (tenant_id, user_id, day, recipient, subject, body, task_ids, status, attempts, next_attempt_at, last_error, sent_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9, NULL, NULL)
             ON CONFLICT (tenant_id, user_id, day) DO NOTHING RETURNING id`,
            [
              tenantId,
              userId,
              today,
              email,
              `Your checklist tasks: ${tasks.length} due soon or overdue`,
              `Hello,\n\nThese checklist tasks are yours:\n\n${lines.join('\n')}\n\nThank you.\n`,
              tasks.map((task) => task.id),
              this.mailer.enabled ? 'pending' : 'off',
              now,
            ],
          );
          if (inserted.length === 0) return false;
          await this.events.record(manager, tenantId, [
            {
              type: CHECKLIST_REMINDER_EVENT,
              subjectId: userId,
              payload: { userId, day: today, tasks: tasks.map((task) => ({ id: task.id, title: task.title, dueOn: task.due_on, overdue: task.due_on < today })) },
              occurredAt: now,
            },
          ]);
          return true;
        });
        if (created) prepared += 1;
      }
      return prepared;
    });
  }

  /** Sends the e-mails that are due, a batch per transaction; a failure waits longer each time. */
  deliver(now = new Date()): Promise<{ sent: number; failed: number }> {
    return asSystem('checklist reminders: due e-mails of every tenant', async () => {
      if (!this.mailer.enabled) return { sent: 0, failed: 0 };
      let sent = 0;
      let failed = 0;
      for (;;) {
        const batch = await this.dataSource.transaction(async (manager) => {
          const rows = await manager
            .createQueryBuilder(ChecklistNotificationEntity, 'n')
            .setLock('pessimistic_write')
            .setOnLocked('skip_locked')
            .where(`n.status = 'pending' AND n.next_attempt_at <= :now`, { now })
            .orderBy('n.next_attempt_at', 'ASC')
            .limit(BATCH)
            .getMany();
          for (const row of rows) {
            try {
              await this.mailer.send({ id: `checklist-digest.${row.tenantId}.${row.userId}.${row.day}`, to: row.recipient, subject: row.subject, text: row.body });
              await manager.update(ChecklistNotificationEntity, { tenantId: row.tenantId, id: row.id }, { status: 'sent', sentAt: now, attempts: row.attempts + 1, lastError: null });
              sent += 1;
            } catch (error) {
              const delay = Math.min(MAX_BACKOFF_MS, 60_000 * 2 ** row.attempts);
              await manager.update(
                ChecklistNotificationEntity,
                { tenantId: row.tenantId, id: row.id },
                { attempts: row.attempts + 1, nextAttemptAt: new Date(now.getTime() + delay), lastError: error instanceof Error ? error.message.slice(0, 500) : String(error) },
              );
              failed += 1;
            }
          }
          return rows.length;
        });
        if (batch < BATCH) return { sent, failed };
      }
    });
  }
}
