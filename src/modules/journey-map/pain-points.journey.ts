import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JourneySources } from '#src/modules/employees/journey-sources.js';

/** The pain points an employee reported by name (anonymous ones are nobody's), with the touchpoint. */
@Injectable()
export class PainPointsJourney implements OnModuleInit {
  constructor(private readonly sources: JourneySources) {}

  onModuleInit(): void {
    this.sources.register('pain-points', async (db, tenantId, employeeId) => {
      const rows = (await db.query(
        `SELECT p.id, t.name, (SELECT min(e.created_at) FROM pain_point_events e WHERE e.tenant_id = p.tenant_id AND e.pain_point_id = p.id) AS at
         FROM pain_points p
         JOIN users u ON u.tenant_id = p.tenant_id AND u.id = p.reporter_user_id
         JOIN journey_touchpoints t ON t.tenant_id = p.tenant_id AND t.id = p.touchpoint_id
         WHERE p.tenant_id = $1 AND u.employee_id = $2 AND p.source = 'employee'`,
        [tenantId, employeeId],
      )) as { id: string; name: string; at: Date }[];
      return rows.map((row) => ({ type: 'pain_point_reported' as const, at: row.at.toISOString(), subjectId: row.id, label: row.name }));
    });
  }
}
