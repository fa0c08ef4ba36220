import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { asSystem } from '#src/common/tenancy/tenant-scope.js';
import { PlaybookActions } from './playbook-actions.js';

const BATCH = 50;
/** Attempts before a failing run is left as failed. */
export const MAX_RUN_ATTEMPTS = 5;

interface DueRun {
  tenant_id: string;
  id: string;
  playbook_id: string;
  employee_id: string;
  attempts: number;
  action: string;
  action_params: Record<string, unknown>;
}

/**
 * Turns events into playbook runs and runs the due ones, once each, on any number of instances:
 * events are read by transaction id up to the snapshot xmin (see the webhook dispatcher), runs are
 * unique per playbook and event, and a due run is locked while its action runs, in the same
 * transaction that marks it done.
 */
@Injectable()
export class PlaybookRunner {
  private readonly logger = new Logger(PlaybookRunner.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly actions: PlaybookActions,
  ) {}

  async tick(): Promise<{ scheduled: number; ran: number }> {
    const scheduled = await this.schedule();
    let ran = 0;
    for (let batch = await this.runDue(); batch > 0; batch = await this.runDue()) ran += batch;
    return { scheduled, ran };
  }

  /** Creates a run for every (new event, matching playbook): due `delay_days` after the event. */
  schedule(): Promise<number> {
    return asSystem('playbooks: events of every tenant', async () => {
      const rows: { scheduled: number }[] = await this.dataSource.query(`
        WITH horizon AS (SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS xmin),
        cursor AS (SELECT below_xact FROM outbox_consumers WHERE name = 'playbooks' FOR UPDATE),
        inserted AS (
          INSERT INTO playbook_runs (tenant_id, playbook_id, event_id, employee_id, due_at)
          SELECT e.tenant_id, p.id, e.id, e.subject_id, e.occurred_at + make_interval(days => p.delay_days)
          FROM domain_events e
          JOIN playbooks p ON p.tenant_id = e.tenant_id AND p.trigger_event = e.type AND p.disabled_at IS NULL
          JOIN employees emp ON emp.tenant_id = e.tenant_id AND emp.id = e.subject_id
          WHERE e.xact_id >= (SELECT below_xact FROM cursor) AND e.xact_id < (SELECT xmin FROM horizon)
            AND (p.trigger_stage IS NULL OR e.payload->>'to' = p.trigger_stage)
            -- Events committed before the playbook listened (before creation, or while paused) do not start it.
            AND NOT pg_visible_in_snapshot(e.xact_id::text::xid8, p.listening_snapshot::pg_snapshot)
            AND (p.location IS NULL OR emp.location = p.location)
            AND (p.unit_id IS NULL OR p.unit_id IN (
                  WITH RECURSIVE ancestry(id, parent_id) AS (
                    SELECT u.id, u.parent_id FROM units u WHERE u.tenant_id = emp.tenant_id AND u.id = emp.unit_id
                    UNION ALL
                    SELECT u.id, u.parent_id FROM units u JOIN ancestry a ON u.tenant_id = emp.tenant_id AND u.id = a.parent_id
                  )
                  SELECT id FROM ancestry))
          ON CONFLICT (tenant_id, playbook_id, event_id) DO NOTHING
          RETURNING 1
        ),
        advanced AS (
          UPDATE outbox_consumers SET below_xact = (SELECT xmin FROM horizon)
          WHERE name = 'playbooks' AND below_xact < (SELECT xmin FROM horizon)
          RETURNING 1
        )
        SELECT (SELECT count(*) FROM inserted)::int AS scheduled, (SELECT count(*) FROM advanced)::int AS advanced`);
      return rows[0]!.scheduled;
    });
  }

  /** Runs one batch of due runs; returns how many were tried. */
  runDue(): Promise<number> {
    return asSystem('playbooks: due runs of every tenant', () =>
      this.dataSource.transaction(async (manager) => {
        const due: DueRun[] = await manager.query(
          `SELECT r.tenant_id, r.id, r.playbook_id, r.employee_id, r.attempts, p.action, p.action_params
           FROM playbook_runs r JOIN playbooks p ON p.tenant_id = r.tenant_id AND p.id = r.playbook_id
           WHERE r.status = 'pending' AND r.due_at <= now() AND p.disabled_at IS NULL
           ORDER BY r.due_at
           LIMIT $1
           FOR UPDATE OF r SKIP LOCKED`,
          [BATCH],
        );
        for (const run of due) {
          const action = this.actions.get(run.action);
          try {
            if (!action) throw new Error(`no action ${run.action} is registered`);
            // A savepoint per run: a failing action rolls back its own work, not the batch.
            const result = await manager.transaction(() =>
              action.run({
                manager,
                tenantId: run.tenant_id,
                employeeId: run.employee_id,
                playbookId: run.playbook_id,
                runId: run.id,
                params: run.action_params,
              }),
            );
            await manager.query(
              `UPDATE playbook_runs SET status = 'done', attempts = attempts + 1, result = $3, error = NULL, completed_at = now()
               WHERE tenant_id = $1 AND id = $2`,
              [run.tenant_id, run.id, JSON.stringify(result)],
            );
          } catch (error) {
            const attempts = run.attempts + 1;
            const message = error instanceof Error ? error.message : String(error);
            this.logger.warn(`Playbook run ${run.id} failed (attempt ${attempts}): ${message}`);
            await manager.query(
              `UPDATE playbook_runs SET attempts = $3, error = $4, status = $5, due_at = now() + make_interval(mins => $3 * 5)
               WHERE tenant_id = $1 AND id = $2`,
              [run.tenant_id, run.id, attempts, message, attempts >= MAX_RUN_ATTEMPTS ? 'failed' : 'pending'],
            );
          }
        }
        return due.length;
      }),
    );
  }
}
