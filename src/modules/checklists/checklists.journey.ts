import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { JourneyEventDto } from '#src/modules/employees/dto/employee.dto.js';
import { JourneySources } from '#src/modules/employees/journey-sources.js';

/** An employee's checklists on their journey: started, and completed. */
@Injectable()
export class ChecklistsJourney implements OnModuleInit {
  constructor(private readonly sources: JourneySources) {}

  onModuleInit(): void {
    this.sources.register('checklists', async (db, tenantId, employeeId) => {
      const rows = (await db.query(
        `SELECT c.id, c.created_at, c.completed_at, c.status, t.name
         FROM checklists c JOIN checklist_templates t ON t.tenant_id = c.tenant_id AND t.id = c.template_id
         WHERE c.tenant_id = $1 AND c.employee_id = $2`,
        [tenantId, employeeId],
      )) as { id: string; created_at: Date; completed_at: Date | null; status: string; name: string }[];
      return rows.flatMap((row): JourneyEventDto[] => [
        { type: 'checklist_started', at: row.created_at.toISOString(), subjectId: row.id, label: row.name },
        ...(row.status === 'completed' && row.completed_at
          ? [{ type: 'checklist_completed' as const, at: row.completed_at.toISOString(), subjectId: row.id, label: row.name }]
          : []),
      ]);
    });
  }
}
