/**
 * The paths of the pages (docs/pages.md), served beside the API outside its `/api/v1` prefix.
 * Every one is also listed here so the prefix leaves it alone.
 */
export const PAGE_PATHS = [
  's/:token',
  'signin',
  'signout',
  'app',
  'app/checklists',
  'app/checklists/:id',
  'app/tasks',
  'app/tasks/:id/complete',
  'app/insights',
  'assets/:name',
] as const;
