import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '#src/common/auth/principal.js';
import { DomainError } from '#src/common/errors/domain-error.js';
import { ChecklistsService } from '#src/modules/checklists/checklists.service.js';
import { CxObservationsService } from '#src/modules/cx/cx-observations.service.js';
import { EmployeesImportService } from '#src/modules/employees/employees-import.service.js';
import type { BulkEmployeeItemDto } from '#src/modules/employees/dto/bulk-employees.dto.js';
import { JourneyMapService } from '#src/modules/journey-map/journey-map.service.js';
import { PainPointsService } from '#src/modules/journey-map/pain-points.service.js';
import type { PainPointStatus } from '#src/modules/journey-map/domain/touchpoints.js';
import { ExitInterviewsService } from '#src/modules/separations/exit-interviews.service.js';
import { SeparationsService } from '#src/modules/separations/separations.service.js';
import { ActionsService } from '#src/modules/surveys/actions.service.js';
import type { AskedQuestion } from '#src/modules/surveys/domain/questions.js';
import { nextRoundAt } from '#src/modules/surveys/domain/surveys.js';
import { DEFAULT_DRIVERS, defaultQuestions, ENPS_QUESTION } from '#src/modules/surveys/domain/default-bank.js';
import { QuestionBankService } from '#src/modules/surveys/question-bank.service.js';
import { ResponsesService } from '#src/modules/surveys/responses.service.js';
import { RoundsService } from '#src/modules/surveys/rounds.service.js';
import { SurveysService } from '#src/modules/surveys/surveys.service.js';
import { TenancyProblems } from '#src/modules/tenancy/tenancy.errors.js';
import { TenantsService } from '#src/modules/tenancy/tenants.service.js';
import { UnitsService } from '#src/modules/units/units.service.js';
import { UsersService } from '#src/modules/users/users.service.js';
import { asSystem, inTenant } from '#src/common/tenancy/tenant-scope.js';
import { COMPANY_MOOD, cxFigures, exitAnswers, pulseAnswers, respondsTo, type ExCell } from './demo-answers.js';
import { addDays, daysBetween, DEMO_COMPANY, DEMO_EMAIL_DOMAIN, DEMO_SEED, planDemo, type DemoPerson, type DemoPlan, type DemoUnit } from './demo-plan.js';
import { Random } from './random.js';

/** The demo organisation's slug: there is at most one. */
export const DEMO_SLUG = 'demo';
/** The sign-in password of the demo's users unless TANDEM_DEMO_PASSWORD says otherwise. */
export const DEMO_PASSWORD = 'tandem-demo-password';
/** The name the demo tenant carries until its load has finished. */
const LOADING_NAME = `${DEMO_COMPANY} (demo, loading)`;
/** The demo's anonymity threshold k (the organisation default). */
const K = 5;
/** Rounds stay open this many days; answers come in on the first nine. */
const WINDOW_DAYS = 10;
/**
 * How far back checklists go: the board shows the last months of joiners and leavers (as if
 * checklists had moved into Tandem then); a year of them would double the load time.
 */
const CHECKLIST_HISTORY_DAYS = { onboarding: 183, offboarding: 122 };
/** Work done side by side (survey answers, checklist tasks, exits): on two cores more is no faster. */
const PARALLEL = 4;

export interface DemoOptions {
  /** The load day (default now); every date of the demo is relative to it. */
  readonly today?: Date;
  readonly seed?: number;
  readonly password?: string;
  /** Progress lines (default: none). */
  readonly log?: (line: string) => void;
}

export interface DemoCredentials {
  readonly email: string;
  readonly password: string;
}

export interface DemoResult {
  /** False when a demo organisation was there already: nothing was written. */
  readonly created: boolean;
  readonly tenantId: string;
  readonly slug: string;
  /** The first hr_admin API key, only when just created (only its hash is stored). */
  readonly apiKey: string | null;
  readonly hrAdmin: DemoCredentials;
  readonly manager: DemoCredentials & { readonly unit: string };
  readonly counts: Readonly<Record<string, number>>;
  readonly elapsedMs: number;
}

/** A demo organisation that started loading but never finished: remove it (or use a fresh database). */
export class DemoIncompleteError extends Error {}

/**
 * Loads the demo organisation (docs/demo.md) through the application's own services, so every
 * rule holds as it would for real data; then dates its history back by SQL where the services can
 * only write "now" (the list is in docs/demo.md). Runs once: with a demo organisation present it
 * writes nothing and says so.
 */
export async function loadDemo(app: INestApplicationContext, options: DemoOptions = {}): Promise<DemoResult> {
  return new DemoLoader(app, options).load();
}

interface Submission {
  readonly token: string;
  readonly day: string;
  readonly answers: ReturnType<typeof pulseAnswers>;
}

class DemoLoader {
  private readonly db: DataSource;
  private readonly startedAt = Date.now();
  private readonly log: (line: string) => void;
  private readonly password: string;
  private readonly plan: DemoPlan;
  private readonly seed: number;
  private readonly people: Map<string, DemoPerson>;
  private readonly units: Map<string, DemoUnit>;
  private readonly employeeIds = new Map<string, string>();
  private readonly unitIds = new Map<string, string>();
  private readonly separated = new Set<string>();
  private readonly counts: Record<string, number> = {};
  private tenantId = '';
  private hr!: Principal;

  constructor(
    private readonly app: INestApplicationContext,
    options: DemoOptions,
  ) {
    this.db = app.get(DataSource);
    this.log = options.log ?? (() => undefined);
    this.password = options.password ?? DEMO_PASSWORD;
    this.seed = options.seed ?? DEMO_SEED;
    this.plan = planDemo((options.today ?? new Date()).toISOString().slice(0, 10), this.seed);
    this.people = new Map(this.plan.people.map((p) => [p.externalId, p]));
    this.units = new Map(this.plan.units.map((u) => [u.externalId, u]));
  }

  private get managerPerson(): DemoPerson {
    return this.people.get(this.units.get('u-support')!.managerExternalId)!;
  }

  private credentials(): Pick<DemoResult, 'hrAdmin' | 'manager'> {
    return {
      hrAdmin: { email: `hr@${DEMO_EMAIL_DOMAIN}`, password: this.password },
      manager: { email: this.managerPerson.workEmail, password: this.password, unit: this.units.get('u-support')!.name },
    };
  }

  /** Finding the demo organisation by its slug is system work; loading it runs in its tenant's scope. */
  async load(): Promise<DemoResult> {
    const existing = await asSystem('demo: find the demo organisation', () => this.existing());
    if (existing) return existing;
    let created;
    try {
      created = await this.app.get(TenantsService).create({ name: LOADING_NAME, slug: DEMO_SLUG });
    } catch (error) {
      // Another load created it a moment ago.
      if (error instanceof DomainError && error.problem === TenancyProblems.slugTaken) {
        return (await asSystem('demo: find the demo organisation', () => this.existing()))!;
      }
      throw error;
    }
    this.tenantId = created.tenant.id;
    await inTenant(this.tenantId, async () => {
      await this.step('users and org tree', () => this.orgTree());
      await this.step('twelve monthly rounds', () => this.history());
      await this.step('checklists', () => this.checklists());
      await this.step('exit interviews', () => this.exitInterviews());
      await this.step('journey map', () => this.journeyMap());
      await this.step('survey actions', () => this.actions());
      await this.step('customer figures', () => this.customerFigures());
      await this.app.get(TenantsService).update(this.hr, { name: DEMO_COMPANY });
    });
    return {
      created: true,
      tenantId: this.tenantId,
      slug: DEMO_SLUG,
      apiKey: created.apiKey.key,
      ...this.credentials(),
      counts: this.counts,
      elapsedMs: Date.now() - this.startedAt,
    };
  }

  private async existing(): Promise<DemoResult | null> {
    const rows: { id: string; name: string }[] = await this.db.query(`SELECT id, name FROM tenants WHERE slug = $1`, [DEMO_SLUG]);
    const tenant = rows[0];
    if (!tenant) return null;
    if (tenant.name === LOADING_NAME) {
      throw new DemoIncompleteError(
        `The demo organisation (slug ${DEMO_SLUG}) is being loaded by another run, or its load did not finish; if nothing else is loading it, load the demo into a fresh database.`,
      );
    }
    // The manager who signs in, as stored (the plan of another day names the same person, but the database says so).
    const managers: { email: string }[] = await this.db.query(
      `SELECT email FROM users WHERE tenant_id = $1 AND role = 'manager' AND password_hash IS NOT NULL ORDER BY created_at LIMIT 1`,
      [tenant.id],
    );
    const credentials = this.credentials();
    return {
      created: false,
      tenantId: tenant.id,
      slug: DEMO_SLUG,
      apiKey: null,
      hrAdmin: credentials.hrAdmin,
      manager: { ...credentials.manager, email: managers[0]?.email ?? credentials.manager.email },
      counts: {},
      elapsedMs: Date.now() - this.startedAt,
    };
  }

  private async step(name: string, run: () => Promise<void>): Promise<void> {
    const started = Date.now();
    await run();
    this.log(`  ${name}: ${Date.now() - started} ms`);
  }

  private count(what: string, by = 1): void {
    this.counts[what] = (this.counts[what] ?? 0) + by;
  }

  // ── Org tree, people present at the start, users ────────────────────────────────────────────

  private async orgTree(): Promise<void> {
    const users = this.app.get(UsersService);
    const hrUser = await users.create(this.tenantId, {
      email: `hr@${DEMO_EMAIL_DOMAIN}`, displayName: 'Helena Park (HR)', role: 'hr_admin', password: this.password,
    });
    this.hr = { tenantId: this.tenantId, role: 'hr_admin', kind: 'user', userId: hrUser.id, apiKeyId: null };

    const tree = await this.app.get(UnitsService).bulkUpsert(this.tenantId, {
      items: this.plan.units.map((unit) => ({ externalId: unit.externalId, name: unit.name, kind: unit.kind, parentExternalId: unit.parentExternalId })),
    });
    for (const row of tree.results) this.unitIds.set(row.externalId, row.id);
    this.count('units', tree.results.length);

    await this.importPeople((person) => person.startDate !== null && person.startDate <= this.plan.rounds[0]!.opensOn);
    for (const unit of this.plan.units) {
      await this.app.get(UnitsService).update(this.tenantId, this.unitIds.get(unit.externalId)!, { managerId: this.employeeIds.get(unit.managerExternalId)! });
    }
    // Every manager can sign in to their tasks; the demo manager (head of support) with a password.
    const manager = this.managerPerson;
    for (const person of this.plan.people.filter((p) => p.role !== 'member')) {
      await users.create(this.tenantId, {
        email: person.workEmail,
        displayName: `${person.firstName} ${person.lastName}`,
        role: 'manager',
        employeeId: this.employeeIds.get(person.externalId)!,
        password: person === manager ? this.password : undefined,
      });
      this.count('users');
    }
  }

  /** Imports, through the HRIS bulk upsert, everyone `which` picks who is not imported yet. */
  private async importPeople(which: (person: DemoPerson) => boolean): Promise<void> {
    const batch = this.plan.people.filter((person) => !this.employeeIds.has(person.externalId) && which(person));
    if (batch.length === 0) return;
    const items: BulkEmployeeItemDto[] = batch.map((person) => ({
      externalId: person.externalId,
      firstName: person.firstName,
      lastName: person.lastName,
      stage: person.importStage,
      workEmail: person.workEmail,
      jobTitle: person.jobTitle,
      unitExternalId: person.unitExternalId,
      managerExternalId: person.managerExternalId,
      location: person.location,
      employmentType: person.employmentType,
      startDate: person.startDate,
    }));
    const result = await this.app.get(EmployeesImportService).bulkUpsert(this.hr, items);
    for (const row of result.results) {
      if (row.status === 'error' || !row.id) throw new Error(`Demo import refused ${row.externalId}: ${JSON.stringify(row.errors)}`);
      this.employeeIds.set(row.externalId, row.id);
    }
    this.count('employees', batch.length);
  }

  /** Records, through the separations service, the exits `which` picks that are not recorded yet. */
  private async separate(which: (person: DemoPerson) => boolean): Promise<void> {
    const separations = this.app.get(SeparationsService);
    const due = this.plan.people.filter(
      (person) => person.exit && !this.separated.has(person.externalId) && this.employeeIds.has(person.externalId) && which(person),
    );
    await inParallel(due, PARALLEL, async (person) => {
      const exit = person.exit!;
      await separations.record(this.hr, {
        employeeId: this.employeeIds.get(person.externalId)!,
        noticeDate: exit.noticeDate,
        lastWorkingDay: exit.lastWorkingDay,
        type: exit.type,
        regrettable: exit.regrettable,
        primaryReason: exit.primaryReason,
        secondaryReasons: [...exit.secondaryReasons],
        rehireEligible: exit.rehireEligible,
        alumniOptIn: exit.alumniEmail !== null,
        ...(exit.alumniEmail ? { alumniEmail: exit.alumniEmail } : {}),
        startOffboarding: exit.lastWorkingDay >= addDays(this.plan.today, -CHECKLIST_HISTORY_DAYS.offboarding),
      });
    });
    for (const person of due) this.separated.add(person.externalId);
    this.count('separations', due.length);
  }

  // ── Twelve months: hires, exits, a pulse round each month ───────────────────────────────────

  private surveyId = '';
  private readonly cells = new Map<string, { respondents: number; promoters: number; detractors: number; enpsAnswers: number; engagementSum: number; engagementAnswers: number }>();

  private async history(): Promise<void> {
    // The eNPS question, each default driver's first statement and the open questions, in the
    // bank's default order (not the listing's, which follows the random ids): the same seed then
    // asks, and answers, the same.
    const bank = (await this.app.get(QuestionBankService).listQuestions(this.tenantId, { limit: 200 })).items;
    const byText = (type: string, text: string) => bank.find((question) => question.type === type && question.texts.en === text);
    const firstOfDriver = DEFAULT_DRIVERS.map((driver) => byText('likert5', driver.questions[0]!)!);
    const enps = byText('enps', ENPS_QUESTION)!;
    const texts = defaultQuestions().filter((question) => question.type === 'text').map((question) => byText('text', question.text)!);
    const survey = await this.app.get(SurveysService).create(this.tenantId, {
      name: 'Monthly pulse',
      kind: 'pulse',
      cadence: 'monthly',
      windowDays: WINDOW_DAYS,
      questionIds: [enps.id, ...firstOfDriver.map((question) => question.id), ...texts.map((question) => question.id)],
    });
    this.surveyId = survey.id;
    const textQuestions = { change: texts.find((q) => /change/i.test(q.texts.en ?? ''))?.id, keep: texts.find((q) => /keep/i.test(q.texts.en ?? ''))?.id };

    const rounds = this.app.get(RoundsService);
    for (const [index, round] of this.plan.rounds.entries()) {
      // The organisation as it was that day: who had started, who had left.
      await this.importPeople((person) => person.startDate !== null && person.startDate <= round.opensOn);
      await this.separate((person) => person.exit!.lastWorkingDay < round.opensOn);

      const opened = await rounds.open(this.tenantId, this.surveyId);
      const rng = Random.of(this.seed, `round-${index}`);
      const invitations = await this.invitations(opened.id);
      const submissions: Submission[] = [];
      for (const invitation of invitations) {
        const person = this.people.get(invitation.externalId)!;
        const unit = this.units.get(person.unitExternalId)!;
        const mood = unit.effect + (unit.drift[index] ?? 0) + COMPANY_MOOD[index]! + person.effect;
        if (!respondsTo(rng, mood)) continue;
        const answers = pulseAnswers(rng, opened.questions, mood, textQuestions);
        const day = addDays(round.opensOn, rng.int(0, WINDOW_DAYS - 2));
        submissions.push({ token: invitation.token, day, answers });
        this.tally(unit, round.month, answers, opened.questions);
      }
      const responses = this.app.get(ResponsesService);
      await inParallel(submissions, PARALLEL, (submission) =>
        responses.submit(submission.token, { submissionId: randomUUID(), answers: [...submission.answers] }, new Date(`${submission.day}T10:00:00Z`)),
      );
      this.count('responses', submissions.length);
      await rounds.close(this.tenantId, this.surveyId, opened.id);
      // Back-dated: the round was opened through the service today (a past round cannot take
      // answers), so it is moved to its month once its answers are in.
      await this.db.query(
        `WITH r AS (
           UPDATE survey_rounds SET opened_at = $3::timestamptz, closes_at = $3::timestamptz + make_interval(days => $4), closed_at = $3::timestamptz + make_interval(days => $4)
           WHERE tenant_id = $1 AND id = $2 RETURNING id
         )
         UPDATE survey_invitations SET created_at = $3::timestamptz WHERE tenant_id = $1 AND round_id IN (SELECT id FROM r)`,
        [this.tenantId, opened.id, `${round.opensOn}T08:00:00Z`, WINDOW_DAYS],
      );
      this.count('rounds');
    }

    // After the last round: today's joiners, the pipeline, and exits since then (some still in their notice).
    await this.importPeople(() => true);
    await this.separate(() => true);
    const first = this.plan.rounds[0]!;
    const last = this.plan.rounds[this.plan.rounds.length - 1]!;
    const next = nextRoundAt('monthly', new Date(`${last.opensOn}T08:00:00Z`));
    const current = await this.app.get(SurveysService).get(this.tenantId, this.surveyId);
    await this.app.get(SurveysService).update(this.tenantId, this.surveyId, { nextRoundAt: next.toISOString(), version: current.version });
    // Back-dated: the survey was made and locked today; its history begins with the first round.
    await this.db.query(`UPDATE surveys SET created_at = $3, thresholds_locked_at = $3 WHERE tenant_id = $1 AND id = $2`, [
      this.tenantId,
      this.surveyId,
      `${addDays(first.opensOn, -3)}T08:00:00Z`,
    ]);
  }

  /** The round's links, with whose they are (HR's list of links). */
  private async invitations(roundId: string): Promise<{ token: string; externalId: string }[]> {
    const externalIds = new Map([...this.employeeIds].map(([externalId, id]) => [id, externalId]));
    const result: { token: string; externalId: string }[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.app.get(RoundsService).invitations(this.tenantId, this.surveyId, roundId, { limit: 200, cursor });
      for (const item of page.items) result.push({ token: item.token, externalId: externalIds.get(item.employeeId)! });
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return result.sort((a, b) => a.externalId.localeCompare(b.externalId));
  }

  /** Counts what a team said in a month, as the EX → CX report will (eNPS and engagement). */
  private tally(unit: DemoUnit, month: string, answers: ReturnType<typeof pulseAnswers>, questions: readonly { id: string; type: string; driverKey: string | null }[]): void {
    const key = `${unit.externalId}|${month}`;
    const cell = this.cells.get(key) ?? { respondents: 0, promoters: 0, detractors: 0, enpsAnswers: 0, engagementSum: 0, engagementAnswers: 0 };
    cell.respondents += 1;
    for (const answer of answers) {
      const question = questions.find((q) => q.id === answer.questionId)!;
      if (question.type === 'enps') {
        cell.enpsAnswers += 1;
        if (answer.value! >= 9) cell.promoters += 1;
        if (answer.value! <= 6) cell.detractors += 1;
      } else if (question.type === 'likert5' && question.driverKey === 'engagement') {
        cell.engagementSum += answer.value!;
        cell.engagementAnswers += 1;
      }
    }
    this.cells.set(key, cell);
  }

  // ── Checklists ───────────────────────────────────────────────────────────────────────────────

  private async checklists(): Promise<void> {
    const checklists = this.app.get(ChecklistsService);
    const templates: { id: string; kind: string }[] = await this.db.query(
      `SELECT id, kind FROM checklist_templates WHERE tenant_id = $1 AND kind = 'onboarding' ORDER BY created_at LIMIT 1`,
      [this.tenantId],
    );
    const onboarding = templates[0]!.id;
    // Hires of the last six months, and those about to start, have an onboarding checklist; leavers
    // of the last four months an offboarding one, started by their separation.
    const since = addDays(this.plan.today, -CHECKLIST_HISTORY_DAYS.onboarding);
    for (const person of this.plan.people) {
      if (!person.startDate || person.startDate < since || person.exit || person.role !== 'member') continue;
      await checklists.start(this.hr, { employeeId: this.employeeIds.get(person.externalId)!, templateId: onboarding });
      this.count('checklists');
    }

    // The work done on them: tasks due in the past mostly done, a few late, some overdue; a few early.
    const [{ offboarding }] = (await this.db.query(`SELECT count(*)::int AS offboarding FROM separations WHERE tenant_id = $1 AND checklist_id IS NOT NULL`, [
      this.tenantId,
    ])) as [{ offboarding: number }];
    this.count('checklists', offboarding);

    // In an order that does not depend on the random ids, so the same seed does the same work.
    const tasks: { id: string; checklist_id: string; key: string; depends_on: string[]; due_on: string; anchor: string; kind: string }[] = await this.db.query(
      `SELECT t.id, t.checklist_id, t.key, t.depends_on, to_char(t.due_on, 'YYYY-MM-DD') AS due_on, to_char(c.anchor_date, 'YYYY-MM-DD') AS anchor, tp.kind
       FROM checklist_tasks t
       JOIN checklists c ON c.tenant_id = t.tenant_id AND c.id = t.checklist_id
       JOIN checklist_templates tp ON tp.tenant_id = c.tenant_id AND tp.id = c.template_id
       JOIN employees e ON e.tenant_id = c.tenant_id AND e.id = c.employee_id
       WHERE t.tenant_id = $1 ORDER BY e.external_id, tp.kind, t.due_on, t.key`,
      [this.tenantId],
    );
    const rng = Random.of(this.seed, 'checklists');
    const today = this.plan.today;
    const byChecklist = new Map<string, typeof tasks>();
    for (const task of tasks) byChecklist.set(task.checklist_id, [...(byChecklist.get(task.checklist_id) ?? []), task]);
    const work: { checklistId: string; done: { id: string; on: string }[] }[] = [];
    const starts = new Map<string, string>();
    for (const [checklistId, list] of byChecklist) {
      const anchor = list[0]!.anchor;
      // The day the checklist was started: two weeks before the first day (onboarding), three
      // weeks before the last day (offboarding, whose first task is due two weeks before it).
      const started = [addDays(anchor, list[0]!.kind === 'onboarding' ? -14 : -21), today].sort()[0]!;
      starts.set(checklistId, started);
      const finished = new Map<string, string>();
      const decided = new Set<string>();
      // Tasks in due order, a task only once what it depends on is done (passes until nothing changes).
      for (let progress = true; progress; ) {
        progress = false;
        for (const task of list) {
          if (decided.has(task.key) || task.depends_on.some((key) => !finished.has(key))) continue;
          decided.add(task.key);
          progress = true;
          const pastDue = task.due_on <= today;
          const settled = daysBetween(anchor, today) > 60;
          if (!(pastDue ? rng.chance(settled ? 1 : 0.85) : rng.chance(0.12))) continue;
          const after = [started, ...task.depends_on.map((key) => finished.get(key)!)].sort().reverse()[0]!;
          let on = addDays(task.due_on, Math.round(rng.normal(-1, 3)));
          if (on < after) on = after;
          if (on > today) on = today;
          finished.set(task.key, on);
        }
      }
      // In the order decided, so that what a task depends on is completed before it.
      const ids = new Map(list.map((task) => [task.key, task.id]));
      work.push({ checklistId, done: [...finished].map(([key, on]) => ({ id: ids.get(key)!, on })) });
    }
    await inParallel(work, PARALLEL, async ({ done }) => {
      for (const task of done) await checklists.act(this.hr, task.id, 'complete', undefined);
    });
    this.count('checklist tasks done', work.reduce((sum, w) => sum + w.done.length, 0));

    // Back-dated: tasks were completed (and checklists started) today by the services; each is
    // moved to the day it was done, and the checklist to the day it started and finished.
    const done = work.flatMap((w) => w.done);
    await this.db.query(
      `WITH d AS (SELECT * FROM unnest($2::uuid[], $3::date[]) AS d(id, day)),
       tasks AS (
         UPDATE checklist_tasks t SET completed_at = d.day + time '15:00' FROM d WHERE t.tenant_id = $1 AND t.id = d.id RETURNING t.id
       )
       UPDATE checklist_task_events ev SET created_at = d.day + time '15:00'
       FROM d WHERE ev.tenant_id = $1 AND ev.task_id = d.id AND ev.action = 'complete' AND ev.task_id IN (SELECT id FROM tasks)`,
      [this.tenantId, done.map((task) => task.id), done.map((task) => task.on)],
    );
    const ids = [...starts.keys()];
    await this.db.query(
      `WITH s AS (SELECT * FROM unnest($2::uuid[], $3::date[]) AS s(id, day)),
       runs AS (
         UPDATE checklists c SET created_at = s.day + time '09:00',
           completed_at = CASE WHEN c.status = 'completed'
             THEN (SELECT max(t.completed_at) FROM checklist_tasks t WHERE t.tenant_id = c.tenant_id AND t.checklist_id = c.id) END
         FROM s WHERE c.tenant_id = $1 AND c.id = s.id RETURNING c.id, s.day
       )
       UPDATE checklist_task_events ev SET created_at = runs.day + time '09:00'
       FROM checklist_tasks t, runs
       WHERE ev.tenant_id = $1 AND ev.action = 'create' AND t.tenant_id = ev.tenant_id AND t.id = ev.task_id AND t.checklist_id = runs.id`,
      [this.tenantId, ids, ids.map((id) => starts.get(id)!)],
    );
  }

  // ── Exit interviews ─────────────────────────────────────────────────────────────────────────

  private async exitInterviews(): Promise<void> {
    const interviews: { id: string; employee_id: string; questions: AskedQuestion[] }[] = await this.db.query(
      `SELECT x.id, s.employee_id, x.questions FROM exit_interviews x
       JOIN separations s ON s.tenant_id = x.tenant_id AND s.id = x.separation_id
       JOIN employees e ON e.tenant_id = s.tenant_id AND e.id = s.employee_id
       WHERE x.tenant_id = $1 ORDER BY s.last_working_day, e.external_id`,
      [this.tenantId],
    );
    const externalIds = new Map([...this.employeeIds].map(([externalId, id]) => [id, externalId]));
    const service = this.app.get(ExitInterviewsService);
    const rng = Random.of(this.seed, 'exit-interviews');
    const answered: { id: string; day: string }[] = [];
    for (const interview of interviews) {
      const person = this.people.get(externalIds.get(interview.employee_id)!)!;
      if (!person.exit?.interviewAnswered) continue;
      const questions = interview.questions.map((q) => ({ id: q.id, type: q.type, driverKey: q.driverKey, options: q.options, text: q.texts.en ?? '' }));
      const unit = this.units.get(person.unitExternalId)!;
      const answers = exitAnswers(rng, questions, unit.effect + person.effect, REASON_OPTIONS.indexOf(person.exit.primaryReason));
      await service.enter(this.hr, interview.id, { answers: answers.map((a) => ({ ...a })) });
      const day = [addDays(person.exit.lastWorkingDay, rng.int(-6, 10)), this.plan.today].sort()[0]!;
      answered.push({ id: interview.id, day });
    }
    // Back-dated: HR entered the answers today; the conversations took place around the last day.
    await this.db.query(
      `UPDATE exit_interviews x SET completed_at = d.day + time '14:00'
       FROM unnest($2::uuid[], $3::date[]) AS d(id, day) WHERE x.tenant_id = $1 AND x.id = d.id`,
      [this.tenantId, answered.map((a) => a.id), answered.map((a) => a.day)],
    );
    this.count('exit interviews answered', answered.length);
  }

  // ── Journey map: evidence links and pain points ─────────────────────────────────────────────

  private async journeyMap(): Promise<void> {
    const journey = this.app.get(JourneyMapService);
    const map = await journey.map(this.tenantId);
    const touchpoints = new Map(map.stages.flatMap((stage) => stage.touchpoints).map((t) => [t.name, t.id]));
    const templates: { id: string; kind: string }[] = await this.db.query(`SELECT id, kind FROM checklist_templates WHERE tenant_id = $1`, [this.tenantId]);
    const template = (kind: string) => templates.find((t) => t.kind === kind)!.id;
    const questions: { id: string; driver_key: string }[] = await this.db.query(
      `SELECT DISTINCT ON (driver_key) id, driver_key FROM survey_questions WHERE tenant_id = $1 AND type = 'likert5' AND purpose = 'survey' AND id = ANY($2::uuid[]) ORDER BY driver_key, id`,
      [this.tenantId, (await this.app.get(SurveysService).get(this.tenantId, this.surveyId)).questionIds],
    );
    const question = (driver: string) => questions.find((q) => q.driver_key === driver)!.id;
    const links: [string, { kind: 'checklist_task' | 'survey_question'; templateId?: string; taskKey?: string; questionId?: string }][] = [
      ['Pre-boarding', { kind: 'checklist_task', templateId: template('onboarding'), taskKey: 'welcome_email' }],
      ['Day one', { kind: 'checklist_task', templateId: template('onboarding'), taskKey: 'day_one_welcome' }],
      ['IT and equipment setup', { kind: 'checklist_task', templateId: template('onboarding'), taskKey: 'day_one_setup' }],
      ['IT and equipment setup', { kind: 'survey_question', questionId: question('tools_processes') }],
      ['30-day check-in', { kind: 'checklist_task', templateId: template('onboarding'), taskKey: 'checkin_30' }],
      ['90-day review', { kind: 'checklist_task', templateId: template('onboarding'), taskKey: 'checkin_90' }],
      ['Goal setting', { kind: 'survey_question', questionId: question('role_clarity') }],
      ['Performance review', { kind: 'survey_question', questionId: question('manager_relationship') }],
      ['Learning and promotion', { kind: 'survey_question', questionId: question('growth') }],
      ['Exit interview', { kind: 'checklist_task', templateId: template('offboarding'), taskKey: 'exit_interview' }],
      ['Offboarding', { kind: 'checklist_task', templateId: template('offboarding'), taskKey: 'access_removal' }],
    ];
    for (const [name, link] of links) {
      const id = touchpoints.get(name);
      if (id) await journey.link(this.tenantId, id, link);
    }

    // People who report: employee users (without a password) of thirty people who work here.
    const users = this.app.get(UsersService);
    const rng = Random.of(this.seed, 'pain-points');
    const active = this.plan.people.filter((p) => p.role === 'member' && !p.exit && ['onboard', 'engage', 'perform', 'develop'].includes(p.stage));
    const reporters: Principal[] = [];
    const chosen = new Set<DemoPerson>();
    while (chosen.size < 30) chosen.add(rng.pick(active));
    for (const person of chosen) {
      const user = await users.create(this.tenantId, {
        email: person.workEmail, displayName: `${person.firstName} ${person.lastName}`, role: 'employee', employeeId: this.employeeIds.get(person.externalId)!,
      });
      reporters.push({ tenantId: this.tenantId, role: 'employee', kind: 'user', userId: user.id, apiKeyId: null });
      this.count('users');
    }
    const managers: { id: string }[] = await this.db.query(`SELECT id FROM users WHERE tenant_id = $1 AND role = 'manager' ORDER BY email`, [this.tenantId]);
    const painPoints = this.app.get(PainPointsService);
    const reported: { id: string; status: PainPointStatus; daysAgo: number }[] = [];
    for (const [index, report] of PAIN_POINTS.entries()) {
      const id = touchpoints.get(report.touchpoint);
      if (!id) continue;
      const observed = index % 5 === 4;
      const principal: Principal = observed
        ? { tenantId: this.tenantId, role: 'manager', kind: 'user', userId: managers[index % managers.length]!.id, apiKeyId: null }
        : reporters[index % reporters.length]!;
      const painPoint = await painPoints.report(principal, {
        touchpointId: id, description: report.description, severity: report.severity, anonymous: !observed && index % 3 === 0,
      });
      for (let i = 0; i < report.meToos; i++) await painPoints.meToo(reporters[(index + 1 + i * 7) % reporters.length]!, painPoint.id);
      this.count('pain points');
      this.count('me-toos', report.meToos);
      const status = rng.weighted<PainPointStatus>([['new', 35], ['acknowledged', 25], ['in_progress', 20], ['resolved', 15], ['wont_fix', 5]]);
      reported.push({ id: painPoint.id, status, daysAgo: status === 'new' ? 0 : rng.int(5, 70) });
    }
    for (const { id, status } of reported) {
      for (const to of STATUS_PATHS[status]) {
        await painPoints.update(this.hr, id, {
          status: to,
          note: to === 'resolved' ? 'Fixed: the process now has an owner and a deadline.' : to === 'wont_fix' ? 'Out of our hands this year; revisited in the next budget.' : undefined,
        });
      }
    }
    // Back-dated: pain points worked on were reported some weeks ago (the service dates reports
    // today), so the resolution times in the touchpoint analysis are real durations.
    const old = reported.filter((r) => r.daysAgo > 0);
    await this.db.query(
      `UPDATE pain_points p SET reported_on = $3::date - d.days
       FROM unnest($2::uuid[], $4::int[]) AS d(id, days) WHERE p.tenant_id = $1 AND p.id = d.id`,
      [this.tenantId, old.map((r) => r.id), this.plan.today, old.map((r) => r.daysAgo)],
    );
  }

  // ── "You said, we did" ──────────────────────────────────────────────────────────────────────

  private async actions(): Promise<void> {
    const actions = this.app.get(ActionsService);
    const plans: [string, string, string, string][] = [
      ['Support Nights', 'wellbeing', 'Publish the night rota four weeks ahead', 'done'],
      ['Support Nights', 'tools_processes', 'Replace the ticket tool’s search', 'in_progress'],
      ['Sales UK', 'manager_relationship', 'Weekly one-to-ones for every account executive', 'in_progress'],
      ['Reliability', 'workspace', 'Quiet room for on-call engineers', 'planned'],
      ['IT Service Desk', 'growth', 'Certification budget for every agent', 'planned'],
    ];
    const unitByName = new Map(this.plan.units.map((u) => [u.name, u.externalId]));
    for (const [unitName, driverKey, title, status] of plans) {
      const created = await actions.create(this.hr, {
        surveyId: this.surveyId, unitId: this.unitIds.get(unitByName.get(unitName)!)!, driverKey, title, dueOn: addDays(this.plan.today, 30),
      });
      if (status !== 'planned') await actions.update(this.hr, created.id, { status: status as 'done' | 'in_progress', version: created.version });
      this.count('survey actions');
    }
  }

  // ── Customer figures ────────────────────────────────────────────────────────────────────────

  private async customerFigures(): Promise<void> {
    const cells: ExCell[] = [];
    for (const unit of this.plan.units.filter((u) => u.kind === 'team')) {
      for (const round of this.plan.rounds) {
        const cell = this.cells.get(`${unit.externalId}|${round.month}`);
        cells.push({
          unitExternalId: unit.externalId,
          month: round.month,
          respondents: cell?.respondents ?? 0,
          enps: cell && cell.enpsAnswers > 0 ? (100 * (cell.promoters - cell.detractors)) / cell.enpsAnswers : 0,
          engagement: cell && cell.engagementAnswers > 0 ? ((cell.engagementSum / cell.engagementAnswers - 1) / 4) * 100 : 0,
          customerFacing: unit.customerFacing,
        });
      }
    }
    const figures = cxFigures(Random.of(this.seed, 'cx'), cells, K);
    const result = await this.app.get(CxObservationsService).bulkUpsert(
      this.tenantId,
      figures.map((f) => ({ unitId: this.unitIds.get(f.unitExternalId)!, metric: f.metric, period: f.period, value: f.value, n: f.n })),
    );
    const refused = result.results.filter((row) => row.status === 'error');
    if (refused.length > 0) throw new Error(`Demo CX figures refused: ${JSON.stringify(refused.slice(0, 3))}`);
    this.count('cx figures', figures.length);
  }
}

/** The moves HR makes to bring a new pain point to each status. */
const STATUS_PATHS: Readonly<Record<PainPointStatus, readonly PainPointStatus[]>> = {
  new: [],
  acknowledged: ['acknowledged'],
  in_progress: ['acknowledged', 'in_progress'],
  resolved: ['acknowledged', 'in_progress', 'resolved'],
  wont_fix: ['wont_fix'],
};

/** The options of the default exit questionnaire's "main reason" question, as separation reasons. */
const REASON_OPTIONS = ['compensation', 'career_growth', 'manager', 'workload_wellbeing', 'culture', 'role_fit', 'relocation', 'personal', 'better_offer', 'other'];

const PAIN_POINTS: readonly { touchpoint: string; description: string; severity: number; meToos: number }[] = [
  { touchpoint: 'IT and equipment setup', description: 'My laptop arrived on day four; I spent the first days reading PDFs.', severity: 4, meToos: 5 },
  { touchpoint: 'IT and equipment setup', description: 'Accounts for the ticket tool took a week to be created.', severity: 4, meToos: 3 },
  { touchpoint: 'IT and equipment setup', description: 'Nobody knew who orders a second screen.', severity: 2, meToos: 1 },
  { touchpoint: 'Day one', description: 'Nobody from the team was there on my first morning.', severity: 3, meToos: 2 },
  { touchpoint: 'Day one', description: 'The welcome session was cancelled without notice.', severity: 3, meToos: 1 },
  { touchpoint: 'Pre-boarding', description: 'The contract arrived two days before the start date.', severity: 3, meToos: 2 },
  { touchpoint: 'First 1:1 with the manager', description: 'My first one-to-one happened after five weeks.', severity: 3, meToos: 2 },
  { touchpoint: '30-day check-in', description: 'The 30-day check-in was skipped for the whole cohort.', severity: 2, meToos: 1 },
  { touchpoint: '90-day review', description: 'No criteria for the 90-day review were shared in advance.', severity: 3, meToos: 2 },
  { touchpoint: 'Goal setting', description: 'Goals changed twice in one quarter without explanation.', severity: 3, meToos: 4 },
  { touchpoint: 'Goal setting', description: 'Team goals and company goals contradict each other.', severity: 2, meToos: 1 },
  { touchpoint: 'Performance review', description: 'Reviews felt like a box-ticking exercise with no examples.', severity: 4, meToos: 4 },
  { touchpoint: 'Performance review', description: 'Calibration results are never explained to us.', severity: 3, meToos: 3 },
  { touchpoint: 'Performance review', description: 'The review form times out and loses what I wrote.', severity: 2, meToos: 2 },
  { touchpoint: 'Learning and promotion', description: 'There is no visible career path for support agents.', severity: 4, meToos: 5 },
  { touchpoint: 'Learning and promotion', description: 'Training requests wait months for approval.', severity: 3, meToos: 2 },
  { touchpoint: 'Internal move', description: 'Applying internally means telling my manager before anything is decided.', severity: 3, meToos: 1 },
  { touchpoint: 'Interview', description: 'Candidates tell us they waited three weeks for feedback.', severity: 3, meToos: 0 },
  { touchpoint: 'Offer', description: 'Offers go out slower than our competitors’.', severity: 3, meToos: 0 },
  { touchpoint: 'Job posting', description: 'Job ads do not mention the salary range.', severity: 2, meToos: 1 },
  { touchpoint: 'Application', description: 'The application form asks for the CV twice.', severity: 1, meToos: 0 },
  { touchpoint: 'Resignation conversation', description: 'The resignation conversation turned into a guilt trip.', severity: 4, meToos: 0 },
  { touchpoint: 'Exit interview', description: 'My exit interview was scheduled after my last day.', severity: 2, meToos: 0 },
  { touchpoint: 'Offboarding', description: 'Access was removed before the handover was done.', severity: 3, meToos: 1 },
  { touchpoint: 'Alumni', description: 'The alumni newsletter never arrived.', severity: 1, meToos: 0 },
  { touchpoint: 'IT and equipment setup', description: 'The VPN guide is out of date.', severity: 2, meToos: 2 },
  { touchpoint: 'Day one', description: 'The badge was not ready, I waited at reception for an hour.', severity: 2, meToos: 2 },
  { touchpoint: 'Goal setting', description: 'Night shift goals are copied from the day shift and do not fit.', severity: 3, meToos: 2 },
  { touchpoint: 'Performance review', description: 'Managers have too many direct reports to review properly.', severity: 3, meToos: 2 },
  { touchpoint: 'Learning and promotion', description: 'Promotion criteria differ between departments.', severity: 3, meToos: 3 },
  { touchpoint: 'First 1:1 with the manager', description: 'Remote joiners get no introduction to the team.', severity: 3, meToos: 2 },
  { touchpoint: 'IT and equipment setup', description: 'Phones for the support lines were missing for new agents.', severity: 4, meToos: 2 },
  { touchpoint: 'Pre-boarding', description: 'No one told me where to go on the first day.', severity: 2, meToos: 1 },
  { touchpoint: '90-day review', description: 'My 90-day review never happened.', severity: 3, meToos: 1 },
  { touchpoint: 'Learning and promotion', description: 'Mentoring exists only on paper.', severity: 2, meToos: 1 },
  { touchpoint: 'Performance review', description: 'Feedback from customers is not part of the review.', severity: 2, meToos: 0 },
  { touchpoint: 'Goal setting', description: 'Targets are set after the quarter has started.', severity: 3, meToos: 2 },
  { touchpoint: 'Day one', description: 'The first-day agenda was the same for every department.', severity: 1, meToos: 0 },
  { touchpoint: 'Offboarding', description: 'Final pay took two months.', severity: 4, meToos: 0 },
  { touchpoint: 'Exit interview', description: 'Nobody asked why I was leaving.', severity: 3, meToos: 0 },
];

/** Runs `work` over `items`, at most `limit` at a time; fails with the first failure. */
async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
