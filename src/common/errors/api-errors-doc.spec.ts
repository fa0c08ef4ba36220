import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { registeredProblems } from './domain-error.js';

/** Loads every `*.errors.ts` (and the common problems) so that all problem types are registered. */
async function registerAllProblems(): Promise<void> {
  await import('./common-problems.js');
  const modules = join(process.cwd(), 'src', 'modules');
  for (const capability of readdirSync(modules)) {
    for (const file of readdirSync(join(modules, capability)).filter((f) => f.endsWith('.errors.ts'))) {
      await import(join(modules, capability, file));
    }
  }
}

describe('docs/api-errors.md', () => {
  it('lists every problem type the API can answer with', async () => {
    await registerAllProblems();
    const doc = readFileSync(join(process.cwd(), 'docs', 'api-errors.md'), 'utf8');
    const codes = registeredProblems().map((p) => p.code);
    expect(codes.length).toBeGreaterThan(20);
    expect(codes.filter((code) => !doc.includes(`\`${code}\``))).toEqual([]);
  });
});
