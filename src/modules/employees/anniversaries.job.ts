import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobScheduler } from '#src/common/jobs/job-scheduler.js';
import { asSystem } from '#src/common/tenancy/tenant-scope.js';

/** Advisory-lock key: one anniversary pass at a time across instances. */
const ANNIVERSARY_LOCK = 7_274_100_020;

/**
 * Records `employee.anniversary` for everyone whose work anniversary is today in their tenant's
 * time zone (someone who started on 29 February celebrates on 28 February in other years). It
 * runs hourly so every time zone gets its day; an anniversary is recorded once per employee and
 * year whatever the number of passes or instances.
 */
@Injectable()
export class AnniversariesJob {
  constructor(
    scheduler: JobScheduler,
    private readonly dataSource: DataSource,
  ) {
    scheduler.every('anniversaries', 3_600_000, () => this.recordToday());
  }

  /** Records today's anniversaries (as of `now`, for tests); returns how many were recorded. */
  recordToday(now: Date = new Date()): Promise<number> {
    return asSystem('anniversaries of every tenant', () =>
      this.dataSource.transaction(async (manager) => {
        await manager.query('SELECT pg_advisory_xact_lock($1)', [ANNIVERSARY_LOCK]);
        const rows: { recorded: number }[] = await manager.query(
          `WITH local AS (
             SELECT t.id AS tenant_id, ($1::timestamptz AT TIME ZONE t.timezone)::date AS today FROM tenants t
           ),
           due AS (
             SELECT e.tenant_id, e.id, e.start_date, l.today,
                    (extract(year FROM l.today) - extract(year FROM e.start_date))::int AS years
             FROM employees e JOIN local l ON l.tenant_id = e.tenant_id
             WHERE e.stage <> 'depart' AND e.start_date IS NOT NULL AND e.start_date < l.today
               -- start + n years clamps 29 February to 28 February, as a calendar would.
               AND (e.start_date + make_interval(years => (extract(year FROM l.today) - extract(year FROM e.start_date))::int))::date = l.today
           ),
           inserted AS (
             INSERT INTO domain_events (tenant_id, xact_id, type, subject_id, payload, occurred_at)
             SELECT d.tenant_id, pg_current_xact_id()::text::bigint, 'employee.anniversary', d.id,
                    jsonb_build_object('years', d.years, 'startDate', to_char(d.start_date, 'YYYY-MM-DD'), 'date', to_char(d.today, 'YYYY-MM-DD')),
                    $1::timestamptz
             FROM due d
             WHERE d.years >= 1 AND NOT EXISTS (
               SELECT 1 FROM domain_events x
               WHERE x.tenant_id = d.tenant_id AND x.subject_id = d.id AND x.type = 'employee.anniversary'
                 AND (x.payload->>'years')::int = d.years
             )
             RETURNING 1
           )
           SELECT count(*)::int AS recorded FROM inserted`,
          [now.toISOString()],
        );
        return rows[0]!.recorded;
      }),
    );
  }
}
