import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SMTPServer } from 'smtp-server';
import { createApp } from '#src/app.setup.js';
import { loadConfig } from '#src/config/app-config.js';
import { ChecklistRemindersJob } from '#src/modules/checklists/checklist-reminders.job.js';
import { WebhookDispatcher } from '#src/modules/webhooks/webhook-dispatcher.js';
import { SIGNATURE_HEADER, verifyWebhook } from '#src/modules/webhooks/webhook-signature.js';
import { createEmployee } from './factories/employee.factory.js';
import { createTenant, type TenantFixture } from './factories/tenant.factory.js';
import { createUser } from './factories/user.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

/** A real SMTP server on loopback that keeps every message it accepts. */
function mailServer(received: { to: string[]; data: string }[] = []): { server: SMTPServer; received: { to: string[]; data: string }[] } {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
        callback();
      });
    },
  });
  return { server, received };
}

const listen = (server: SMTPServer, port = 0) => new Promise<number>((resolve) => server.listen(port, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port)));
const close = (server: SMTPServer) => new Promise<void>((resolve) => server.close(() => resolve()));

describe('checklist reminders', () => {
  let t: TestApp;
  let second: NestFastifyApplication;
  let mail: ReturnType<typeof mailServer>;
  let port: number;
  let tenant: TenantFixture;
  let leadEmail: string;

  beforeAll(async () => {
    mail = mailServer();
    port = await listen(mail.server);
    const env = { SMTP_URL: `smtp://127.0.0.1:${port}`, SMTP_FROM: 'Tandem <tandem@example.com>' };
    t = await createTestApp(env);
    // A second instance on the same database: reminders must still go out once.
    second = await createApp(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', JOBS_ENABLED: 'false', ...env }), t.databaseUrl);
    await second.init();

    tenant = await createTenant(t);
    const hr = tenant.bearer('hr_admin');
    const lead = await createEmployee(t, tenant, { stage: 'engage' });
    const user = await createUser(t, tenant, { role: 'manager' });
    leadEmail = user.email;
    await t.http.patch(`/api/v1/users/${user.id}`).set('Authorization', hr).send({ employeeId: lead.id }).expect(200);
    const onboarding = (await t.http.get('/api/v1/checklist-templates?kind=onboarding').set('Authorization', hr)).body.items[0];
    const hire = await createEmployee(t, tenant, { stage: 'onboard', startDate: '2020-01-06', managerId: lead.id });
    await t.http.post('/api/v1/checklists').set('Authorization', hr).send({ employeeId: hire.id, templateId: onboarding.id }).expect(201);
  });
  afterAll(async () => {
    await second.close();
    await t.close();
    await close(mail.server);
  });

  const rows = async () =>
    (await t.sql.query(`SELECT day, status, attempts, last_error FROM checklist_notifications WHERE tenant_id = $1 ORDER BY day`, [tenant.id])).rows;

  it('e-mails each assignee one digest a day over real SMTP, even with two instances at once, and posts it to a signed webhook', async () => {
    // A webhook receiver on loopback, subscribed to reminders before they are made.
    const posts: { headers: IncomingHttpHeaders; body: string }[] = [];
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        posts.push({ headers: req.headers, body });
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const hook = await t.http
      .post('/api/v1/webhooks')
      .set('Authorization', tenant.bearer('hr_admin'))
      .send({ url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, eventTypes: ['checklist.reminder'] });
    expect(hook.status).toBe(201);

    const now = new Date();
    const jobs = [t.app.get(ChecklistRemindersJob), second.get(ChecklistRemindersJob)];
    const results = await Promise.all([jobs[0]!.tick(now), jobs[1]!.tick(now), jobs[0]!.tick(now)]);
    expect(results.reduce((sum, r) => sum + r.prepared, 0)).toBe(1);
    expect(results.reduce((sum, r) => sum + r.sent, 0)).toBe(1);
    expect(mail.received).toHaveLength(1);
    expect(mail.received[0]!.to).toEqual([leadEmail]);
    expect(mail.received[0]!.data).toContain('Welcome on day one and introduce the team');
    expect(mail.received[0]!.data).toContain('overdue');

    await jobs[1]!.tick(now);
    expect(mail.received).toHaveLength(1);
    const events = await t.sql.query(`SELECT payload FROM domain_events WHERE tenant_id = $1 AND type = 'checklist.reminder'`, [tenant.id]);
    expect(events.rows).toHaveLength(1);
    expect(events.rows[0].payload.tasks.length).toBe(6);

    const dispatcher = t.app.get(WebhookDispatcher);
    for (let i = 0; i < 100 && posts.length === 0; i++) {
      await dispatcher.tick();
      if (posts.length === 0) await new Promise((r) => setTimeout(r, 50));
    }
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
    expect(posts).toHaveLength(1);
    expect(JSON.parse(posts[0]!.body)).toMatchObject({ type: 'checklist.reminder' });
    expect(verifyWebhook(hook.body.secret, posts[0]!.body, String(posts[0]!.headers[SIGNATURE_HEADER]))).toBe(true);
  });

  it('keeps a digest the mail server refused and sends it later, with backoff', async () => {
    const tomorrow = new Date(Date.now() + 86_400_000);
    await close(mail.server);
    const job = t.app.get(ChecklistRemindersJob);
    expect(await job.tick(tomorrow)).toMatchObject({ prepared: 1, sent: 0, failed: 1 });
    const [, failing] = await rows();
    expect(failing).toMatchObject({ status: 'pending', attempts: 1 });
    expect(failing.last_error).toBeTruthy();

    mail = mailServer(mail.received);
    await listen(mail.server, port);
    expect(await job.tick(tomorrow)).toMatchObject({ sent: 0, failed: 0 }); // not yet: it waits a minute
    expect(await job.tick(new Date(tomorrow.getTime() + 61_000))).toMatchObject({ prepared: 0, sent: 1 });
    expect(mail.received).toHaveLength(2);
    const outbox = (await t.http.get('/api/v1/checklist-notifications').set('Authorization', tenant.bearer('hr_admin'))).body.items;
    expect(outbox.map((n: { status: string; attempts: number; lastError: string | null }) => [n.status, n.attempts, n.lastError])).toEqual([
      ['sent', 2, null],
      ['sent', 1, null],
    ]);
    expect((await rows()).map((r) => [r.status, r.attempts])).toEqual([
      ['sent', 1],
      ['sent', 2],
    ]);
  });
});
