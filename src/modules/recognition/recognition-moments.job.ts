import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobScheduler } from '#src/common/jobs/job-scheduler.js';
import { localDate } from '#src/modules/employees/domain/tenure-phase.js';
import { DomainEventsRepository } from '#src/modules/events/domain-events.repository.js';
import { isoWeek } from '#src/modules/surveys/domain/iso-week.js';
import { isWithin } from '#src/modules/units/domain/unit-tree.js';
import { readUnitTree } from '#src/modules/units/unit-tree.js';
import { asSystem } from '#src/common/tenancy/tenant-scope.js';
import { RecognitionReportsService } from './recognition-reports.service.js';

export const RECOGNITION_MOMENTS_EVENT = 'recognition.moments';
/** Advisory-lock key: one pass at a time across instances. */
const MOMENTS_LOCK = 7_274_100_041;

/**
 * Once a week (each tenant's ISO week), a `recognition.moments` event for every manager with
 * moments in their team: work anniversaries, ends of onboarding, checklists finished early — the
 * weekly nudge to say thank you. Hourly passes; once per manager and week whatever the number of
 * passes or instances (advisory lock + a check on the events already recorded).
 */
@Injectable()
export class RecognitionMomentsJob {
  constructor(
    scheduler: JobScheduler,
    private readonly dataSource: DataSource,
    private readonly reports: RecognitionReportsService,
    private readonly events: DomainEventsRepository,
  ) {
    scheduler.every('recognition-moments', 3_600_000, () => this.sendDue());
  }

  /** Records this week's moments for each manager who has some and has not had them; returns how many. */
  sendDue(now = new Date()): Promise<number> {
    return asSystem('recognition moments of every tenant', () =>
      this.dataSource.transaction(async (manager) => {
        await manager.query('SELECT pg_advisory_xact_lock($1)', [MOMENTS_LOCK]);
        const managers: { tenant_id: string; manager_id: string; timezone: string; units: string[] }[] = await manager.query(
          `SELECT u.tenant_id, u.manager_id, t.timezone, array_agg(u.id) AS units
           FROM units u JOIN tenants t ON t.id = u.tenant_id
           WHERE u.manager_id IS NOT NULL AND u.archived_at IS NULL
           GROUP BY u.tenant_id, u.manager_id, t.timezone`,
        );
        let sent = 0;
        const trees = new Map<string, Awaited<ReturnType<typeof readUnitTree>>>();
        for (const row of managers) {
          const week = isoWeek(localDate(now, row.timezone));
          const already: unknown[] = await manager.query(
            `SELECT 1 FROM domain_events WHERE tenant_id = $1 AND type = $2 AND subject_id = $3 AND payload->>'week' = $4 LIMIT 1`,
            [row.tenant_id, RECOGNITION_MOMENTS_EVENT, row.manager_id, week],
          );
          if (already.length > 0) continue;
          const tree = trees.get(row.tenant_id) ?? (await readUnitTree(manager, row.tenant_id));
          trees.set(row.tenant_id, tree);
          const units = [...tree.parents.keys()].filter((id) => row.units.some((root) => isWithin(id, root, tree.parents)));
          const { from, to, moments } = await this.reports.momentsFor(row.tenant_id, row.timezone, { all: false, self: row.manager_id, units }, now);
          const others = moments.filter((m) => m.employeeId !== row.manager_id);
          if (others.length === 0) continue;
          await this.events.record(manager, row.tenant_id, [
            { type: RECOGNITION_MOMENTS_EVENT, subjectId: row.manager_id, payload: { week, from, to, moments: others }, occurredAt: now },
          ]);
          sent += 1;
        }
        return sent;
      }),
    );
  }
}
