import { createTenant, type TenantFixture } from './factories/tenant.factory.js';
import { createEmployee } from './factories/employee.factory.js';
import { createUnit } from './factories/unit.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

const MISSING_ID = '00000000-0000-4000-8000-000000000000';

interface Node {
  name: string;
  children: Node[];
}

/** Names only, to compare tree shapes. */
function shape(nodes: Node[]): unknown[] {
  return nodes.map((node) => (node.children.length ? { [node.name]: shape(node.children) } : node.name));
}

describe('units', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const versionCount = async (tenant: TenantFixture) =>
    Number((await t.sql.query('SELECT count(*) FROM unit_versions WHERE tenant_id = $1', [tenant.id])).rows[0].count);
  const unitCount = async (tenant: TenantFixture) =>
    Number((await t.sql.query('SELECT count(*) FROM units WHERE tenant_id = $1', [tenant.id])).rows[0].count);

  /** An employee in a unit, through the real employees service. */
  async function insertEmployee(tenant: TenantFixture, unitId: string | null = null): Promise<string> {
    return (await createEmployee(t, tenant, { unitId })).id;
  }

  describe('create, read, update', () => {
    let tenant: TenantFixture;
    beforeAll(async () => {
      tenant = await createTenant(t);
    });

    it('creates a root unit with defaults and reads it back', async () => {
      const created = await t.http.post('/api/v1/units').set('Authorization', tenant.bearer('hr_admin')).send({ name: '  Acme  ' });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        externalId: null,
        name: 'Acme',
        kind: 'team',
        parentId: null,
        managerId: null,
        archivedAt: null,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        version: 1,
      });
      const read = await t.http.get(`/api/v1/units/${created.body.id}`).set('Authorization', tenant.bearer('manager'));
      expect(read.status).toBe(200);
      expect(read.body).toEqual(created.body);
    });

    it('creates a child with kind, external id and manager; integration keys may write too', async () => {
      const parent = await createUnit(t, tenant, { kind: 'company' });
      const managerId = await insertEmployee(tenant);
      const created = await t.http
        .post('/api/v1/units')
        .set('Authorization', tenant.bearer('integration'))
        .send({ name: 'Sales', kind: 'department', parentId: parent.id, externalId: 'HR-SALES', managerId });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ name: 'Sales', kind: 'department', parentId: parent.id, externalId: 'HR-SALES', managerId });
    });

    it('changes fields, bumps the version, and clears the manager with null', async () => {
      const managerId = await insertEmployee(tenant);
      const unit = await createUnit(t, tenant, { managerId });
      const changed = await t.http
        .patch(`/api/v1/units/${unit.id}`)
        .set('Authorization', tenant.bearer('hr_admin'))
        .send({ name: 'Renamed', kind: 'division', externalId: `X-${unit.id}`, managerId: null, version: unit.version });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ name: 'Renamed', kind: 'division', externalId: `X-${unit.id}`, managerId: null, version: 2 });
    });

    it('refuses a stale version with 409 and changes nothing', async () => {
      const unit = await createUnit(t, tenant, { name: 'Before' });
      await t.http.patch(`/api/v1/units/${unit.id}`).set('Authorization', tenant.bearer('hr_admin')).send({ kind: 'other' });
      const stale = await t.http
        .patch(`/api/v1/units/${unit.id}`)
        .set('Authorization', tenant.bearer('hr_admin'))
        .send({ name: 'After', version: unit.version });
      expect(stale.status).toBe(409);
      expect(stale.body.type).toBe('/problems/units.stale_version');
      expect((await t.sql.query('SELECT name FROM units WHERE id = $1', [unit.id])).rows[0].name).toBe('Before');
    });

    it('refuses a second unit with the same external id with 409', async () => {
      await createUnit(t, tenant, { externalId: 'DUP-1' });
      const response = await t.http.post('/api/v1/units').set('Authorization', tenant.bearer('hr_admin')).send({ name: 'Dup', externalId: 'DUP-1' });
      expect(response.status).toBe(409);
      expect(response.body.type).toBe('/problems/units.external_id_taken');
    });

    it('refuses a parent or manager that does not exist, naming the field', async () => {
      const other = await createTenant(t);
      const foreignParent = await createUnit(t, other);
      const foreignEmployee = await insertEmployee(other);
      const before = await unitCount(tenant);
      for (const [body, field] of [
        [{ name: 'X', parentId: MISSING_ID }, 'parentId'],
        [{ name: 'X', parentId: foreignParent.id }, 'parentId'],
        [{ name: 'X', managerId: MISSING_ID }, 'managerId'],
        [{ name: 'X', managerId: foreignEmployee }, 'managerId'],
      ] as const) {
        const response = await t.http.post('/api/v1/units').set('Authorization', tenant.bearer('hr_admin')).send(body);
        expect(response.status).toBe(400);
        expect(response.body.type).toBe('/problems/common.validation_failed');
        expect(response.body.errors).toEqual([{ field, message: expect.any(String) }]);
      }
      const unit = await createUnit(t, tenant);
      const patch = await t.http.patch(`/api/v1/units/${unit.id}`).set('Authorization', tenant.bearer('hr_admin')).send({ managerId: MISSING_ID });
      expect(patch.status).toBe(400);
      expect(patch.body.errors).toEqual([{ field: 'managerId', message: expect.any(String) }]);
      expect(await unitCount(tenant)).toBe(before + 1);
    });

    it.each([
      [{}, 'name'],
      [{ name: '   ' }, 'name'],
      [{ name: 42 }, 'name'],
      [{ name: 'x'.repeat(201) }, 'name'],
      [{ name: 'X', kind: 'squad' }, 'kind'],
      [{ name: 'X', parentId: 'not-a-uuid' }, 'parentId'],
      [{ name: 'X', managerId: 12 }, 'managerId'],
      [{ name: 'X', externalId: '' }, 'externalId'],
      [{ name: 'X', archivedAt: '2020-01-01T00:00:00Z' }, 'archivedAt'],
    ])('refuses to create %j', async (body, field) => {
      const response = await t.http.post('/api/v1/units').set('Authorization', tenant.bearer('hr_admin')).send(body);
      expect(response.status).toBe(400);
      expect(response.body.type).toBe('/problems/common.validation_failed');
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it.each([
      [{ name: '' }, 'name'],
      [{ name: null }, 'name'],
      [{ kind: null }, 'kind'],
      [{ version: null }, 'version'],
      [{ version: 0 }, 'version'],
      [{ version: '1' }, 'version'],
      [{ parentId: 'x' }, 'parentId'],
    ])('refuses to update with %j', async (body, field) => {
      const unit = await createUnit(t, tenant);
      const response = await t.http.patch(`/api/v1/units/${unit.id}`).set('Authorization', tenant.bearer('hr_admin')).send(body);
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('answers a malformed id with 400 naming it, and an unknown one with 404', async () => {
      const malformed = await t.http.get('/api/v1/units/nope').set('Authorization', tenant.bearer('hr_admin'));
      expect(malformed.status).toBe(400);
      expect(malformed.body.errors).toEqual([{ field: 'id', message: 'must be a UUID' }]);
      const missing = await t.http.get(`/api/v1/units/${MISSING_ID}`).set('Authorization', tenant.bearer('hr_admin'));
      expect(missing.status).toBe(404);
      expect(missing.body.type).toBe('/problems/units.not_found');
    });

    it('lets managers read but not write, and refuses employees entirely', async () => {
      const unit = await createUnit(t, tenant);
      expect((await t.http.get('/api/v1/units').set('Authorization', tenant.bearer('manager'))).status).toBe(200);
      const write = await t.http.patch(`/api/v1/units/${unit.id}`).set('Authorization', tenant.bearer('manager')).send({ name: 'No' });
      expect(write.status).toBe(403);
      expect(write.body.type).toBe('/problems/auth.role_not_allowed');
      const read = await t.http.get(`/api/v1/units/${unit.id}`).set('Authorization', tenant.bearer('employee'));
      expect(read.status).toBe(403);
    });
  });

  describe('list and tree', () => {
    let tenant: TenantFixture;
    let root: string;
    beforeAll(async () => {
      tenant = await createTenant(t);
      root = (await createUnit(t, tenant, { name: 'Acme', kind: 'company' })).id;
      const eng = (await createUnit(t, tenant, { name: 'Engineering', kind: 'department', parentId: root })).id;
      await createUnit(t, tenant, { name: 'Sales', kind: 'department', parentId: root });
      await createUnit(t, tenant, { name: 'Platform', parentId: eng });
      await createUnit(t, tenant, { name: 'Apps', parentId: eng });
      const old = await createUnit(t, tenant, { name: 'Archived team', parentId: eng });
      await t.http.delete(`/api/v1/units/${old.id}`).set('Authorization', tenant.bearer('hr_admin')).expect(200);
      await createUnit(t, tenant, { name: 'Board', kind: 'other' });
    });

    it('pages through units by name, then id', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const response: { status: number; body: { items: { name: string }[]; nextCursor: string | null } } = await t.http
          .get('/api/v1/units')
          .query({ limit: 2, ...(cursor ? { cursor } : {}) })
          .set('Authorization', tenant.bearer('integration'));
        expect(response.status).toBe(200);
        expect(response.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...response.body.items.map((u: { name: string }) => u.name));
        cursor = response.body.nextCursor;
        pages += 1;
      } while (cursor && pages < 10);
      expect(seen).toEqual(['Acme', 'Apps', 'Board', 'Engineering', 'Platform', 'Sales']);
      expect(pages).toBe(3);
    });

    it('filters by parent, kind, name and archived state', async () => {
      const names = async (query: Record<string, string>) => {
        const response = await t.http.get('/api/v1/units').query(query).set('Authorization', tenant.bearer('hr_admin'));
        expect(response.status).toBe(200);
        return response.body.items.map((u: { name: string }) => u.name);
      };
      expect(await names({ parentId: root })).toEqual(['Engineering', 'Sales']);
      expect(await names({ kind: 'department' })).toEqual(['Engineering', 'Sales']);
      expect(await names({ q: 'PLAT' })).toEqual(['Platform']);
      expect(await names({ q: '%' })).toEqual([]);
      expect(await names({ q: 'team' })).toEqual([]);
      expect(await names({ q: 'team', includeArchived: 'true' })).toEqual(['Archived team']);
    });

    it.each([
      [{ limit: '0' }, 'limit'],
      [{ limit: 'ten' }, 'limit'],
      [{ cursor: 'garbage' }, 'cursor'],
      [{ parentId: 'x' }, 'parentId'],
      [{ kind: 'squad' }, 'kind'],
      [{ includeArchived: 'yes' }, 'includeArchived'],
      [{ tree: '1' }, 'tree'],
      [{ tree: 'true', limit: '5' }, 'limit'],
      [{ tree: 'true', parentId: MISSING_ID }, 'parentId'],
    ])('refuses the query %j', async (query, field) => {
      const response = await t.http.get('/api/v1/units').query(query).set('Authorization', tenant.bearer('hr_admin'));
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('answers the tree of active units, nested and sorted by name', async () => {
      const response = await t.http.get('/api/v1/units?tree=true').set('Authorization', tenant.bearer('manager'));
      expect(response.status).toBe(200);
      expect(Object.keys(response.body)).toEqual(['items']);
      expect(shape(response.body.items)).toEqual([{ Acme: [{ Engineering: ['Apps', 'Platform'] }, 'Sales'] }, 'Board']);
      expect(response.body.items[0]).toMatchObject({ id: root, kind: 'company', parentId: null, version: 1 });
    });
  });

  describe('history', () => {
    let tenant: TenantFixture;
    beforeAll(async () => {
      tenant = await createTenant(t);
    });

    it('records a version on create, on rename and on move, and none for other changes', async () => {
      const a = await createUnit(t, tenant, { name: 'A' });
      const b = await createUnit(t, tenant, { name: 'B' });
      const unit = await createUnit(t, tenant, { name: 'Team', parentId: a.id });
      const history = () => t.http.get(`/api/v1/units/${unit.id}/history`).set('Authorization', tenant.bearer('manager'));

      const first = await history();
      expect(first.status).toBe(200);
      expect(first.body.items).toEqual([{ name: 'Team', parentId: a.id, validFrom: expect.any(String), validTo: null }]);

      const patch = (body: object) => t.http.patch(`/api/v1/units/${unit.id}`).set('Authorization', tenant.bearer('hr_admin')).send(body);
      expect((await patch({ parentId: b.id })).status).toBe(200);
      expect((await patch({ name: 'Squad' })).status).toBe(200);
      expect((await patch({ kind: 'department' })).status).toBe(200);
      expect((await patch({ name: 'Squad', parentId: b.id })).body.version).toBe(4);
      expect((await patch({ parentId: null })).status).toBe(200);

      const items = (await history()).body.items;
      expect(items.map((v: { name: string; parentId: string | null }) => [v.name, v.parentId])).toEqual([
        ['Team', a.id],
        ['Team', b.id],
        ['Squad', b.id],
        ['Squad', null],
      ]);
      for (let i = 0; i < items.length - 1; i++) expect(items[i].validTo).toBe(items[i + 1].validFrom);
      expect(items.at(-1).validTo).toBeNull();
      const current = await t.sql.query('SELECT count(*) FROM unit_versions WHERE unit_id = $1 AND valid_to IS NULL', [unit.id]);
      expect(Number(current.rows[0].count)).toBe(1);
    });
  });

  describe('cycles', () => {
    let tenant: TenantFixture;
    beforeAll(async () => {
      tenant = await createTenant(t);
    });

    it('refuses to move a unit under itself or under any of its descendants', async () => {
      const top = await createUnit(t, tenant, { name: 'Top' });
      const middle = await createUnit(t, tenant, { name: 'Middle', parentId: top.id });
      const bottom = await createUnit(t, tenant, { name: 'Bottom', parentId: middle.id });
      for (const parentId of [top.id, middle.id, bottom.id]) {
        const response = await t.http.patch(`/api/v1/units/${top.id}`).set('Authorization', tenant.bearer('hr_admin')).send({ parentId });
        expect(response.status).toBe(409);
        expect(response.body.type).toBe('/problems/units.cycle');
      }
      const self = await t.http.patch(`/api/v1/units/${middle.id}`).set('Authorization', tenant.bearer('hr_admin')).send({ parentId: middle.id });
      expect(self.body.type).toBe('/problems/units.cycle');
      expect((await t.sql.query('SELECT parent_id FROM units WHERE id = $1', [top.id])).rows[0].parent_id).toBeNull();

      const sideways = await createUnit(t, tenant, { name: 'Sideways' });
      const ok = await t.http.patch(`/api/v1/units/${bottom.id}`).set('Authorization', tenant.bearer('hr_admin')).send({ parentId: sideways.id });
      expect(ok.status).toBe(200);
    });

    it('lets only one of two concurrent moves through when together they would make a loop', async () => {
      const x = await createUnit(t, tenant, { name: 'X' });
      const y = await createUnit(t, tenant, { name: 'Y' });
      const move = (id: string, parentId: string) =>
        t.http.patch(`/api/v1/units/${id}`).set('Authorization', tenant.bearer('hr_admin')).send({ parentId });
      const responses = await Promise.all([move(x.id, y.id), move(y.id, x.id)]);
      expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(responses.find((r) => r.status === 409)!.body.type).toBe('/problems/units.cycle');
    });
  });

  describe('archiving', () => {
    let tenant: TenantFixture;
    beforeAll(async () => {
      tenant = await createTenant(t);
    });

    it('is refused while an active sub-unit exists, then allowed once the sub-unit is archived', async () => {
      const parent = await createUnit(t, tenant, { name: 'Parent' });
      const child = await createUnit(t, tenant, { name: 'Child', parentId: parent.id });
      const refused = await t.http.delete(`/api/v1/units/${parent.id}`).set('Authorization', tenant.bearer('hr_admin'));
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ type: '/problems/units.not_empty', activeSubUnits: 1, employees: 0 });
      expect((await t.sql.query('SELECT archived_at FROM units WHERE id = $1', [parent.id])).rows[0].archived_at).toBeNull();

      const archivedChild = await t.http.delete(`/api/v1/units/${child.id}`).set('Authorization', tenant.bearer('integration'));
      expect(archivedChild.status).toBe(200);
      expect(archivedChild.body.archivedAt).toEqual(expect.any(String));
      const archivedParent = await t.http.delete(`/api/v1/units/${parent.id}`).set('Authorization', tenant.bearer('hr_admin'));
      expect(archivedParent.status).toBe(200);

      const again = await t.http.delete(`/api/v1/units/${parent.id}`).set('Authorization', tenant.bearer('hr_admin'));
      expect(again.status).toBe(200);
      expect(again.body.archivedAt).toBe(archivedParent.body.archivedAt);
      expect(again.body.version).toBe(archivedParent.body.version);

      const read = await t.http.get(`/api/v1/units/${parent.id}`).set('Authorization', tenant.bearer('manager'));
      expect(read.status).toBe(200);
      expect(read.body.archivedAt).toBe(archivedParent.body.archivedAt);
      const history = await t.http.get(`/api/v1/units/${parent.id}/history`).set('Authorization', tenant.bearer('manager'));
      expect(history.body.items).toHaveLength(1);
    });

    it('is refused while an employee is in the unit', async () => {
      const unit = await createUnit(t, tenant, { name: 'Staffed' });
      await insertEmployee(tenant, unit.id);
      const refused = await t.http.delete(`/api/v1/units/${unit.id}`).set('Authorization', tenant.bearer('hr_admin'));
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ type: '/problems/units.not_empty', activeSubUnits: 0, employees: 1 });
    });

    it('keeps active units out from under archived ones', async () => {
      const archived = await createUnit(t, tenant, { name: 'Closed' });
      await t.http.delete(`/api/v1/units/${archived.id}`).set('Authorization', tenant.bearer('hr_admin')).expect(200);
      const created = await t.http.post('/api/v1/units').set('Authorization', tenant.bearer('hr_admin')).send({ name: 'X', parentId: archived.id });
      expect(created.status).toBe(400);
      expect(created.body.errors).toEqual([{ field: 'parentId', message: 'is an archived unit' }]);
      const unit = await createUnit(t, tenant);
      const moved = await t.http.patch(`/api/v1/units/${unit.id}`).set('Authorization', tenant.bearer('hr_admin')).send({ parentId: archived.id });
      expect(moved.status).toBe(400);
    });
  });

  describe('bulk upsert', () => {
    const put = (tenant: TenantFixture, items: unknown) =>
      t.http.put('/api/v1/units/bulk').set('Authorization', tenant.bearer('integration')).send({ items });

    it('creates, then answers the same payload with all unchanged and no new versions', async () => {
      const tenant = await createTenant(t);
      const items = [
        { externalId: 'co', name: 'Acme', kind: 'company' },
        { externalId: 'eng', name: 'Engineering', kind: 'department', parentExternalId: 'co' },
        { externalId: 'web', name: 'Web', parentExternalId: 'eng' },
      ];
      const first = await put(tenant, items);
      expect(first.status).toBe(200);
      expect(first.body.results.map((r: { externalId: string; status: string }) => [r.externalId, r.status])).toEqual([
        ['co', 'created'],
        ['eng', 'created'],
        ['web', 'created'],
      ]);
      const versions = await versionCount(tenant);
      expect(versions).toBe(3);

      const second = await put(tenant, items);
      expect(second.status).toBe(200);
      expect(second.body.results.map((r: { status: string }) => r.status)).toEqual(['unchanged', 'unchanged', 'unchanged']);
      expect(second.body.results.map((r: { id: string }) => r.id)).toEqual(first.body.results.map((r: { id: string }) => r.id));
      expect(await versionCount(tenant)).toBe(versions);
      expect(await unitCount(tenant)).toBe(3);

      const web = await t.http.get(`/api/v1/units/${first.body.results[2].id}`).set('Authorization', tenant.bearer('hr_admin'));
      expect(web.body).toMatchObject({ name: 'Web', kind: 'team', parentId: first.body.results[1].id, externalId: 'web', version: 1 });
    });

    it('updates what changed, versions only renames and moves, and keeps an omitted kind', async () => {
      const tenant = await createTenant(t);
      await put(tenant, [
        { externalId: 'a', name: 'A', kind: 'division' },
        { externalId: 'b', name: 'B' },
        { externalId: 'c', name: 'C', kind: 'team', parentExternalId: 'a' },
      ]).expect(200);
      const response = await put(tenant, [
        { externalId: 'a', name: 'A' },
        { externalId: 'b', name: 'B', kind: 'department' },
        { externalId: 'c', name: 'C2', parentExternalId: 'b' },
      ]);
      expect(response.body.results.map((r: { status: string }) => r.status)).toEqual(['unchanged', 'updated', 'updated']);
      expect(await versionCount(tenant)).toBe(4);
      const rows = await t.sql.query('SELECT external_id, kind, name, version FROM units WHERE tenant_id = $1 ORDER BY external_id', [tenant.id]);
      expect(rows.rows).toEqual([
        { external_id: 'a', kind: 'division', name: 'A', version: 1 },
        { external_id: 'b', kind: 'department', name: 'B', version: 2 },
        { external_id: 'c', kind: 'team', name: 'C2', version: 2 },
      ]);
    });

    it('accepts parents in any order and parents already stored', async () => {
      const tenant = await createTenant(t);
      await createUnit(t, tenant, { name: 'Existing HQ', externalId: 'hq' });
      const response = await put(tenant, [
        { externalId: 'leaf', name: 'Leaf', parentExternalId: 'mid' },
        { externalId: 'mid', name: 'Mid', parentExternalId: 'top' },
        { externalId: 'top', name: 'Top', parentExternalId: 'hq' },
        { externalId: 'other', name: 'Other', parentExternalId: 'hq' },
      ]);
      expect(response.status).toBe(200);
      const tree = await t.http.get('/api/v1/units?tree=true').set('Authorization', tenant.bearer('hr_admin'));
      expect(shape(tree.body.items)).toEqual([{ 'Existing HQ': ['Other', { Top: [{ Mid: ['Leaf'] }] }] }]);
    });

    it('fails as a whole on an unknown parent, listing the rows, and writes nothing', async () => {
      const tenant = await createTenant(t);
      const other = await createTenant(t);
      await createUnit(t, other, { externalId: 'theirs' });
      const response = await put(tenant, [
        { externalId: 'ok', name: 'Fine' },
        { externalId: 'lost', name: 'Lost', parentExternalId: 'nowhere' },
        { externalId: 'foreign', name: 'Foreign', parentExternalId: 'theirs' },
      ]);
      expect(response.status).toBe(400);
      expect(response.body.type).toBe('/problems/units.bulk_rejected');
      expect(response.body.errors).toEqual([
        { index: 1, externalId: 'lost', message: expect.stringContaining('nowhere') },
        { index: 2, externalId: 'foreign', message: expect.stringContaining('theirs') },
      ]);
      expect(await unitCount(tenant)).toBe(0);
      expect(await versionCount(tenant)).toBe(0);
    });

    it('fails on a cycle in the payload or through stored units, and on repeated external ids', async () => {
      const tenant = await createTenant(t);
      const loop = await put(tenant, [
        { externalId: 'x', name: 'X', parentExternalId: 'y' },
        { externalId: 'y', name: 'Y', parentExternalId: 'x' },
        { externalId: 'self', name: 'Self', parentExternalId: 'self' },
        { externalId: 'z', name: 'Z' },
      ]);
      expect(loop.status).toBe(400);
      expect(loop.body.errors.map((e: { index: number }) => e.index)).toEqual([0, 1, 2]);
      expect(loop.body.errors[0].message).toMatch(/cycle/);
      expect(await unitCount(tenant)).toBe(0);

      // hq → (no external id) → team; moving hq under team closes the loop through the middle unit.
      const hq = await createUnit(t, tenant, { name: 'HQ', externalId: 'hq' });
      const middle = await createUnit(t, tenant, { name: 'Middle', parentId: hq.id });
      await createUnit(t, tenant, { name: 'Team', externalId: 'team', parentId: middle.id });
      const through = await put(tenant, [{ externalId: 'hq', name: 'HQ', parentExternalId: 'team' }]);
      expect(through.status).toBe(400);
      expect(through.body.errors).toEqual([{ index: 0, externalId: 'hq', message: expect.stringMatching(/cycle/) }]);
      expect((await t.sql.query('SELECT parent_id FROM units WHERE id = $1', [hq.id])).rows[0].parent_id).toBeNull();

      const repeated = await put(tenant, [
        { externalId: 'r', name: 'R' },
        { externalId: 'r', name: 'R again' },
      ]);
      expect(repeated.status).toBe(400);
      expect(repeated.body.errors).toEqual([{ index: 1, externalId: 'r', message: expect.stringContaining('index 0') }]);
    });

    it('keeps each tenant’s units apart, even with the same external ids', async () => {
      const a = await createTenant(t);
      const b = await createTenant(t);
      const inA = await put(a, [{ externalId: 'shared', name: 'A’s unit' }]);
      const inB = await put(b, [{ externalId: 'shared', name: 'B’s unit' }]);
      expect(inB.body.results[0].status).toBe('created');
      expect(inB.body.results[0].id).not.toBe(inA.body.results[0].id);
      await put(b, [{ externalId: 'shared', name: 'B renamed' }]).expect(200);
      const aRow = await t.sql.query('SELECT name, tenant_id FROM units WHERE id = $1', [inA.body.results[0].id]);
      expect(aRow.rows[0]).toEqual({ name: 'A’s unit', tenant_id: a.id });
    });

    it.each([
      [{}, 'items'],
      [{ items: 'nope' }, 'items'],
      [{ items: [{ name: 'No id' }] }, 'items.0.externalId'],
      [{ items: [{ externalId: 'a' }] }, 'items.0.name'],
      [{ items: [{ externalId: 'a', name: 'A', kind: 'squad' }] }, 'items.0.kind'],
      [{ items: [{ externalId: 'a', name: 'A', parentExternalId: 3 }] }, 'items.0.parentExternalId'],
      [{ items: [{ externalId: 'a', name: 'A', parentId: MISSING_ID }] }, 'items.0.parentId'],
      [{ items: [1] }, 'items.0'],
    ])('refuses the body %j', async (body, field) => {
      const tenant = await createTenant(t);
      const response = await t.http.put('/api/v1/units/bulk').set('Authorization', tenant.bearer('hr_admin')).send(body);
      expect(response.status).toBe(400);
      expect(response.body.type).toBe('/problems/common.validation_failed');
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('takes 5,000 rows in one call (a body above the global limit), and refuses 5,001', async () => {
      const tenant = await createTenant(t);
      const items = Array.from({ length: 5000 }, (_, i) => ({
        externalId: `unit-${String(i).padStart(5, '0')}-${'x'.repeat(100)}`,
        name: `Unit number ${i} ${'y'.repeat(100)}`,
        ...(i === 0 ? {} : { parentExternalId: `unit-${String(Math.floor((i - 1) / 10)).padStart(5, '0')}-${'x'.repeat(100)}` }),
      }));
      expect(JSON.stringify({ items }).length).toBeGreaterThan(t.config.bodyLimitBytes);
      const started = Date.now();
      const response = await put(tenant, items.reverse());
      expect(response.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(await unitCount(tenant)).toBe(5000);
      expect(await versionCount(tenant)).toBe(5000);
      const again = await put(tenant, items);
      expect(again.body.results.every((r: { status: string }) => r.status === 'unchanged')).toBe(true);

      const tooMany = await put(tenant, [...items, { externalId: 'one-more', name: 'One more' }]);
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.errors.map((e: { field: string }) => e.field)).toEqual(['items']);
    });

    it('limits the tree to 100 levels, in bulk and when moving', async () => {
      const tenant = await createTenant(t);
      const chain = (length: number, prefix: string) =>
        Array.from({ length }, (_, i) => ({ externalId: `${prefix}${i}`, name: `Level ${i + 1}`, ...(i ? { parentExternalId: `${prefix}${i - 1}` } : {}) }));
      const tooDeep = await put(tenant, chain(101, 'd'));
      expect(tooDeep.status).toBe(400);
      expect(tooDeep.body.type).toBe('/problems/units.bulk_rejected');
      expect(tooDeep.body.errors).toEqual([{ index: 0, externalId: 'd0', message: expect.stringContaining('100 levels') }]);
      expect(await unitCount(tenant)).toBe(0);

      const full = await put(tenant, chain(100, 'c'));
      expect(full.status).toBe(200);
      const tree = await t.http.get('/api/v1/units?tree=true').set('Authorization', tenant.bearer('hr_admin'));
      expect(tree.status).toBe(200);
      let depth = 0;
      for (let nodes = tree.body.items; nodes.length; nodes = nodes[0].children) depth += 1;
      expect(depth).toBe(100);

      const extra = await createUnit(t, tenant, { name: 'Extra' });
      const deepest = full.body.results[99].id;
      const moved = await t.http.patch(`/api/v1/units/${extra.id}`).set('Authorization', tenant.bearer('hr_admin')).send({ parentId: deepest });
      expect(moved.status).toBe(409);
      expect(moved.body.type).toBe('/problems/units.too_deep');
      const created = await t.http.post('/api/v1/units').set('Authorization', tenant.bearer('hr_admin')).send({ name: 'Below', parentId: deepest });
      expect(created.status).toBe(409);
      expect(await unitCount(tenant)).toBe(101);
      // Hanging a two-level subtree under level 99 would make 101 levels.
      const child = await createUnit(t, tenant, { name: 'Child', parentId: extra.id });
      const subtree = await t.http
        .patch(`/api/v1/units/${extra.id}`)
        .set('Authorization', tenant.bearer('hr_admin'))
        .send({ parentId: full.body.results[98].id });
      expect(subtree.status).toBe(409);
      expect((await t.sql.query('SELECT parent_id FROM units WHERE id = $1', [child.id])).rows[0].parent_id).toBe(extra.id);
    });

    it('serialises concurrent calls: the same payload twice at once creates each unit once', async () => {
      const tenant = await createTenant(t);
      const items = Array.from({ length: 50 }, (_, i) => ({ externalId: `p${i}`, name: `P${i}`, ...(i ? { parentExternalId: 'p0' } : {}) }));
      const [first, second] = await Promise.all([put(tenant, items), put(tenant, items)]);
      expect([first.status, second.status]).toEqual([200, 200]);
      const statuses = [first, second].map((r) => [...new Set(r.body.results.map((x: { status: string }) => x.status))]);
      expect(statuses).toEqual(expect.arrayContaining([['created'], ['unchanged']]));
      expect(await unitCount(tenant)).toBe(50);
      expect(await versionCount(tenant)).toBe(50);
    });

    it('is not open to managers', async () => {
      const tenant = await createTenant(t);
      const response = await t.http.put('/api/v1/units/bulk').set('Authorization', tenant.bearer('manager')).send({ items: [] });
      expect(response.status).toBe(403);
    });
  });

  describe('isolation between tenants', () => {
    let a: TenantFixture;
    let b: TenantFixture;
    beforeAll(async () => {
      a = await createTenant(t);
      b = await createTenant(t);
    });

    it('answers 404 for another tenant’s unit on every route, exactly like a missing one, and changes nothing', async () => {
      const theirs = await createUnit(t, b, { name: 'Theirs' });
      const requests = [
        (id: string) => t.http.get(`/api/v1/units/${id}`),
        (id: string) => t.http.get(`/api/v1/units/${id}/history`),
        (id: string) => t.http.patch(`/api/v1/units/${id}`).send({ name: 'Hijacked' }),
        (id: string) => t.http.delete(`/api/v1/units/${id}`),
      ];
      for (const request of requests) {
        const foreign = await request(theirs.id).set('Authorization', a.bearer('hr_admin'));
        const missing = await request(MISSING_ID).set('Authorization', a.bearer('hr_admin'));
        expect(foreign.status).toBe(404);
        expect(foreign.body.type).toBe('/problems/units.not_found');
        expect({ ...foreign.body, detail: undefined, instance: undefined }).toEqual({ ...missing.body, detail: undefined, instance: undefined });
      }
      const row = await t.sql.query('SELECT name, archived_at FROM units WHERE id = $1', [theirs.id]);
      expect(row.rows[0]).toEqual({ name: 'Theirs', archived_at: null });
    });

    it('never lists another tenant’s units, flat or as a tree', async () => {
      await createUnit(t, b, { name: 'Only in B' });
      await createUnit(t, a, { name: 'Only in A' });
      const list = await t.http.get('/api/v1/units?limit=200&includeArchived=true').set('Authorization', a.bearer('hr_admin'));
      expect(list.body.items.map((u: { name: string }) => u.name)).not.toContain('Only in B');
      const tree = await t.http.get('/api/v1/units?tree=true').set('Authorization', a.bearer('hr_admin'));
      expect(JSON.stringify(tree.body)).not.toContain('Only in B');
    });

    it('refuses to move a unit under another tenant’s unit', async () => {
      const mine = await createUnit(t, a);
      const theirs = await createUnit(t, b);
      const response = await t.http.patch(`/api/v1/units/${mine.id}`).set('Authorization', a.bearer('hr_admin')).send({ parentId: theirs.id });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ field: 'parentId', message: 'does not match a unit' }]);
    });
  });
});
