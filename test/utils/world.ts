import { randomUUID } from 'node:crypto';
import { WebhookDispatcher } from '#src/modules/webhooks/webhook-dispatcher.js';
import { createEmployee } from '../factories/employee.factory.js';
import { createTenant, type TenantFixture } from '../factories/tenant.factory.js';
import { createUnit } from '../factories/unit.factory.js';
import { createUser } from '../factories/user.factory.js';
import type { TestApp } from './create-test-app.js';

/**
 * A tenant holding one of every kind of resource a path can name, made through the API, with the
 * real id for each path parameter. The fuzz and cross-tenant suites address routes with it.
 */
export interface World {
  readonly tenant: TenantFixture;
  /** Real ids (and keys) by what they name: `users`, `surveys`, `roundId`, `commentId`, … */
  readonly ids: Readonly<Record<string, string>>;
  /** A survey link and an exit-interview link of the tenant. */
  readonly tokens: { readonly survey: string; readonly exit: string };
  /** A route template (`/api/v1/surveys/:id/rounds/:roundId/close`) with this world's real ids. */
  path(template: string): string;
}

/** Builds the world through the API (and the factories); throws naming the step that failed. */
export async function createWorld(t: TestApp): Promise<World> {
  const tenant = await createTenant(t, { anonymityThreshold: 3, commentThreshold: 3 });
  const hr = tenant.bearer('hr_admin');
  const call = async (method: 'get' | 'post' | 'patch' | 'put', path: string, body?: unknown, expected = [200, 201]) => {
    const response = await t.http[method](path).set('Authorization', hr).send(body as object);
    if (!expected.includes(response.status)) throw new Error(`world: ${method.toUpperCase()} ${path} → ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };

  const unit = await createUnit(t, tenant, { name: 'World unit' });
  const people = [];
  for (let i = 0; i < 4; i++) people.push(await createEmployee(t, tenant, { unitId: unit.id, stage: 'engage', startDate: '2020-01-01', location: 'Lyon' }));
  const lead = people[0]!;
  await call('patch', `/api/v1/units/${unit.id}`, { managerId: lead.id });
  const user = await createUser(t, tenant, { role: 'manager' });
  await call('patch', `/api/v1/users/${user.id}`, { employeeId: lead.id });
  const apiKey = await call('post', '/api/v1/api-keys', { label: 'world', role: 'employee' });
  const webhook = await call('post', '/api/v1/webhooks', { url: 'http://127.0.0.1:9/world', eventTypes: ['*'] });
  // One delivery to address: the dispatcher fans the employees' events out to the subscription.
  await t.app.get(WebhookDispatcher).tick();
  const delivery = await t.sql.query(`SELECT id FROM webhook_deliveries WHERE tenant_id = $1 LIMIT 1`, [tenant.id]);

  const templates = (await call('get', '/api/v1/checklist-templates')).items as { id: string; kind: string; tasks: { key: string }[] }[];
  const onboarding = templates.find((x) => x.kind === 'onboarding')!;
  const playbook = await call('post', '/api/v1/playbooks', {
    name: 'World ping',
    triggerEvent: 'employee.stage_changed',
    triggerStage: 'perform',
    action: 'notify',
    params: { message: 'Hello' },
  });
  const hire = await createEmployee(t, tenant, { unitId: unit.id, stage: 'onboard', startDate: '2030-01-01', managerId: lead.id });
  const checklist = await call('post', '/api/v1/checklists', { employeeId: hire.id, templateId: onboarding.id });

  const bank = (await call('get', '/api/v1/survey-questions?limit=200')).items as { id: string; type: string }[];
  const enps = bank.find((q) => q.type === 'enps')!.id;
  const text = bank.find((q) => q.type === 'text')!.id;
  const survey = await call('post', '/api/v1/surveys', { name: 'World pulse', kind: 'adhoc', questionIds: [enps, text] });
  const round = await call('post', `/api/v1/surveys/${survey.id}/rounds`);
  const invitations = (await call('get', `/api/v1/surveys/${survey.id}/rounds/${round.id}/invitations?limit=200`)).items as { token: string }[];
  // Three answers with a comment each (k = 3), and one link left unanswered.
  for (const invitation of invitations.slice(0, 3)) {
    const answered = await t.http
      .post(`/api/v1/responses/${invitation.token}`)
      .send({ submissionId: randomUUID(), answers: [{ questionId: enps, value: 9 }, { questionId: text, text: 'More pairing, please.' }] });
    if (answered.status !== 201) throw new Error(`world: answer → ${answered.status} ${JSON.stringify(answered.body)}`);
  }
  const comment = await t.sql.query(`SELECT id FROM survey_comments WHERE tenant_id = $1 LIMIT 1`, [tenant.id]);
  const action = await call('post', '/api/v1/survey-actions', { surveyId: survey.id, unitId: unit.id, driverKey: 'engagement', title: 'World action' });
  const watchTerm = await call('post', '/api/v1/survey-watch-terms', { category: 'safety', locale: 'en', term: `world ${randomUUID().slice(0, 8)}` });

  const touchpoint = await call('post', '/api/v1/journey-map/touchpoints', { stage: 'onboard', name: 'World lunch', channel: 'in_person', dayOffset: 5 });
  const link = await call('post', `/api/v1/journey-map/touchpoints/${touchpoint.id}/links`, {
    kind: 'checklist_task',
    templateId: onboarding.id,
    taskKey: onboarding.tasks[0]!.key,
  });
  const painPoint = await call('post', '/api/v1/pain-points', { touchpointId: touchpoint.id, description: 'World friction', severity: 3 });

  const leaver = await createEmployee(t, tenant, { unitId: unit.id, stage: 'perform', startDate: '2021-01-01' });
  const today = new Date().toISOString().slice(0, 10);
  const lastDay = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const separation = await call('post', '/api/v1/separations', {
    employeeId: leaver.id,
    noticeDate: today,
    lastWorkingDay: lastDay,
    type: 'voluntary',
    primaryReason: 'career_growth',
    startOffboarding: false,
  });

  const recognition = await call('post', '/api/v1/recognitions', { recipientIds: [people[1]!.id], message: 'World thanks' });
  const voice = await call('post', '/api/v1/voice', { kind: 'concern', text: 'World voice', unitId: unit.id });
  const segment = await call('post', '/api/v1/segments', { name: 'World segment', filters: { unitIds: [unit.id], locations: ['Lyon'] } });

  const ids: Record<string, string> = {
    users: user.id,
    'api-keys': apiKey.id,
    units: unit.id,
    employees: people[1]!.id,
    webhooks: webhook.id,
    deliveryId: delivery.rows[0]?.id ?? randomUUID(),
    playbooks: playbook.id,
    'survey-drivers': 'career_growth',
    'separation-reasons': 'career_growth',
    'survey-questions': text,
    surveys: survey.id,
    roundId: round.id,
    commentId: comment.rows[0]!.id,
    'survey-actions': action.id,
    'survey-watch-terms': watchTerm.id,
    'checklist-templates': onboarding.id,
    checklists: checklist.id,
    tasks: (checklist.tasks as { id: string }[])[0]!.id,
    'journey-map': touchpoint.id,
    linkId: link.id,
    'pain-points': painPoint.id,
    separations: separation.id,
    'exit-interviews': separation.exitInterview.id,
    recognitions: recognition.id,
    voice: voice.id,
    segments: segment.id,
    reports: unit.id,
    stage: 'onboard',
  };
  const tokens = { survey: invitations.at(-1)!.token, exit: String(separation.exitInterview.link).split('/').at(-1)! };
  return {
    tenant,
    ids,
    tokens,
    path: (template) => fillPath(template, ids, tokens),
  };
}

/** Puts real ids into a route template; the id of `:id` (and `:key`) depends on the resource named before it. */
export function fillPath(template: string, ids: Readonly<Record<string, string>>, tokens: World['tokens']): string {
  const segments = template.split('/');
  const resource = template.startsWith('/app/') ? (segments[2] === 'checklists' ? 'checklists' : 'tasks') : segments[3]!;
  return segments
    .map((segment) => {
      if (!segment.startsWith(':')) return segment;
      const name = segment.slice(1);
      if (name === 'id' || name === 'key') return ids[resource] ?? randomUUID();
      if (name === 'token') return resource === 'exit-responses' ? tokens.exit : tokens.survey;
      if (name === 'code') return 'common.not_found';
      if (name === 'name') return 'app.css';
      return ids[name] ?? randomUUID();
    })
    .join('/');
}
