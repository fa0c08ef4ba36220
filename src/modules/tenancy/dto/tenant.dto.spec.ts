import { slugify } from './tenant.dto.js';

describe('slugify', () => {
  it.each([
    ['Acme Corp (EU)', 'acme-corp-eu'],
    ['  Zürich Café  ', 'zurich-cafe'],
    ['ÅÄÖ', 'aao'],
    ['A', 'org-a'],
    ['!!!', 'org'],
    ['x'.repeat(100), 'x'.repeat(63)],
  ])('%p → %p', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });
});
