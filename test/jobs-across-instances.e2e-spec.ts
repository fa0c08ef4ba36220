import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SMTPServer } from 'smtp-server';
import { createEmployee } from './factories/employee.factory.js';
import { createTenant, type TenantFixture } from './factories/tenant.factory.js';
import { createUnit } from './factories/unit.factory.js';
import { createUser } from './factories/user.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';
import { freePort, startService, waitFor200, type ServiceProcess } from './utils/process.js';

/** Every job, at test speed: each ticks several times a second on both instances. */
const INTERVALS = '*=700,webhooks=300,playbooks=400';
const JOBS = ['anniversaries', 'checklist-reminders', 'playbooks', 'rate-limit-sweep', 'recognition-moments', 'survey-digest', 'survey-rounds', 'webhooks'];

interface Delivery {
  readonly id: string;
  readonly type: string;
}

interface TakenTick {
  readonly job: string;
  readonly tick: string;
  readonly instance: string;
}

/**
 * Two service processes on one database, with every job on and ticking fast; then a tenant gets
 * work of every kind due: pulse rounds to open, a round's reminders, checklist digests to e-mail,
 * playbook runs, anniversaries, manager digests and recognition nudges, rate-limit windows to
 * sweep, and every resulting event to post to a webhook. Each piece of work must happen exactly
 * once, and each tick of each job must run on one instance: the other's attempt at the same tick
 * is a no-op (it logs the tick it left, and `job_runs` shows who ran it).
 */
describe('scheduled jobs across two instances', () => {
  let t: TestApp;
  let tenant: TenantFixture;
  let hr: string;
  const services: ServiceProcess[] = [];
  const mails: { to: string[] }[] = [];
  const deliveries: Delivery[] = [];
  let smtp: SMTPServer;
  let receiver: Server;
  /** What the seeded world must produce, exactly. */
  const expected = { pulseSurveys: 2, employees: 0, reminded: 0, digests: 2, playbookRuns: 3, anniversaries: 3, managerDigests: 3, moments: 3, windows: 3 };
  const pulseSurveyIds: string[] = [];

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        stream.on('data', () => undefined);
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address) });
          callback();
        });
      },
    });
    const smtpPort = await new Promise<number>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve((smtp.server.address() as AddressInfo).port)));
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const event = JSON.parse(body) as Delivery;
        deliveries.push({ id: event.id, type: event.type });
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const mailEnv = { SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, SMTP_FROM: 'Tandem <tandem@example.com>' };

    t = await createTestApp(mailEnv);
    tenant = await createTenant(t);
    hr = tenant.bearer('hr_admin');
    const hook = await t.http
      .post('/api/v1/webhooks')
      .set('Authorization', hr)
      .send({ url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, eventTypes: ['*'] });
    expect(hook.status).toBe(201);
    for (let i = 0; i < 2; i++) {
      services.push(
        startService({
          PORT: String(await freePort()),
          DATABASE_URL: t.databaseUrl,
          JOBS_ENABLED: 'true',
          JOB_INTERVALS: INTERVALS,
          LOG_LEVEL: 'debug',
          RATE_LIMIT_PUBLIC_PER_MINUTE: '0',
          RATE_LIMIT_LOGIN_PER_MINUTE: '0',
          ...mailEnv,
        }),
      );
    }
    // Two services start (and migrate) at once: on a busy 2-core machine that can take a minute.
    await Promise.all(services.map((service) => waitFor200(`${service.baseUrl}/health/ready`, 120_000, service)));
  }, 180_000);

  afterAll(async () => {
    for (const service of services) {
      if (service.child.exitCode === null) service.child.kill('SIGKILL');
      await service.exited;
    }
    await t.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  /**
   * Work of every kind, due now, made while both instances are ticking: each piece may reach
   * either instance first, and both go for it.
   */
  async function seed(): Promise<void> {
    // Today in the tenant's time zone, for anniversaries: each team has one person starting two years ago today.
    const today: string = (await t.sql.query(`SELECT to_char((now() AT TIME ZONE timezone)::date, 'YYYY-MM-DD') AS d FROM tenants WHERE id = $1`, [tenant.id])).rows[0].d;
    const anniversary = `${Number(today.slice(0, 4)) - 2}${today.slice(4)}`.replace(/-02-29$/, '-02-28');
    // Everyone else started three years and two months ago: no anniversary or end of onboarding near today.
    const started = new Date(`${today}T00:00:00Z`);
    started.setUTCMonth(started.getUTCMonth() - 38, 1);
    const longAgo = started.toISOString().slice(0, 10);
    const onboarding = (await t.http.get('/api/v1/checklist-templates?kind=onboarding').set('Authorization', hr)).body.items[0] as { id: string };
    const movers: string[] = [];
    for (let team = 0; team < 3; team++) {
      const lead = await createEmployee(t, tenant, { stage: 'perform', startDate: longAgo });
      const unit = await createUnit(t, tenant, { name: `Team ${team}`, managerId: lead.id });
      await createEmployee(t, tenant, { stage: 'engage', unitId: unit.id, managerId: lead.id, startDate: anniversary });
      movers.push((await createEmployee(t, tenant, { stage: 'engage', unitId: unit.id, managerId: lead.id, startDate: longAgo })).id);
      if (team < 2) {
        // A hire whose onboarding tasks are overdue: their manager (a user) gets one digest e-mail.
        const user = await createUser(t, tenant, { role: 'manager' });
        await t.http.patch(`/api/v1/users/${user.id}`).set('Authorization', hr).send({ employeeId: lead.id }).expect(200);
        const hire = await createEmployee(t, tenant, { stage: 'onboard', unitId: unit.id, managerId: lead.id, startDate: longAgo });
        await t.http.post('/api/v1/checklists').set('Authorization', hr).send({ employeeId: hire.id, templateId: onboarding.id }).expect(201);
      }
    }
    // Three people move to perform after the playbook listens: three runs, three notifications.
    await t.http
      .post('/api/v1/playbooks')
      .set('Authorization', hr)
      .send({ name: 'Perform ping', triggerEvent: 'employee.stage_changed', triggerStage: 'perform', action: 'notify', params: { message: 'Well done' } })
      .expect(201);
    for (const id of movers) await t.http.post(`/api/v1/employees/${id}/transitions`).set('Authorization', hr).send({ to: 'perform' }).expect(201);

    const bank = (await t.http.get('/api/v1/survey-questions?limit=200').set('Authorization', hr)).body.items as { id: string; type: string }[];
    const questionIds = [bank.find((q) => q.type === 'enps')!.id, bank.find((q) => q.type === 'likert5')!.id];
    // Two pulses due now: each opens one round. An ad hoc round past half its window: one reminder per invitee.
    const startsAt = new Date(Date.now() - 60_000).toISOString();
    for (let i = 0; i < expected.pulseSurveys; i++) {
      const pulse = await t.http
        .post('/api/v1/surveys')
        .set('Authorization', hr)
        .send({ name: `Pulse ${i}`, kind: 'pulse', cadence: 'weekly', questionsPerRound: 1, startsAt, windowDays: 3, questionIds })
        .expect(201);
      pulseSurveyIds.push(pulse.body.id);
    }
    const adhoc = await t.http.post('/api/v1/surveys').set('Authorization', hr).send({ name: 'Ad hoc', kind: 'adhoc', questionIds, windowDays: 14 }).expect(201);
    const round = await t.http.post(`/api/v1/surveys/${adhoc.body.id}/rounds`).set('Authorization', hr).send().expect(201);
    expected.reminded = round.body.invited;
    await t.sql.query(`UPDATE survey_rounds SET opened_at = now() - (closes_at - now()) - interval '1 hour' WHERE tenant_id = $1 AND id = $2`, [tenant.id, round.body.id]);
    expected.employees = (await t.sql.query(`SELECT count(*)::int AS n FROM employees WHERE tenant_id = $1`, [tenant.id])).rows[0].n;
    expect(expected.reminded).toBe(expected.employees);

    // Rate-limit windows that ended long ago: the sweep deletes them, once.
    await t.sql.query(
      `INSERT INTO rate_limits (key, window_started_at, hits) SELECT 'public:test-' || g, now() - interval '1 hour', 1 FROM generate_series(1, $1) g`,
      [expected.windows],
    );
  }

  const count = async (sql: string, params: unknown[] = [tenant.id]): Promise<number> => (await t.sql.query(sql, params)).rows[0].n as number;
  const eventCount = (type: string) => count(`SELECT count(*)::int AS n FROM domain_events WHERE tenant_id = $1 AND type = $2`, [tenant.id, type]);

  /** Everything the seeded world should produce, as counted now. */
  async function workDone() {
    return {
      pulseRounds: await count(`SELECT count(*)::int AS n FROM survey_rounds WHERE tenant_id = $1 AND survey_id = ANY($2)`, [tenant.id, pulseSurveyIds]),
      reminders: await eventCount('survey.reminder'),
      digests: await count(`SELECT count(*)::int AS n FROM checklist_notifications WHERE tenant_id = $1 AND status = 'sent'`),
      playbookRuns: await count(`SELECT count(*)::int AS n FROM playbook_runs WHERE tenant_id = $1 AND status = 'done'`),
      anniversaries: await eventCount('employee.anniversary'),
      managerDigests: await eventCount('survey.digest'),
      moments: await eventCount('recognition.moments'),
      windows: expected.windows - (await count(`SELECT count(*)::int AS n FROM rate_limits WHERE key LIKE 'public:test-%'`, [])),
      undelivered: await count(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE tenant_id = $1 AND status <> 'delivered'`),
    };
  }

  it('does every piece of due work exactly once, and runs each tick on one instance', async () => {
    await seed();
    const target = {
      pulseRounds: expected.pulseSurveys,
      reminders: expected.reminded,
      digests: expected.digests,
      playbookRuns: expected.playbookRuns,
      anniversaries: expected.anniversaries,
      managerDigests: expected.managerDigests,
      moments: expected.moments,
      windows: expected.windows,
      undelivered: 0,
    };
    let done = await workDone();
    for (let i = 0; i < 240 && JSON.stringify(done) !== JSON.stringify(target); i++) {
      await new Promise((r) => setTimeout(r, 250));
      done = await workDone();
    }
    expect(done).toEqual(target);
    // Let both instances go on ticking over the finished work for a while: nothing more may happen.
    await new Promise((r) => setTimeout(r, 4000));
    for (const service of services) service.child.kill('SIGTERM');
    expect(await Promise.all(services.map((s) => s.exited))).toEqual([0, 0]);
    expect(await workDone()).toEqual(target);

    // Each piece of work once: rounds and their invitations, e-mails, notifications, one event per person.
    const invitations = await t.sql.query(
      `SELECT r.survey_id, count(*)::int AS n, count(DISTINCT i.employee_id)::int AS people
       FROM survey_rounds r JOIN survey_invitations i ON i.tenant_id = r.tenant_id AND i.round_id = r.id
       WHERE r.tenant_id = $1 AND r.survey_id = ANY($2) GROUP BY r.survey_id`,
      [tenant.id, pulseSurveyIds],
    );
    expect(invitations.rows.map((r) => [r.n, r.people])).toEqual(pulseSurveyIds.map(() => [expected.employees, expected.employees]));
    expect(mails).toHaveLength(expected.digests);
    expect(new Set(mails.map((m) => m.to.join())).size).toBe(expected.digests);
    expect(await count(`SELECT count(DISTINCT payload->>'path')::int AS n FROM domain_events WHERE tenant_id = $1 AND type = 'survey.reminder'`)).toBe(expected.reminded);
    expect(await count(`SELECT count(DISTINCT subject_id)::int AS n FROM domain_events WHERE tenant_id = $1 AND type = 'employee.anniversary'`)).toBe(expected.anniversaries);
    expect(await count(`SELECT count(DISTINCT payload->>'unitId')::int AS n FROM domain_events WHERE tenant_id = $1 AND type = 'survey.digest'`)).toBe(expected.managerDigests);
    expect(await count(`SELECT count(DISTINCT subject_id)::int AS n FROM domain_events WHERE tenant_id = $1 AND type = 'recognition.moments'`)).toBe(expected.moments);
    expect(await eventCount('playbook.notification')).toBe(expected.playbookRuns);
    expect(await eventCount('checklist.reminder')).toBe(expected.digests);

    // Every event the organisation recorded since subscribing was posted to the webhook once.
    const posted = new Map<string, number>();
    for (const delivery of deliveries) posted.set(delivery.id, (posted.get(delivery.id) ?? 0) + 1);
    expect([...posted.values()].filter((n) => n !== 1)).toEqual([]);
    const delivered = await count(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE tenant_id = $1`);
    expect(posted.size).toBe(delivered);
    for (const type of ['survey.reminder', 'checklist.reminder', 'playbook.notification', 'employee.anniversary', 'survey.digest', 'recognition.moments', 'survey.invited']) {
      expect([type, deliveries.filter((d) => d.type === type).length]).toEqual([type, await eventCount(type)]);
    }

    // The runs: every job ran, none failed or was left running.
    const runs = (
      await t.sql.query<{ job: string; tick: string; instance: string; outcome: string; work: unknown }>(
        `SELECT job, to_char(tick_started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS tick, instance, outcome, work FROM job_runs`,
      )
    ).rows;
    expect([...new Set(runs.map((r) => r.job))].sort()).toEqual(JOBS);
    expect(runs.filter((r) => r.outcome !== 'done')).toEqual([]);
    const instances = [...new Set(runs.map((r) => r.instance))];
    expect(instances.length).toBeLessThanOrEqual(2);
    // The work the runs report adds up to the work done: nothing was done outside a recorded run.
    const sum = (job: string, key?: string) =>
      runs.filter((r) => r.job === job).reduce((total, r) => total + Number(key ? (r.work as Record<string, number>)[key] : r.work), 0);
    expect(sum('survey-rounds', 'opened')).toBe(expected.pulseSurveys);
    expect(sum('survey-rounds', 'reminded')).toBe(expected.reminded);
    expect(sum('checklist-reminders', 'sent')).toBe(expected.digests);
    expect(sum('playbooks', 'ran')).toBe(expected.playbookRuns);
    expect(sum('anniversaries')).toBe(expected.anniversaries);
    expect(sum('survey-digest')).toBe(expected.managerDigests);
    expect(sum('recognition-moments')).toBe(expected.moments);
    expect(sum('rate-limit-sweep')).toBe(expected.windows);

    // Both instances went for the same ticks of every job: each tick one of them left had run
    // (once) on the other. (Which one wins depends on where each timer falls in the tick; an
    // instance may also meet its own tick again, when its timer fires twice within one tick.)
    const taken = services.flatMap((service) => takenTicks(service.output()));
    const ranBy = new Map(runs.map((r) => [`${r.job}@${r.tick}`, r.instance]));
    expect(taken.filter((left) => !ranBy.has(`${left.job}@${left.tick}`))).toEqual([]);
    const leftToOther = taken.filter((left) => ranBy.get(`${left.job}@${left.tick}`) !== left.instance);
    expect([...new Set(leftToOther.map((left) => left.job))].sort()).toEqual(JOBS);
    console.info(
      `jobs on two instances: ${runs.length} runs (${instances.map((i) => runs.filter((r) => r.instance === i).length).join(' + ')}), ` +
        `${leftToOther.length} ticks left to the other instance (${taken.length - leftToOther.length} met again by their own); work: ${JSON.stringify(done)}`,
    );
  }, 120_000);
});

/** The ticks an instance found already claimed, from its debug log lines. */
function takenTicks(output: string): TakenTick[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { msg?: string; job?: string; tick?: string; instance?: string })
    .filter((entry) => entry.msg === 'tick already claimed')
    .map((entry) => ({ job: entry.job!, tick: entry.tick!, instance: entry.instance! }));
}
