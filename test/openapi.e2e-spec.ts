import { createTestApp, type TestApp } from './utils/create-test-app.js';
import { discoverRoutes } from './utils/routes.js';

interface Operation {
  summary?: string;
  security?: unknown[];
  responses: Record<string, { content?: Record<string, unknown> }>;
}

describe('OpenAPI document', () => {
  let t: TestApp;
  let document: { openapi: string; info: { title: string; version: string }; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, { properties?: Record<string, unknown> }> } };

  beforeAll(async () => {
    t = await createTestApp();
    const response = await t.http.get('/docs-json');
    expect(response.status).toBe(200);
    document = response.body;
  });
  afterAll(() => t.close());

  it('is OpenAPI 3 with the service’s name and version', () => {
    expect(document.openapi).toMatch(/^3\./);
    expect(document.info).toMatchObject({ title: 'Tandem API', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it('describes every route with a summary and a success response', () => {
    const documented = new Set<string>();
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        documented.add(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
        expect([`${method} ${path}`, operation.summary]).toEqual([`${method} ${path}`, expect.stringMatching(/\w/)]);
        expect([`${method} ${path}`, Object.keys(operation.responses).some((status) => status.startsWith('2'))]).toEqual([`${method} ${path}`, true]);
      }
    }
    const routes = discoverRoutes(t.app).filter((r) => !r.page).map((r) => r.key);
    expect(routes.filter((key) => !documented.has(key))).toEqual([]);
  });

  it('leaves the pages out: they are HTML for people, not part of the API', () => {
    const pages = discoverRoutes(t.app).filter((r) => r.page);
    expect(pages.length).toBeGreaterThan(5);
    for (const route of pages) expect([route.key, document.paths[route.path.replace(/:(\w+)/g, '{$1}')]]).toEqual([route.key, undefined]);
  });

  it('marks every authenticated route as needing a bearer token, and public ones as not', () => {
    for (const route of discoverRoutes(t.app).filter((r) => !r.page)) {
      const operation = document.paths[route.path.replace(/:(\w+)/g, '{$1}')]![route.method.toLowerCase()]!;
      if (route.policy?.kind === 'public') expect([route.key, operation.security]).toEqual([route.key, undefined]);
      else expect([route.key, operation.security]).toEqual([route.key, [{ bearer: [] }]]);
    }
  });

  it('documents problem responses as application/problem+json', () => {
    const users = document.paths['/api/v1/users']!.post!;
    expect(users.responses['400']!.content).toHaveProperty(['application/problem+json']);
    expect(document.components.schemas.ProblemDto!.properties).toEqual(
      expect.objectContaining({ type: expect.anything(), title: expect.anything(), status: expect.anything(), detail: expect.anything() }),
    );
  });

  it('describes every property of the request and response bodies', () => {
    const undescribed = Object.entries(document.components.schemas).filter(([, schema]) => !schema.properties || Object.keys(schema.properties).length === 0);
    expect(undescribed.map(([name]) => name)).toEqual([]);
  });

  it('serves the interactive documentation', async () => {
    const response = await t.http.get('/docs');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
  });
});
