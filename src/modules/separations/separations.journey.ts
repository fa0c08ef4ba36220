import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { JourneyEventDto } from '#src/modules/employees/dto/employee.dto.js';
import { JourneySources } from '#src/modules/employees/journey-sources.js';

/** Separations on an employee's journey: recorded (with the type and last day), and withdrawn. Reasons stay in the separation. */
@Injectable()
export class SeparationsJourney implements OnModuleInit {
  constructor(private readonly sources: JourneySources) {}

  onModuleInit(): void {
    this.sources.register('separations', async (db, tenantId, employeeId) => {
      const rows = (await db.query(
        `SELECT id, type, to_char(last_working_day, 'YYYY-MM-DD') AS last_day, created_at, withdrawn_at FROM separations WHERE tenant_id = $1 AND employee_id = $2`,
        [tenantId, employeeId],
      )) as { id: string; type: string; last_day: string; created_at: Date; withdrawn_at: Date | null }[];
      return rows.flatMap((row): JourneyEventDto[] => [
        { type: 'separation_recorded', at: row.created_at.toISOString(), subjectId: row.id, label: `${row.type}, last day ${row.last_day}` },
        ...(row.withdrawn_at ? [{ type: 'separation_withdrawn' as const, at: row.withdrawn_at.toISOString(), subjectId: row.id, label: row.type }] : []),
      ]);
    });
  }
}
