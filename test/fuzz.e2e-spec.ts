import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { Role } from '#src/common/auth/principal.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';
import { changedTables, tenantFingerprint } from './utils/fingerprint.js';
import { SchemaArbitraries, hostile, type OpenApiDocument, type OpenApiOperation } from './utils/openapi-arbitraries.js';
import { discoverRoutes, type DiscoveredRoute } from './utils/routes.js';
import { createWorld, fillPath, type World } from './utils/world.js';

/**
 * Bad input, property-based: for every operation of the OpenAPI document, fast-check makes path
 * parameters, query strings and bodies from the document's schemas (mostly well-formed, with hostile
 * values mixed in at any depth) and sends them with a role the route allows. No answer may be a
 * 5xx, every 4xx is problem+json, a 4xx changes nothing the tenant owns (a digest of its rows,
 * taken before and after), and reads change nothing at all (checked once per read operation). Seeded and bounded: `FUZZ_RUNS` (runs per operation, default 12) and
 * `FUZZ_SEED` replay or widen a run.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_125);
const OPERATOR_KEY = 'fuzz-operator-key-0123456789abcdefghij';

interface Request {
  readonly path: string;
  readonly query: string;
  readonly body: unknown;
  readonly role: Role | undefined;
}

/** Percent-encodes, writing a lone surrogate as the invalid UTF-8 it would be on the wire. */
function encode(value: string): string {
  return [...value].map((char) => (/^[\ud800-\udfff]$/.test(char) ? '%ED%A0%80' : encodeURIComponent(char))).join('');
}

/** A stable per-operation seed, so one operation's runs do not depend on how many others there are. */
function seedOf(key: string): number {
  let hash = SEED | 0;
  for (const char of key) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return hash;
}

describe('bad input, generated from the OpenAPI document', () => {
  let t: TestApp;
  let world: World;
  let document: OpenApiDocument;
  let routes: Map<string, DiscoveredRoute>;
  let fingerprint: (tenantId: string) => Promise<Record<string, string>>;

  beforeAll(async () => {
    t = await createTestApp({ TANDEM_OPERATOR_KEY: OPERATOR_KEY });
    world = await createWorld(t);
    document = (await t.http.get('/docs-json')).body;
    routes = new Map(discoverRoutes(t.app).map((r) => [r.key, r]));
    fingerprint = await tenantFingerprint(t.sql);
  }, 120_000);
  afterAll(() => t.close());

  /** Path parameters: the world's real id, another real id, a random UUID, or something that is not an id. */
  function pathArbitrary(template: string): fc.Arbitrary<string> {
    const names = [...template.matchAll(/:(\w+)/g)].map((m) => m[1]!);
    if (names.length === 0) return fc.constant(template);
    const real = fillPath(template, world.ids, world.tokens).split('/');
    const segments = template.split('/');
    const anyReal = Object.values(world.ids);
    const parts = segments.map((segment, i) =>
      segment.startsWith(':')
        ? fc.oneof(
            { arbitrary: fc.constant(real[i]!), weight: 6 },
            { arbitrary: fc.constantFrom(...anyReal), weight: 1 },
            { arbitrary: fc.uuid(), weight: 1 },
            { arbitrary: fc.oneof(hostile.map(String), fc.string({ maxLength: 80 })).map((s) => encode(s) || '%20'), weight: 2 },
          )
        : fc.constant(segment),
    );
    return fc.tuple(...parts).map((p) => p.join('/'));
  }

  function queryArbitrary(operation: OpenApiOperation, schemas: SchemaArbitraries): fc.Arbitrary<string> {
    const parameters = (operation.parameters ?? []).filter((p) => p.in === 'query');
    if (parameters.length === 0) return fc.constant('');
    const entries = parameters.map((p) => {
      const schema = schemas.resolve(p.schema);
      const values = schema.type === 'array' ? fc.array(schemas.value(schema.items), { maxLength: 3 }) : schemas.value(schema).map((v) => [v]);
      const pairs = values.map((vs) => vs.map((v) => `${encode(p.name)}=${encode(typeof v === 'object' ? JSON.stringify(v) : String(v))}`));
      return fc.option(pairs, { freq: 2, nil: [] as string[] });
    });
    return fc.tuple(...entries).map((pairs) => {
      const query = pairs.flat().join('&');
      return query ? `?${query}` : '';
    });
  }

  function bodyArbitrary(operation: OpenApiOperation, schemas: SchemaArbitraries): fc.Arbitrary<unknown> {
    const content = operation.requestBody?.content ?? {};
    if (content['text/csv']) {
      const cell = fc.oneof(fc.string({ maxLength: 12 }), hostile.map(String), fc.uuid());
      const header = fc.constantFrom('externalId,firstName,lastName,email,stage', 'unitExternalId,metric,period,value,n', 'a;b', '');
      return fc.tuple(header, fc.array(fc.array(cell, { maxLength: 6 }).map((cells) => cells.join(',')), { maxLength: 5 })).map(([h, rows]) => ({
        csv: [h, ...rows].join('\n'),
      }));
    }
    const json = content['application/json'];
    if (!json) return fc.constant(undefined);
    return fc.oneof(
      { arbitrary: schemas.value(json.schema), weight: 8 },
      { arbitrary: fc.tuple(schemas.value(json.schema), fc.string({ minLength: 1, maxLength: 10 })).map(([b, k]) => (b && typeof b === 'object' ? { ...b, [k]: 1 } : b)), weight: 1 },
      { arbitrary: hostile, weight: 1 },
    );
  }

  function roleArbitrary(route: DiscoveredRoute | undefined): fc.Arbitrary<Role | undefined> {
    if (route?.policy?.kind === 'roles') return fc.constantFrom(...route.policy.roles);
    return fc.constant(undefined);
  }

  function send(method: string, route: DiscoveredRoute | undefined, request: Request) {
    let call = t.http[method as 'get'](`${request.path}${request.query}`);
    if (route?.policy?.kind === 'operator') call = call.set('Authorization', `Bearer ${OPERATOR_KEY}`);
    if (request.role) call = call.set('Authorization', world.tenant.bearer(request.role));
    const body = request.body as { csv?: string } | undefined;
    if (body && typeof body === 'object' && typeof body.csv === 'string') return call.set('content-type', 'text/csv').send(body.csv);
    return request.body === undefined ? call : call.set('content-type', 'application/json').send(JSON.stringify(request.body));
  }

  it('answers every operation with no 5xx, 4xx as problem+json, and changes nothing on 4xx', async () => {
    const schemas = new SchemaArbitraries(document, Object.values(world.ids).filter((id) => /^[0-9a-f-]{36}$/.test(id)));
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ method, template: path.replace(/\{(\w+)\}/g, ':$1'), operation })),
    );
    // Deleting comes last, so the other operations still find what they address.
    operations.sort((a, b) => Number(a.method === 'delete') - Number(b.method === 'delete'));
    const failures: string[] = [];
    let requests = 0;
    let before = await fingerprint(world.tenant.id);
    for (const { method, template, operation } of operations) {
      const key = `${method.toUpperCase()} ${template}`;
      const route = routes.get(key);
      const arbitrary = fc.record({
        path: pathArbitrary(template),
        query: queryArbitrary(operation, schemas),
        body: method === 'get' || method === 'delete' ? fc.constant(undefined) : bodyArbitrary(operation, schemas),
        role: roleArbitrary(route),
      });
      const result = await fc.check(
        fc.asyncProperty(arbitrary, async (request) => {
          requests += 1;
          const response = await send(method, route, request);
          if (response.status >= 500) throw new Error(`${response.status} ${JSON.stringify(response.body).slice(0, 300)}`);
          if (response.status >= 400 && !String(response.headers['content-type']).startsWith('application/problem+json')) {
            throw new Error(`${response.status} with content-type ${response.headers['content-type']}`);
          }
          // Reads are checked once per operation, below: they change nothing, whatever the answer.
          if (method === 'get') return;
          if (response.status >= 400) {
            const after = await fingerprint(world.tenant.id);
            const changed = changedTables(before, after);
            if (changed.length > 0) {
              before = after;
              throw new Error(`${response.status} ${response.body.type} but rows changed in ${changed.join(', ')}`);
            }
          } else {
            before = await fingerprint(world.tenant.id);
          }
        }),
        { seed: seedOf(key), numRuns: RUNS, endOnFailure: true },
      );
      if (method === 'get') {
        const after = await fingerprint(world.tenant.id);
        const changed = changedTables(before, after);
        if (changed.length > 0) failures.push(`${key}: a read changed rows in ${changed.join(', ')}`);
        before = after;
      }
      if (result.failed) {
        failures.push(`${key} (seed ${seedOf(key)}): ${result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance)}\n    ${JSON.stringify(result.counterexample?.[0]).slice(0, 600)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(operations.length * RUNS * 0.9);
  }, 600_000);
});
