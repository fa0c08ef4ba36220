import { Injectable } from '@nestjs/common';
import type { Queryable } from '#src/modules/tenancy/tenant-calendar.js';
import type { JourneyEventDto } from './dto/employee.dto.js';

/** Reads one kind of moment of an employee's journey (checklists, survey invitations, a separation…). */
export type JourneySource = (db: Queryable, tenantId: string, employeeId: string) => Promise<JourneyEventDto[]>;

/**
 * The sources `GET /employees/{id}/journey` draws its timeline from, besides stage moves and
 * assignments. Capabilities register theirs when their module starts, so the employees module
 * knows none of them (the same pattern as playbook actions and tenant setup steps).
 */
@Injectable()
export class JourneySources {
  private readonly sources = new Map<string, JourneySource>();

  register(name: string, source: JourneySource): void {
    if (this.sources.has(name)) throw new Error(`Journey source ${name} is registered twice`);
    this.sources.set(name, source);
  }

  async read(db: Queryable, tenantId: string, employeeId: string): Promise<JourneyEventDto[]> {
    const parts = await Promise.all([...this.sources.values()].map((source) => source(db, tenantId, employeeId)));
    return parts.flat();
  }
}
