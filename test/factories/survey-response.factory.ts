import { randomBytes, randomUUID } from 'node:crypto';
import type { TestApp } from '../utils/create-test-app.js';
import type { TenantFixture } from './tenant.factory.js';

/** A round of an ad-hoc survey asking eNPS, one growth and one engagement question, opened through the API. */
export interface PlantRound {
  readonly surveyId: string;
  readonly roundId: string;
  readonly questions: { readonly enps: string; readonly growth: string; readonly engagement: string };
}

/**
 * Opens a round through the API (the audience as it is: invitations for the tenant's employees).
 * `openedAt` moves its opening into the past, for responses dated before today.
 */
export async function openSurveyRound(t: TestApp, tenant: TenantFixture, openedAt?: string): Promise<PlantRound> {
  const hr = tenant.bearer('hr_admin');
  const bank = (await t.http.get('/api/v1/survey-questions?limit=200').set('Authorization', hr)).body.items as { id: string; type: string; driverKey: string | null }[];
  const questions = {
    enps: bank.find((q) => q.type === 'enps')!.id,
    growth: bank.find((q) => q.type === 'likert5' && q.driverKey === 'growth')!.id,
    engagement: bank.find((q) => q.type === 'likert5' && q.driverKey === 'engagement')!.id,
  };
  const survey = await t.http.post('/api/v1/surveys').set('Authorization', hr).send({ name: 'Pulse', kind: 'adhoc', questionIds: Object.values(questions) });
  if (survey.status !== 201) throw new Error(`survey: ${survey.status} ${JSON.stringify(survey.body)}`);
  const round = await t.http.post(`/api/v1/surveys/${survey.body.id}/rounds`).set('Authorization', hr).send();
  if (round.status !== 201) throw new Error(`round: ${round.status} ${JSON.stringify(round.body)}`);
  if (openedAt) await t.sql.query(`UPDATE survey_rounds SET opened_at = $3 WHERE tenant_id = $1 AND id = $2`, [tenant.id, round.body.id, openedAt]);
  return { surveyId: survey.body.id, roundId: round.body.id, questions };
}

/**
 * Stores anonymous responses as the apply step of a submission does (response with its segment
 * unit and day, and its answers), dated `submittedOn`: answering through a link can only date a
 * response today, and linkage reports read months of them.
 */
export async function plantResponses(
  t: TestApp,
  tenant: TenantFixture,
  round: PlantRound,
  unitId: string,
  submittedOn: string,
  responses: readonly { enps?: number; growth?: number; engagement?: number }[],
): Promise<void> {
  for (const answers of responses) {
    const id = randomUUID();
    await t.sql.query(
      `INSERT INTO survey_responses (tenant_id, id, round_id, submitted_on, unit_id, locale, reply_key_hash) VALUES ($1, $2, $3, $4, $5, 'en', $6)`,
      [tenant.id, id, round.roundId, submittedOn, unitId, randomBytes(32).toString('hex')],
    );
    for (const [key, value] of Object.entries(answers)) {
      await t.sql.query(`INSERT INTO survey_answers (tenant_id, response_id, question_id, value) VALUES ($1, $2, $3, $4)`, [
        tenant.id,
        id,
        round.questions[key as keyof PlantRound['questions']],
        value,
      ]);
    }
  }
}
