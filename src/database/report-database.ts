import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Queryable } from '#src/modules/tenancy/tenant-calendar.js';

/**
 * Where reports read: a read replica when `DATABASE_REPLICA_URLS` names any (TypeORM picks one at
 * random per query), the primary otherwise. Only read-only, lag-tolerant queries belong here: a
 * replica may be a moment behind the primary, so code that reads what it has just written, or
 * reads in order to write, uses the DataSource (the primary) as before.
 *
 * A replica that cannot be reached does not take reports down: the query goes to the primary and
 * the fall-back is logged.
 */
@Injectable()
export class ReportDatabase implements Queryable {
  private readonly logger = new Logger(ReportDatabase.name);

  /** The primary: for what a report must never read behind (its scope, see report-scope.ts). */
  constructor(readonly primary: DataSource) {}

  async query<T = any>(sql: string, parameters?: unknown[]): Promise<T> {
    const runner = this.primary.createQueryRunner('slave');
    try {
      try {
        await runner.connect();
      } catch (error) {
        this.logger.warn(`A read replica cannot be reached, reading from the primary: ${error instanceof Error ? error.message : String(error)}`);
        return (await this.primary.query(sql, parameters)) as T;
      }
      return (await runner.query(sql, parameters)) as T;
    } finally {
      await runner.release();
    }
  }
}
