import type { DemoResult } from './demo-loader.js';

/**
 * What the demo loader prints: what was loaded (or that it was there already), how to sign in,
 * and the API key when it was just made. `baseUrl` is the running service, when there is one.
 */
export function demoBanner(result: DemoResult, baseUrl?: string): string {
  const where = baseUrl ? `${baseUrl}/signin` : '/signin once Tandem runs (npm start)';
  const lines = [''];
  if (result.created) {
    const c = result.counts;
    lines.push(
      `  The demo organisation (slug ${result.slug}) was loaded in ${(result.elapsedMs / 1000).toFixed(1)} s:`,
      `    ${c.employees} people in ${c.units} units, ${c.rounds} monthly pulse rounds with ${c.responses} responses,`,
      `    ${c.separations} separations (${c['exit interviews answered']} exit interviews answered), ${c.checklists} checklists,`,
      `    ${c['pain points']} pain points, ${c['cx figures']} customer figures (CSAT and NPS per team and month).`,
    );
  } else {
    lines.push(`  The demo organisation (slug ${result.slug}) is already loaded; nothing was changed.`);
  }
  lines.push(
    '',
    `  Sign in at ${where}, or with POST /api/v1/auth/login:`,
    `    HR admin:  ${result.hrAdmin.email}  password: ${result.hrAdmin.password}`,
    `    Manager:   ${result.manager.email}  password: ${result.manager.password}  (head of ${result.manager.unit}: sees its teams)`,
    '',
  );
  if (result.apiKey) {
    lines.push('  Its hr_admin API key (shown only now):', '', `    ${result.apiKey}`, '', '  Use it as:  Authorization: Bearer <key>', '');
  } else {
    lines.push('  Its API key was shown when it was loaded; HR can issue another with POST /api/v1/api-keys.', '');
  }
  return lines.join('\n');
}
