import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { asSystem } from '#src/common/tenancy/tenant-scope.js';
import { SIGNATURE_HEADER, signWebhook } from './webhook-signature.js';

/** Attempts before a delivery is given up as failed (about a day of backoff). */
export const MAX_DELIVERY_ATTEMPTS = 12;
const FIRST_RETRY_SECONDS = 30;
const MAX_RETRY_SECONDS = 6 * 3600;
const REQUEST_TIMEOUT_MS = 5000;
const BATCH = 20;
/** Advisory-lock key: one fan-out at a time across instances. */
const FAN_OUT_LOCK = 7_274_100_010;

interface DueDelivery {
  tenant_id: string;
  id: string;
  event_type: string;
  body: string;
  attempts: number;
  url: string;
  secret: string;
}

/** Seconds before the next attempt after `attempts` failures: 30 s, 1 min, 2 min … capped at 6 h. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(FIRST_RETRY_SECONDS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_SECONDS);
}

/**
 * Moves events from the outbox to subscribers. Both steps are safe on any number of instances at
 * once: the fan-out takes an advisory lock and each event is enqueued once per subscription (a
 * unique key); a delivery is locked (`FOR UPDATE SKIP LOCKED`) while it is being sent, and once a
 * 2xx is recorded it is never sent again.
 */
@Injectable()
export class WebhookDispatcher {
  private readonly logger = new Logger(WebhookDispatcher.name);

  constructor(private readonly dataSource: DataSource) {}

  async tick(): Promise<{ enqueued: number; attempted: number }> {
    const enqueued = await this.fanOut();
    let attempted = 0;
    for (let batch = await this.deliverDue(); batch > 0; batch = await this.deliverDue()) attempted += batch;
    return { enqueued, attempted };
  }

  /**
   * Turns new events into pending deliveries. Events are taken by transaction id up to the
   * snapshot's xmin: every transaction below it has finished, so no event below it can still
   * appear, whatever order their `seq` values committed in.
   */
  fanOut(): Promise<number> {
    return asSystem('webhooks: events of every tenant', () =>
      this.dataSource.transaction(async (manager) => {
        const [{ locked }] = (await manager.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [FAN_OUT_LOCK])) as { locked: boolean }[];
        if (!locked) return 0;
        const rows: { enqueued: number }[] = await manager.query(`
          WITH horizon AS (SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS xmin),
          subs AS (
            SELECT tenant_id, id, event_types, enqueued_below_xact, created_snapshot FROM webhook_subscriptions
            WHERE disabled_at IS NULL AND enqueued_below_xact < (SELECT xmin FROM horizon)
            FOR UPDATE
          ),
          inserted AS (
            INSERT INTO webhook_deliveries (tenant_id, subscription_id, event_id, event_type, body, next_attempt_at)
            SELECT e.tenant_id, s.id, e.id, e.type,
                   json_build_object('id', e.id, 'seq', e.seq::text, 'type', e.type, 'subjectId', e.subject_id,
                                     'occurredAt', to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                                     'payload', e.payload)::text,
                   now()
            FROM subs s
            JOIN domain_events e ON e.tenant_id = s.tenant_id
              AND e.xact_id >= s.enqueued_below_xact AND e.xact_id < (SELECT xmin FROM horizon)
            WHERE ('*' = ANY (s.event_types) OR e.type = ANY (s.event_types))
              -- Committed before the subscription existed: not for it.
              AND NOT pg_visible_in_snapshot(e.xact_id::text::xid8, s.created_snapshot::pg_snapshot)
            ORDER BY e.seq
            ON CONFLICT (tenant_id, subscription_id, event_id) DO NOTHING
            RETURNING 1
          ),
          advanced AS (
            UPDATE webhook_subscriptions w SET enqueued_below_xact = (SELECT xmin FROM horizon)
            FROM subs s WHERE w.tenant_id = s.tenant_id AND w.id = s.id
            RETURNING 1
          )
          SELECT (SELECT count(*) FROM inserted)::int AS enqueued, (SELECT count(*) FROM advanced)::int AS advanced`);
        return rows[0]!.enqueued;
      }),
    );
  }

  /** Sends one batch of due deliveries; returns how many were attempted. */
  deliverDue(): Promise<number> {
    return asSystem('webhooks: due deliveries of every tenant', () =>
      this.dataSource.transaction(async (manager) => {
        const due: DueDelivery[] = await manager.query(
          `SELECT d.tenant_id, d.id, d.event_type, d.body, d.attempts, s.url, s.secret
           FROM webhook_deliveries d
           JOIN webhook_subscriptions s ON s.tenant_id = d.tenant_id AND s.id = d.subscription_id
           WHERE d.status = 'pending' AND d.next_attempt_at <= now() AND s.disabled_at IS NULL
           ORDER BY d.next_attempt_at
           LIMIT $1
           FOR UPDATE OF d SKIP LOCKED`,
          [BATCH],
        );
        await Promise.all(due.map((delivery) => this.attempt(manager, delivery)));
        return due.length;
      }),
    );
  }

  private async attempt(manager: EntityManager, delivery: DueDelivery): Promise<void> {
    const timestamp = Math.floor(Date.now() / 1000);
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Tandem-Webhooks/1',
          'x-tandem-event': delivery.event_type,
          'x-tandem-delivery': delivery.id,
          [SIGNATURE_HEADER]: signWebhook(delivery.secret, delivery.body, timestamp),
        },
        body: delivery.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      status = response.status;
      await response.body?.cancel();
    } catch (e) {
      error = e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e);
    }
    const attempts = delivery.attempts + 1;
    if (status !== null && status >= 200 && status < 300) {
      await manager.query(
        `UPDATE webhook_deliveries SET status = 'delivered', attempts = $3, last_status_code = $4, last_error = NULL, delivered_at = now()
         WHERE tenant_id = $1 AND id = $2`,
        [delivery.tenant_id, delivery.id, attempts, status],
      );
      return;
    }
    const failed = attempts >= MAX_DELIVERY_ATTEMPTS;
    if (failed) this.logger.warn(`Webhook delivery ${delivery.id} gave up after ${attempts} attempts`);
    await manager.query(
      `UPDATE webhook_deliveries
       SET status = $3, attempts = $4, last_status_code = $5, last_error = $6,
           next_attempt_at = now() + make_interval(secs => $7)
       WHERE tenant_id = $1 AND id = $2`,
      [delivery.tenant_id, delivery.id, failed ? 'failed' : 'pending', attempts, status, error ?? `HTTP ${status}`, retryDelaySeconds(attempts)],
    );
  }
}
