import { localDate } from '#src/modules/employees/domain/tenure-phase.js';

/** Anything that runs SQL: the DataSource, or a transaction's EntityManager (so no second connection is taken). */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** A tenant's time zone and its calendar day now, the day every due date, report and "today" counts in. */
export async function tenantCalendar(db: Queryable, tenantId: string, now = new Date()): Promise<{ timezone: string; today: string }> {
  const rows = (await db.query(`SELECT timezone FROM tenants WHERE id = $1`, [tenantId])) as { timezone: string }[];
  const timezone = rows[0]!.timezone;
  return { timezone, today: localDate(now, timezone) };
}
