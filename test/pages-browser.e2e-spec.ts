import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createEmployee } from './factories/employee.factory.js';
import { loadDemo } from '#src/demo/demo-loader.js';
import { seedInsightsOrganisation, type InsightsFixture } from './factories/insights.factory.js';
import { createTenant, type TenantFixture } from './factories/tenant.factory.js';
import { createUnit } from './factories/unit.factory.js';
import { createUser, TEST_PASSWORD } from './factories/user.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

/**
 * The pages in a real browser: Debian's Chromium driven by playwright-core against the service
 * listening on localhost (docs/pages.md). `.ci/run` installs Chromium when it is missing.
 * With TANDEM_SCREENSHOTS=1 the pages are also saved to docs/screenshots/ for the README.
 */
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SCREENSHOTS = process.env.TANDEM_SCREENSHOTS === '1' ? 'docs/screenshots' : null;

describe('pages in Chromium', () => {
  let t: TestApp;
  let tenant: TenantFixture;
  let hr: string;
  let browser: Browser;
  let base: string;
  let surveyId: string;
  let tokens: string[];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does this)`);
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    const address = t.app.getHttpServer().address();
    base = `http://localhost:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });

    tenant = await createTenant(t, { anonymityThreshold: 3 });
    hr = tenant.bearer('hr_admin');
    const unit = await createUnit(t, tenant, { name: 'Field team' });
    for (let i = 0; i < 5; i++) await createEmployee(t, tenant, { unitId: unit.id, startDate: '2021-01-01' });
    const bank = (await t.http.get('/api/v1/survey-questions?limit=200').set('Authorization', hr)).body.items as { id: string; type: string; driverKey: string | null }[];
    const questionIds = [bank.find((q) => q.type === 'enps')!.id, ...bank.filter((q) => q.driverKey === 'growth').map((q) => q.id), bank.find((q) => q.type === 'text')!.id];
    surveyId = (await t.http.post('/api/v1/surveys').set('Authorization', hr).send({ name: 'Team pulse', kind: 'adhoc', questionIds })).body.id;
    const round = (await t.http.post(`/api/v1/surveys/${surveyId}/rounds`).set('Authorization', hr).send()).body;
    const links = await t.http.get(`/api/v1/surveys/${surveyId}/rounds/${round.id}/invitations?limit=200`).set('Authorization', hr);
    tokens = links.body.items.map((i: { token: string }) => i.token);
    // Two colleagues answer through the API: below k = 3, the round's results are still suppressed.
    for (const token of tokens.slice(0, 2)) {
      const sent = await t.http.post(`/api/v1/responses/${token}`).send({ submissionId: randomUUID(), answers: [{ questionId: questionIds[0], value: 8 }] });
      expect(sent.status).toBe(201);
    }
    if (SCREENSHOTS) mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const respondents = async () => (await t.http.get(`/api/v1/surveys/${surveyId}/results`).set('Authorization', hr)).body.respondents as unknown;

  /** axe-core run in the page: the serious and critical violations, by rule and element. */
  async function accessibilityViolations(page: Page): Promise<string[]> {
    // Evaluated through the DevTools protocol, which the pages' Content-Security-Policy does not block.
    await page.evaluate(AXE_SOURCE);
    const result = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] })`)) as {
      violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
    };
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }

  async function shot(page: Page, name: string): Promise<void> {
    if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
  }

  it('answers a survey end to end on a 360 px screen, one screen at a time, and the answer is counted', async () => {
    expect(await respondents()).toEqual({ suppressed: true, reason: 'below_threshold' });
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${base}/s/${tokens[2]}`);
    expect(await page.locator('h1').textContent()).toBe('Team pulse');
    expect(await page.locator('.promise').textContent()).toContain('groups of at least 3 people');
    // Readable at 360 px: nothing wider than the screen.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    expect(await accessibilityViolations(page)).toEqual([]);
    await shot(page, 'survey-360');

    await page.getByRole('radio', { name: '9', exact: true }).check();
    await page.getByRole('button', { name: 'Next' }).click();
    // The script switched screens in the page: still the same document, focus on the new heading.
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Part 2 of 3');
    const growth = page.locator('section[data-group="1"] fieldset');
    expect(await growth.count()).toBe(3);
    for (let i = 0; i < 3; i++) await growth.nth(i).getByRole('radio', { name: '4', exact: true }).check();
    await page.locator('section[data-group="1"]').getByRole('button', { name: 'Next' }).click();
    await page.getByRole('textbox').fill('Clearer career paths would help.');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await page.waitForSelector('text=Thank you');
    expect(await page.locator('h1').textContent()).toBe('Thank you');
    expect(await accessibilityViolations(page)).toEqual([]);
    await shot(page, 'survey-thanks');
    await context.close();

    expect(await respondents()).toBe(3);
  });

  it('answers with JavaScript off: every screen is a plain form post', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/s/${tokens[3]}?locale=fr`);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await page.getByRole('radio', { name: '7', exact: true }).check();
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Suivant' }).click()]);
    expect(await page.locator('section.group:not([hidden]) h2').textContent()).toBe('Partie 2 sur 3');
    await page.locator('section[data-group="1"] fieldset').first().getByRole('radio', { name: '2', exact: true }).check();
    await Promise.all([page.waitForNavigation(), page.locator('section[data-group="1"]').getByRole('button', { name: 'Suivant' }).click()]);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Envoyer mes réponses' }).click()]);
    expect(await page.locator('h1').textContent()).toBe('Merci');
    await context.close();
    expect(await respondents()).toBe(4);
  });

  it('shows a used link as such', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${base}/s/${tokens[2]}`);
    expect(response?.status()).toBe(409);
    expect(await page.locator('h1').textContent()).toBe('This link was already used');
    await page.close();
  });

  describe('the staff pages', () => {
    let email: string;
    let checklistId: string;

    beforeAll(async () => {
      email = (await createUser(t, tenant, { role: 'hr_admin', displayName: 'Hana HR' })).email;
      const employee = await createEmployee(t, tenant, { firstName: 'Grace', lastName: 'Hopper', startDate: '2030-03-04', stage: 'onboard' });
      const templates = await t.http.get('/api/v1/checklist-templates').set('Authorization', hr);
      const onboarding = templates.body.items.find((tpl: { kind: string }) => tpl.kind === 'onboarding');
      checklistId = (await t.http.post('/api/v1/checklists').set('Authorization', hr).send({ employeeId: employee.id, templateId: onboarding.id })).body.id;
    });

    it('refuses a wrong password with a message next to the form', async () => {
      const page = await browser.newPage();
      await page.goto(`${base}/app/checklists`);
      expect(page.url()).toBe(`${base}/signin?next=%2Fapp%2Fchecklists`);
      await page.getByLabel('E-mail').fill(email);
      await page.getByLabel('Password').fill('certainly not the password');
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in' }).click()]);
      expect(await page.getByRole('alert').textContent()).toContain('E-mail or password is wrong.');
      expect(await page.getByLabel('E-mail').inputValue()).toBe(email);
      expect((await page.context().cookies()).map((c) => c.name)).not.toContain('__Host-tandem_session');
      expect(await accessibilityViolations(page)).toEqual([]);
      await shot(page, 'signin-error');
      await page.close();
    });

    it('signs in and completes a checklist task on the board', async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${base}/app/checklists`);
      await page.getByLabel('E-mail').fill(email);
      await page.getByLabel('Password').fill(TEST_PASSWORD);
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in' }).click()]);
      expect(page.url()).toBe(`${base}/app/checklists`);
      const session = (await context.cookies()).find((c) => c.name === '__Host-tandem_session')!;
      expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax' });
      expect(await accessibilityViolations(page)).toEqual([]);
      await shot(page, 'board');

      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Grace Hopper' }).click()]);
      expect(page.url()).toBe(`${base}/app/checklists/${checklistId}`);
      expect(await page.locator('main').textContent()).toContain('0 of 11 tasks done');
      const row = page.getByRole('row', { name: /Send the welcome e-mail/ });
      await Promise.all([page.waitForNavigation(), row.getByRole('button', { name: /Complete/ }).click()]);
      expect(await page.getByRole('status').textContent()).toBe('Task completed.');
      expect(await page.locator('main').textContent()).toContain('1 of 11 tasks done');
      expect(await accessibilityViolations(page)).toEqual([]);
      await shot(page, 'checklist');
      const stored = await t.sql.query(`SELECT status FROM checklist_tasks WHERE tenant_id = $1 AND checklist_id = $2 AND key = 'welcome_email'`, [tenant.id, checklistId]);
      expect(stored.rows[0]).toEqual({ status: 'done' });
      await context.close();
    });
  });

  describe('the leader’s dashboard', () => {
    /**
     * The organisation most dashboard checks run on: a small fixture whose figures are known (pairs,
     * suppressed cells). The demo organisation's dashboard is opened too (below), as issue 10 asks.
     */
    const loadDashboardOrganisation: (app: TestApp) => Promise<InsightsFixture> = seedInsightsOrganisation;
    let org: InsightsFixture;

    beforeAll(async () => {
      org = await loadDashboardOrganisation(t);
    });

    it('signs in and draws the EX → CX scatter with one point per pair, the regression line and the other charts', async () => {
      const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      await page.goto(`${base}/app/insights`);
      expect(page.url()).toBe(`${base}/signin?next=%2Fapp%2Finsights`);
      await page.getByLabel('E-mail').fill(org.hrEmail);
      await page.getByLabel('Password').fill(TEST_PASSWORD);
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in' }).click()]);
      expect(page.url()).toBe(`${base}/app/insights`);
      expect(await page.locator('h1').textContent()).toBe('Insights');

      // Chart.js, served from node_modules, drew every chart the page has data for.
      await page.waitForFunction(`['chart-trend', 'chart-scatter', 'chart-lags', 'chart-drivers'].every((id) => Chart.getChart(id))`);
      const scatter = (await page.evaluate(`(() => {
        const chart = Chart.getChart('chart-scatter');
        return { points: chart.getDatasetMeta(0).data.length, line: chart.getDatasetMeta(1).data.length, type: chart.getDatasetMeta(1).type, width: chart.width };
      })()`)) as { points: number; line: number; type: string; width: number };
      expect(scatter).toMatchObject({ points: org.pairs.hr, line: 2, type: 'line' });
      expect(scatter.width).toBeGreaterThan(200);
      // The text alternative lists the same pairs.
      expect(await page.locator('#table-scatter tbody tr').count()).toBe(org.pairs.hr);
      expect(await page.getByRole('img', { name: /Scatter plot of \d+ pairs/ }).getAttribute('aria-label')).toContain(`${org.pairs.hr} pairs`);
      // Suppressed cells say so.
      expect(await page.locator('#table-heatmap [data-suppressed]').count()).toBe(2);
      // No script was refused by the Content-Security-Policy, and none failed.
      expect(problems).toEqual([]);
      expect(await accessibilityViolations(page)).toEqual([]);
      await shot(page, 'insights');

      // The filters are a GET form: a manager's view of her team is a link like any other.
      await page.getByLabel('CX read').selectOption('1');
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Show' }).click()]);
      expect(page.url()).toContain('lag=1');
      await page.waitForFunction(`Boolean(Chart.getChart('chart-scatter'))`);
      expect(await page.evaluate(`Chart.getChart('chart-scatter').getDatasetMeta(0).data.length`)).toBe(Number(await page.locator('#ex-cx-stats dd').first().textContent()));
      await context.close();
    });

    it('opens the demo organisation’s dashboard and draws its EX → CX scatter with one point per pair', async () => {
      const demo = await loadDemo(t.app);
      const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
      const page = await context.newPage();
      await page.goto(`${base}/signin?next=%2Fapp%2Finsights`);
      await page.getByLabel('E-mail').fill(demo.hrAdmin.email);
      await page.getByLabel('Password').fill(demo.hrAdmin.password);
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in' }).click()]);
      expect(page.url()).toBe(`${base}/app/insights`);
      await page.waitForFunction(`Boolean(Chart.getChart('chart-scatter'))`);
      const points = (await page.evaluate(`Chart.getChart('chart-scatter').getDatasetMeta(0).data.length`)) as number;
      // The pairs the page reports, and the rows of its table, are the points drawn: a year of 40 teams.
      expect(points).toBe(Number(await page.locator('#ex-cx-stats dd').first().textContent()));
      expect(await page.locator('#table-scatter tbody tr').count()).toBe(points);
      expect(points).toBeGreaterThan(100);
      await context.close();
    }, 300_000); // the demo load is most of it: 15–35 s quiet, minutes on a saturated machine

    it('shows a manager her reporting line only, readable at 360 px', async () => {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
      const page = await context.newPage();
      await page.goto(`${base}/signin?next=%2Fapp%2Finsights`);
      await page.getByLabel('E-mail').fill(org.managerEmail);
      await page.getByLabel('Password').fill(TEST_PASSWORD);
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in' }).click()]);
      await page.waitForFunction(`Boolean(Chart.getChart('chart-scatter'))`);
      expect(await page.evaluate(`Chart.getChart('chart-scatter').getDatasetMeta(0).data.length`)).toBe(org.pairs.manager);
      expect(await page.getByLabel('Unit').locator('option').allTextContents()).toEqual(['Sales', 'Sales North', 'Sales South']);
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
      expect(await accessibilityViolations(page)).toEqual([]);
      await shot(page, 'insights-manager-360');
      await context.close();
    });
  });
});
