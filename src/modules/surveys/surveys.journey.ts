import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JourneySources } from '#src/modules/employees/journey-sources.js';

/**
 * Survey invitations on an employee's journey: which survey asked them, when. Never whether they
 * answered (an invitation's answered date stays out) nor what: responses are not tied to anyone.
 */
@Injectable()
export class SurveysJourney implements OnModuleInit {
  constructor(private readonly sources: JourneySources) {}

  onModuleInit(): void {
    this.sources.register('survey-invitations', async (db, tenantId, employeeId) => {
      const rows = (await db.query(
        `SELECT s.id, s.name, r.number, i.created_at
         FROM survey_invitations i
         JOIN survey_rounds r ON r.tenant_id = i.tenant_id AND r.id = i.round_id
         JOIN surveys s ON s.tenant_id = r.tenant_id AND s.id = r.survey_id
         WHERE i.tenant_id = $1 AND i.employee_id = $2`,
        [tenantId, employeeId],
      )) as { id: string; name: string; number: number; created_at: Date }[];
      return rows.map((row) => ({ type: 'survey_invited' as const, at: row.created_at.toISOString(), subjectId: row.id, label: `${row.name}, round ${row.number}` }));
    });
  }
}
