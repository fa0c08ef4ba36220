import { createTenant, type TenantFixture } from './factories/tenant.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

describe('POST /api/v1/employees/import (CSV)', () => {
  let t: TestApp;
  let tenant: TenantFixture;

  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    tenant = await createTenant(t);
  });
  afterAll(() => t.close());

  const upload = (csv: string, query = '', contentType = 'text/csv') =>
    t.http
      .post(`/api/v1/employees/import${query}`)
      .set('Authorization', tenant.bearer('integration'))
      .set('Content-Type', contentType)
      .send(csv);
  const employees = async () =>
    (await t.sql.query('SELECT external_id, first_name, last_name, stage, job_title FROM employees WHERE tenant_id = $1 ORDER BY external_id', [tenant.id])).rows;

  const FILE = [
    '\uFEFFexternalId,firstName,lastName,stage,jobTitle,managerExternalId,startDate',
    'A1,Ada,Lovelace,engage,"Engineer, senior",,2024-01-15',
    'A2,Bob,Builder,promoted,Builder,A1,2024-02-01',
    '',
    'A3,Cy,"Quote ""The"" Man",hire,,A1,2024-13-01',
    'A4,Di,Ok,onboard,Analyst,A1,',
  ].join('\n');

  it('imports valid rows and answers the others with their line and column', async () => {
    const response = await upload(FILE);
    expect(response.status).toBe(200);
    expect(response.body.summary).toEqual({ created: 2, departed: 0, updated: 0, unchanged: 0, errors: 2 });
    expect(response.body.results.map((r: { line: number; externalId: string; status: string; errors?: { field: string }[] }) => [r.line, r.externalId, r.status, r.errors?.map((e) => e.field)])).toEqual([
      [2, 'A1', 'created', undefined],
      [3, 'A2', 'error', ['stage']],
      [5, 'A3', 'error', ['startDate']],
      [6, 'A4', 'created', undefined],
    ]);
    expect(await employees()).toEqual([
      { external_id: 'A1', first_name: 'Ada', last_name: 'Lovelace', stage: 'engage', job_title: 'Engineer, senior' },
      { external_id: 'A4', first_name: 'Di', last_name: 'Ok', stage: 'onboard', job_title: 'Analyst' },
    ]);
  });

  it('is idempotent: the same file again changes nothing', async () => {
    await upload(FILE);
    const again = await upload(FILE);
    expect(again.body.summary).toEqual({ created: 0, departed: 0, updated: 0, unchanged: 2, errors: 2 });
  });

  it('reports without writing on a dry run', async () => {
    const response = await upload(FILE, '?dryRun=true');
    expect(response.body).toMatchObject({ dryRun: true, summary: { created: 2, errors: 2 } });
    expect(await employees()).toEqual([]);
  });

  it.each([
    ['an unknown column', 'externalId,firstName,lastName,salary\nA,B,C,100000', 'salary'],
    ['a missing required column', 'externalId,firstName\nA,B', 'lastName'],
    ['a repeated column', 'externalId,firstName,lastName,lastName\nA,B,C,D', 'lastName'],
  ])('refuses a file with %s as a whole, naming the column', async (_case, csv, column) => {
    const response = await upload(csv);
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(column);
    expect(await employees()).toEqual([]);
  });

  it('refuses CSV that cannot be parsed, naming the line', async () => {
    const response = await upload('externalId,firstName,lastName,stage\nA,B,C,hire\nD,"unclosed,F,hire\n');
    expect(response.status).toBe(400);
    expect(response.body.type).toBe('/problems/common.malformed_body');
    expect(response.body.detail).toMatch(/line/i);
    expect(await employees()).toEqual([]);
  });

  it('refuses an empty file and a header without rows', async () => {
    expect((await upload('')).status).toBe(400);
    const headerOnly = await upload('externalId,firstName,lastName\n');
    expect(headerOnly.status).toBe(400);
    expect(headerOnly.body.errors).toEqual([{ field: 'file', message: 'has no rows after its header' }]);
  });

  it('takes CSV only here, and JSON routes never take CSV', async () => {
    const json = await upload(JSON.stringify({ items: [] }), '', 'application/json');
    expect(json.status).toBe(415);
    const csvToJsonRoute = await t.http
      .post('/api/v1/employees')
      .set('Authorization', tenant.bearer('hr_admin'))
      .set('Content-Type', 'text/csv')
      .send('firstName,lastName\nA,B');
    expect(csvToJsonRoute.status).toBe(415);
    expect(await employees()).toEqual([]);
  });
});
