import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { WebhookDispatcher, MAX_DELIVERY_ATTEMPTS } from '#src/modules/webhooks/webhook-dispatcher.js';
import { verifyWebhook } from '#src/modules/webhooks/webhook-signature.js';
import { createEmployee } from './factories/employee.factory.js';
import { createTenant, type TenantFixture } from './factories/tenant.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A real HTTP receiver on loopback that answers with the statuses it is told to. */
class Receiver {
  readonly received: Received[] = [];
  statuses: number[] = [];
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        this.received.push({ headers: req.headers, body });
        res.statusCode = this.statuses.shift() ?? 200;
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  events(): { type: string; subjectId: string; payload: Record<string, unknown> }[] {
    return this.received.map((r) => JSON.parse(r.body));
  }
}

describe('outbound webhooks', () => {
  let t: TestApp;
  let tenant: TenantFixture;
  let receiver: Receiver;
  let dispatcher: WebhookDispatcher;

  beforeAll(async () => {
    t = await createTestApp();
    dispatcher = t.app.get(WebhookDispatcher);
  });
  beforeEach(async () => {
    tenant = await createTenant(t);
    receiver = new Receiver();
    await receiver.start();
  });
  afterEach(() => receiver.stop());
  afterAll(() => t.close());

  /**
   * Dispatches until `done()` holds. The outbox is read up to the snapshot xmin, which is
   * cluster-wide: a transaction still open in another test file's database can hold it back for a
   * moment (it delays events, never drops them).
   */
  const dispatchUntil = async (done: () => boolean) => {
    for (let i = 0; i < 100 && !done(); i++) {
      await dispatcher.tick();
      if (!done()) await new Promise((r) => setTimeout(r, 50));
    }
    expect(done()).toBe(true);
  };

  const subscribe = async (eventTypes: string[] = ['*'], as: TenantFixture = tenant) => {
    const response = await t.http.post('/api/v1/webhooks').set('Authorization', as.bearer('hr_admin')).send({ url: receiver.url, eventTypes });
    expect(response.status).toBe(201);
    return response.body as { id: string; secret: string };
  };
  const deliveries = async (id: string) =>
    (await t.http.get(`/api/v1/webhooks/${id}/deliveries?limit=200`).set('Authorization', tenant.bearer('hr_admin'))).body.items as {
      id: string;
      status: string;
      attempts: number;
      lastStatusCode: number | null;
    }[];

  it('delivers each new event once, signed, and records it in the log', async () => {
    const before = await createEmployee(t, tenant, { stage: 'engage' });
    const hook = await subscribe(['employee.hired', 'employee.stage_changed']);
    expect(hook.secret).toMatch(/^whsec_/);
    const hired = await createEmployee(t, tenant, { stage: 'hire' });

    await dispatchUntil(() => receiver.received.length >= 2);
    expect(receiver.events().map((e) => [e.type, e.subjectId])).toEqual([
      ['employee.stage_changed', hired.id],
      ['employee.hired', hired.id],
    ]);
    expect(receiver.events().some((e) => e.subjectId === before.id)).toBe(false);
    for (const request of receiver.received) {
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers['x-tandem-event']).toMatch(/^employee\./);
      expect(verifyWebhook(hook.secret, request.body, String(request.headers['x-tandem-signature']))).toBe(true);
      expect(verifyWebhook('whsec_wrong', request.body, String(request.headers['x-tandem-signature']))).toBe(false);
    }

    await dispatcher.tick();
    await dispatcher.tick();
    expect(receiver.received).toHaveLength(2);
    const log = await deliveries(hook.id);
    expect(log.map((d) => [d.status, d.attempts, d.lastStatusCode])).toEqual([
      ['delivered', 1, 200],
      ['delivered', 1, 200],
    ]);
    const list = await t.http.get('/api/v1/webhooks').set('Authorization', tenant.bearer('hr_admin'));
    expect(JSON.stringify(list.body)).not.toContain(hook.secret);
  });

  it('retries a failed delivery with backoff until it succeeds, then never again', async () => {
    const hook = await subscribe(['employee.stage_changed']);
    receiver.statuses = [500];
    await createEmployee(t, tenant, { stage: 'engage' });

    await dispatchUntil(() => receiver.received.length >= 1);
    let [delivery] = await deliveries(hook.id);
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 500 });
    const due = await t.sql.query('SELECT next_attempt_at - now() > interval \'20 seconds\' AS later FROM webhook_deliveries WHERE id = $1', [delivery!.id]);
    expect(due.rows[0].later).toBe(true);

    await dispatcher.tick(); // not due yet
    expect(receiver.received).toHaveLength(1);

    await t.sql.query('UPDATE webhook_deliveries SET next_attempt_at = now() WHERE id = $1', [delivery!.id]);
    await dispatcher.tick();
    [delivery] = await deliveries(hook.id);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 2, lastStatusCode: 200 });
    await t.sql.query('UPDATE webhook_deliveries SET next_attempt_at = now() WHERE id = $1', [delivery!.id]);
    await dispatcher.tick();
    expect(receiver.received).toHaveLength(2);
  });

  it('gives up after the last attempt, and a retry makes it due again', async () => {
    const hook = await subscribe(['employee.stage_changed']);
    await createEmployee(t, tenant, { stage: 'engage' });
    receiver.statuses = Array(MAX_DELIVERY_ATTEMPTS).fill(503);
    await dispatchUntil(() => receiver.received.length >= 1);
    for (let i = 1; i < MAX_DELIVERY_ATTEMPTS; i++) {
      await t.sql.query(`UPDATE webhook_deliveries SET next_attempt_at = now() WHERE tenant_id = $1`, [tenant.id]);
      await dispatcher.tick();
    }
    let [delivery] = await deliveries(hook.id);
    expect(delivery).toMatchObject({ status: 'failed', attempts: MAX_DELIVERY_ATTEMPTS });

    const retried = await t.http.post(`/api/v1/webhooks/${hook.id}/deliveries/${delivery!.id}/retry`).set('Authorization', tenant.bearer('hr_admin'));
    expect(retried.body).toMatchObject({ status: 'pending', attempts: 0 });
    await dispatcher.tick();
    [delivery] = await deliveries(hook.id);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 1 });
  });

  it('sends exactly once when several instances dispatch at the same time', async () => {
    await subscribe(['employee.stage_changed']);
    for (let i = 0; i < 6; i++) await createEmployee(t, tenant, { stage: 'engage' });
    await Promise.all([dispatcher.tick(), dispatcher.tick(), dispatcher.tick()]);
    await dispatchUntil(() => receiver.received.length >= 6);
    await Promise.all([dispatcher.tick(), dispatcher.tick()]);
    expect(receiver.received).toHaveLength(6);
    expect(new Set(receiver.received.map((r) => r.headers['x-tandem-delivery'])).size).toBe(6);
  });

  it('loses no event of a transaction that commits after a later one was already dispatched', async () => {
    await subscribe(['test.late']);
    const slow = new pg.Client({ connectionString: t.databaseUrl });
    await slow.connect();
    try {
      await slow.query('BEGIN');
      await slow.query(
        `INSERT INTO domain_events (tenant_id, xact_id, type, subject_id, payload, occurred_at)
         VALUES ($1, pg_current_xact_id()::text::bigint, 'test.late', gen_random_uuid(), '{"n":1}', now())`,
        [tenant.id],
      );
      await t.sql.query(
        `INSERT INTO domain_events (tenant_id, xact_id, type, subject_id, payload, occurred_at)
         VALUES ($1, pg_current_xact_id()::text::bigint, 'test.late', gen_random_uuid(), '{"n":2}', now())`,
        [tenant.id],
      );
      await dispatcher.tick();
      // The later transaction committed, but an older one is still open: nothing is dispatched past it.
      expect(receiver.received).toHaveLength(0);
      await slow.query('COMMIT');
    } finally {
      await slow.end();
    }
    await dispatchUntil(() => receiver.received.length >= 2);
    expect(receiver.events().map((e) => e.payload.n).sort()).toEqual([1, 2]);
  });

  it('sends a new subscription only the events committed after it, even while the xmin lags', async () => {
    const holder = new pg.Client({ connectionString: t.databaseUrl });
    await holder.connect();
    try {
      // An open transaction with an xid keeps the snapshot xmin below everything that follows.
      await holder.query('BEGIN');
      await holder.query('SELECT pg_current_xact_id()');
      const before = await createEmployee(t, tenant, { stage: 'engage' });
      await subscribe(['employee.stage_changed']);
      const after = await createEmployee(t, tenant, { stage: 'engage' });
      await holder.query('COMMIT');
      await dispatchUntil(() => receiver.received.length >= 1);
      await dispatcher.tick();
      expect(receiver.events().map((e) => e.subjectId)).toEqual([after.id]);
      expect(receiver.events().some((e) => e.subjectId === before.id)).toBe(false);
    } finally {
      await holder.end();
    }
  });

  it('holds deliveries while paused and sends them on resume', async () => {
    const hook = await subscribe();
    await t.http.patch(`/api/v1/webhooks/${hook.id}`).set('Authorization', tenant.bearer('hr_admin')).send({ active: false });
    await createEmployee(t, tenant, { stage: 'engage' });
    await dispatcher.tick();
    expect(receiver.received).toHaveLength(0);
    await t.http.patch(`/api/v1/webhooks/${hook.id}`).set('Authorization', tenant.bearer('hr_admin')).send({ active: true });
    await dispatchUntil(() => receiver.received.length >= 1);
    expect(receiver.received).toHaveLength(1);
  });

  it('never sends one tenant’s events to another tenant’s subscription, nor shows it', async () => {
    const hook = await subscribe();
    const other = await createTenant(t);
    await createEmployee(t, other, { stage: 'engage' });
    await dispatcher.tick();
    expect(receiver.received).toHaveLength(0);
    for (const request of [
      t.http.get(`/api/v1/webhooks/${hook.id}`),
      t.http.get(`/api/v1/webhooks/${hook.id}/deliveries`),
      t.http.patch(`/api/v1/webhooks/${hook.id}`).send({ active: false }),
      t.http.delete(`/api/v1/webhooks/${hook.id}`),
    ]) {
      expect((await request.set('Authorization', other.bearer('hr_admin'))).status).toBe(404);
    }
  });

  it.each([
    [{ url: 'ftp://example.com/x', eventTypes: ['*'] }, 'url'],
    [{ url: 'not a url', eventTypes: ['*'] }, 'url'],
    [{ url: 'https://example.com/x', eventTypes: [] }, 'eventTypes'],
    [{ url: 'https://example.com/x', eventTypes: ['DROP TABLE'] }, 'eventTypes'],
  ])('refuses %j', async (body, field) => {
    const response = await t.http.post('/api/v1/webhooks').set('Authorization', tenant.bearer('hr_admin')).send(body);
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });
});
