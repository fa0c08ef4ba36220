import type { EmploymentType, Stage } from '#src/modules/employees/domain/journey.js';
import type { SeparationType } from '#src/modules/separations/domain/separations.js';
import { Random } from './random.js';

/**
 * The demo organisation as plain data, made from a seed and a day: units, people (with the day
 * they start and, for leavers, how they leave), the months surveyed and each team's mood. Pure:
 * the loader (demo-loader.ts) turns it into rows through the real services.
 */
export interface DemoPlan {
  readonly seed: number;
  /** The load day, YYYY-MM-DD (UTC). */
  readonly today: string;
  /** The twelve monthly pulse rounds, oldest first. */
  readonly rounds: readonly DemoRound[];
  /** Company first, then departments, then teams. */
  readonly units: readonly DemoUnit[];
  readonly people: readonly DemoPerson[];
}

export interface DemoRound {
  /** YYYY-MM */
  readonly month: string;
  /** The day the round opens (the 2nd of the month), YYYY-MM-DD. */
  readonly opensOn: string;
}

export interface DemoUnit {
  readonly externalId: string;
  readonly name: string;
  readonly kind: 'company' | 'department' | 'team';
  readonly parentExternalId: string | null;
  readonly managerExternalId: string;
  /** Teams whose customers are outside the company (support, sales, success): larger CX samples. */
  readonly customerFacing: boolean;
  /** The team's lasting EX offset, in points of a 1–5 answer (0 for company and departments). */
  readonly effect: number;
  /** Month-to-month drift of the team's mood, one value per round. */
  readonly drift: readonly number[];
}

export interface DemoPerson {
  readonly externalId: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly workEmail: string;
  readonly jobTitle: string;
  readonly unitExternalId: string;
  readonly managerExternalId: string | null;
  readonly location: string;
  readonly employmentType: EmploymentType;
  readonly startDate: string | null;
  /** The stage the person is imported in. */
  readonly importStage: Stage;
  /** The stage at the end of the load: the imported one, or depart for leavers. */
  readonly stage: Stage;
  readonly role: 'ceo' | 'head' | 'lead' | 'member';
  /** The person's own EX offset, in points of a 1–5 answer. */
  readonly effect: number;
  readonly exit: DemoExit | null;
}

export interface DemoExit {
  readonly noticeDate: string;
  readonly lastWorkingDay: string;
  readonly type: SeparationType;
  readonly primaryReason: string;
  readonly secondaryReasons: readonly string[];
  readonly regrettable: boolean | null;
  readonly rehireEligible: boolean;
  readonly alumniEmail: string | null;
  /** Whether the exit interview gets answered. */
  readonly interviewAnswered: boolean;
}

export const DEMO_SEED = 20261125;
export const DEMO_COMPANY = 'Northwind Outfitters';
export const DEMO_EMAIL_DOMAIN = 'northwind.example';
/** People who started within this many days of the load are in onboard. */
export const ONBOARDING_DAYS = 90;

interface DepartmentSpec {
  readonly key: string;
  readonly name: string;
  readonly customerFacing: boolean;
  readonly titles: readonly string[];
  readonly teams: readonly (readonly [name: string, location: string, effect?: number, size?: number])[];
}

/**
 * Seven departments, forty teams (and the leadership team). A few teams carry a fixed mood so that
 * the story is the same on every load: the night shift of support and one sales team struggle, the
 * platform team thrives, and two small teams (five people) show how results are suppressed below
 * the threshold.
 */
const DEPARTMENTS: readonly DepartmentSpec[] = [
  {
    key: 'support',
    name: 'Customer Support',
    customerFacing: true,
    titles: ['Support agent', 'Senior support agent', 'Support specialist'],
    teams: [['Support Berlin', 'Berlin'], ['Support Lisbon', 'Lisbon'], ['Support London', 'London'], ['Support Nights', 'Lisbon', -0.6], ['Escalations', 'Berlin'], ['Support Onboarding', 'London'], ['Enterprise Support', 'Berlin', 0.2]],
  },
  {
    key: 'sales',
    name: 'Sales',
    customerFacing: true,
    titles: ['Account executive', 'Senior account executive', 'Sales development representative'],
    teams: [['Sales DACH', 'Berlin'], ['Sales Iberia', 'Lisbon'], ['Sales UK', 'London', -0.45], ['Sales Nordics', 'Remote'], ['Inside Sales', 'Lisbon'], ['Partnerships', 'London', 0.2]],
  },
  {
    key: 'success',
    name: 'Customer Success',
    customerFacing: true,
    titles: ['Customer success manager', 'Implementation consultant', 'Renewals manager'],
    teams: [['Success SMB', 'Lisbon'], ['Success Mid-market', 'Berlin'], ['Success Enterprise', 'London', 0.25], ['Renewals', 'Berlin', -0.2], ['Implementation', 'Remote']],
  },
  {
    key: 'engineering',
    name: 'Engineering',
    customerFacing: false,
    titles: ['Software engineer', 'Senior software engineer', 'Staff engineer'],
    teams: [['Platform', 'Berlin', 0.45], ['Payments', 'Berlin'], ['Mobile', 'Lisbon'], ['Web', 'Lisbon'], ['Data', 'London'], ['Integrations', 'Remote'], ['Reliability', 'Berlin', -0.3], ['Security', 'London'], ['Quality', 'Lisbon']],
  },
  {
    key: 'product',
    name: 'Product and Design',
    customerFacing: false,
    titles: ['Product manager', 'Product designer', 'UX writer'],
    teams: [['Product Core', 'Berlin'], ['Product Growth', 'London'], ['Design', 'Lisbon', 0.3], ['Research', 'Remote', 0, 5]],
  },
  {
    key: 'marketing',
    name: 'Marketing',
    customerFacing: false,
    titles: ['Marketing manager', 'Content writer', 'Campaign specialist'],
    teams: [['Brand', 'London'], ['Content', 'Remote'], ['Performance Marketing', 'Berlin'], ['Events', 'London', 0, 5]],
  },
  {
    key: 'operations',
    name: 'Operations and Finance',
    customerFacing: false,
    titles: ['Analyst', 'Specialist', 'Coordinator'],
    teams: [['Finance', 'Berlin'], ['People', 'Berlin', 0.15], ['IT Service Desk', 'Lisbon', -0.25], ['Facilities', 'Berlin'], ['Legal', 'London']],
  },
];

const FIRST_NAMES = [
  'Ada', 'Ahmed', 'Aiko', 'Alba', 'Amara', 'Anders', 'Ana', 'Arjun', 'Beatriz', 'Bruno', 'Carla', 'Chen', 'Chloe', 'Dario', 'Dmitri',
  'Elena', 'Emeka', 'Emil', 'Eva', 'Farah', 'Felix', 'Freya', 'Gabriel', 'Hana', 'Hugo', 'Ines', 'Ivan', 'Jakob', 'Jamal', 'Julia',
  'Kai', 'Kenji', 'Lara', 'Leon', 'Lina', 'Luca', 'Maja', 'Marta', 'Mateo', 'Mia', 'Nadia', 'Nils', 'Noor', 'Olga', 'Omar', 'Paula',
  'Priya', 'Rafael', 'Rosa', 'Sami', 'Sara', 'Sofia', 'Tariq', 'Tomas', 'Uma', 'Vera', 'Wen', 'Yara', 'Yusuf', 'Zoe',
];
const LAST_NAMES = [
  'Almeida', 'Andersson', 'Baker', 'Becker', 'Bianchi', 'Brown', 'Costa', 'Dubois', 'Eriksen', 'Ferreira', 'Fischer', 'Garcia', 'Gomes',
  'Hansen', 'Hoffmann', 'Ivanova', 'Jensen', 'Kaur', 'Khan', 'Kim', 'Kowalski', 'Lang', 'Larsen', 'Lopes', 'Martins', 'Meyer', 'Moreau',
  'Murphy', 'Nakamura', 'Novak', 'Okafor', 'Oliveira', 'Patel', 'Pereira', 'Petrov', 'Richter', 'Rossi', 'Santos', 'Schmidt', 'Silva',
  'Singh', 'Sousa', 'Tanaka', 'Taylor', 'Vogel', 'Wagner', 'Walsh', 'Weber', 'Wilson', 'Yilmaz',
];

const VOLUNTARY_REASONS: readonly (readonly [string, number])[] = [
  ['career_growth', 25], ['compensation', 20], ['manager', 15], ['workload_wellbeing', 12], ['better_offer', 10], ['culture', 8], ['relocation', 5], ['personal', 5],
];

/** The day `days` after `day` (YYYY-MM-DD, UTC). */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to`. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The twelve months surveyed: the month of `today` when its round (answered from the 2nd to the
 * 11th) is over, else the month before, and the eleven before it.
 */
export function demoRounds(today: string): DemoRound[] {
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  const last = day >= 12 ? month - 1 : month - 2; // zero-based month of the newest round
  return Array.from({ length: 12 }, (_, i) => {
    const date = new Date(Date.UTC(year, last - 11 + i, 2));
    return { month: date.toISOString().slice(0, 7), opensOn: date.toISOString().slice(0, 10) };
  });
}

/** Builds the organisation for a load on `today` (YYYY-MM-DD). The same seed and day give the same plan. */
export function planDemo(today: string, seed = DEMO_SEED): DemoPlan {
  const rng = Random.of(seed, 'organisation');
  const rounds = demoRounds(today);
  const yearStart = addDays(rounds[0]!.opensOn, -20);
  const units: DemoUnit[] = [];
  const people: DemoPerson[] = [];
  const usedNames = new Set<string>();

  const person = (fields: Omit<DemoPerson, 'externalId' | 'firstName' | 'lastName' | 'workEmail'>): DemoPerson => {
    let first: string;
    let last: string;
    do {
      first = rng.pick(FIRST_NAMES);
      last = rng.pick(LAST_NAMES);
    } while (usedNames.has(`${first} ${last}`) && usedNames.size < FIRST_NAMES.length * LAST_NAMES.length);
    usedNames.add(`${first} ${last}`);
    const externalId = `E${String(people.length + 1).padStart(4, '0')}`;
    const created: DemoPerson = {
      externalId,
      firstName: first,
      lastName: last,
      workEmail: `${first}.${last}@${DEMO_EMAIL_DOMAIN}`.toLowerCase(),
      ...fields,
    };
    people.push(created);
    return created;
  };
  const tenured = () => addDays(yearStart, -rng.int(30, 6 * 365));
  const settledStage = (): Stage => rng.weighted<Stage>([['engage', 55], ['perform', 30], ['develop', 15]]);
  const employmentType = (): EmploymentType =>
    rng.weighted<EmploymentType>([['full_time', 88], ['part_time', 7], ['contractor', 3], ['intern', 2]]);
  const noDrift = rounds.map(() => 0);

  const driftOver = () => {
    const drift: number[] = [];
    let current = rng.normal(0, 0.15);
    for (let i = 0; i < rounds.length; i++) {
      drift.push(current);
      current = 0.6 * current + rng.normal(0, 0.15);
    }
    return drift;
  };

  // The chief executive and the heads of department form the leadership team: nobody is a direct
  // member of the company or of a department, whose results would otherwise leave a remainder of
  // one or two people beside their teams (and hide a team: docs/anonymity.md).
  const ceo = person({
    jobTitle: 'Chief executive', unitExternalId: 'u-leadership', managerExternalId: null, location: 'Berlin', employmentType: 'full_time',
    startDate: addDays(yearStart, -8 * 365), importStage: 'perform', stage: 'perform', role: 'ceo', effect: 0.3, exit: null,
  });
  units.push({ externalId: 'u-company', name: DEMO_COMPANY, kind: 'company', parentExternalId: null, managerExternalId: ceo.externalId, customerFacing: false, effect: 0, drift: noDrift });
  units.push({ externalId: 'u-leadership', name: 'Leadership team', kind: 'team', parentExternalId: 'u-company', managerExternalId: ceo.externalId, customerFacing: false, effect: 0.2, drift: driftOver() });

  for (const department of DEPARTMENTS) {
    const departmentId = `u-${department.key}`;
    const head = person({
      jobTitle: `Head of ${department.name}`, unitExternalId: 'u-leadership', managerExternalId: ceo.externalId, location: department.teams[0]![1],
      employmentType: 'full_time', startDate: tenured(), importStage: 'perform', stage: 'perform', role: 'head', effect: rng.normal(0.2, 0.3), exit: null,
    });
    units.push({ externalId: departmentId, name: department.name, kind: 'department', parentExternalId: 'u-company', managerExternalId: head.externalId, customerFacing: false, effect: 0, drift: noDrift });

    department.teams.forEach(([name, location, fixedEffect, fixedSize], index) => {
      const teamId = `${departmentId}-${index + 1}`;
      const effect = fixedEffect ?? rng.normal(0, 0.3);
      const drift = driftOver();
      const lead = person({
        jobTitle: `Team lead, ${name}`, unitExternalId: teamId, managerExternalId: head.externalId, location: location === 'Remote' ? 'Berlin' : location,
        employmentType: 'full_time', startDate: tenured(), importStage: 'perform', stage: 'perform', role: 'lead', effect: rng.normal(0.1, 0.35), exit: null,
      });
      units.push({ externalId: teamId, name, kind: 'team', parentExternalId: departmentId, managerExternalId: lead.externalId, customerFacing: department.customerFacing, effect, drift });

      const member = (startDate: string, importStage: Stage, stage: Stage, personEffect: number, exit: DemoExit | null) =>
        person({
          jobTitle: rng.pick(department.titles), unitExternalId: teamId, managerExternalId: lead.externalId,
          location: location === 'Remote' || rng.chance(0.12) ? 'Remote' : location, employmentType: employmentType(),
          startDate, importStage, stage, role: 'member', effect: personEffect, exit,
        });

      // Today's team: the lead and the members still here; some of them were hired this year.
      const size = fixedSize ?? rng.int(8, 15);
      for (let i = 1; i < size; i++) {
        if (rng.chance(0.13)) {
          const start = addDays(yearStart, rng.int(0, daysBetween(yearStart, addDays(today, -1))));
          const stage: Stage = daysBetween(start, today) < ONBOARDING_DAYS ? 'onboard' : 'engage';
          member(start, stage, stage, rng.normal(0.1, 0.45), null);
        } else {
          const stage = settledStage();
          member(tenured(), stage, stage, rng.normal(0, 0.45), null);
        }
      }
      // Who left this year: more from teams in a worse mood, and people in a worse mood themselves.
      const expected = size * 0.11 * Math.exp(-1.2 * effect);
      const leavers = Math.floor(expected + rng.next());
      for (let i = 0; i < leavers; i++) {
        const early = rng.chance(0.12);
        let start: string;
        let lastDay: string;
        if (early) {
          start = addDays(yearStart, rng.int(0, daysBetween(yearStart, today) - 110));
          lastDay = addDays(start, rng.int(40, 100));
        } else {
          start = tenured();
          lastDay = addDays(yearStart, rng.int(10, daysBetween(yearStart, today) - 2));
        }
        const stage = early ? 'onboard' : settledStage();
        member(start, stage, 'depart', rng.normal(-0.35, 0.4), exitFor(rng, start, lastDay, today));
      }
    });
  }

  // People who have handed in their notice and are still here for a few weeks.
  const teams = units.filter((unit) => unit.kind === 'team');
  for (let i = 0; i < 5; i++) {
    const team = teams[(i * 7 + 3) % teams.length]!;
    const lastDay = addDays(today, rng.int(7, 40));
    const start = tenured();
    const stage = settledStage();
    const exit = { ...exitFor(rng, start, lastDay, today), noticeDate: addDays(today, -rng.int(3, 20)), interviewAnswered: false };
    person({
      jobTitle: 'Specialist', unitExternalId: team.externalId, managerExternalId: team.managerExternalId, location: 'Berlin', employmentType: 'full_time',
      startDate: start, importStage: stage, stage: 'depart', role: 'member', effect: rng.normal(-0.3, 0.4), exit,
    });
  }
  // The pipeline: candidates (attract) and people who signed and start soon (hire).
  for (let i = 0; i < 10; i++) {
    const team = teams[(i * 11 + 5) % teams.length]!;
    person({
      jobTitle: 'Candidate', unitExternalId: team.externalId, managerExternalId: null, location: 'Berlin', employmentType: 'full_time',
      startDate: null, importStage: 'attract', stage: 'attract', role: 'member', effect: 0, exit: null,
    });
  }
  for (let i = 0; i < 6; i++) {
    const team = teams[(i * 13 + 2) % teams.length]!;
    person({
      jobTitle: 'New starter', unitExternalId: team.externalId, managerExternalId: team.managerExternalId, location: 'Lisbon', employmentType: 'full_time',
      startDate: addDays(today, rng.int(5, 30)), importStage: 'hire', stage: 'hire', role: 'member', effect: 0.2, exit: null,
    });
  }
  return { seed, today, rounds, units, people };
}

function exitFor(rng: Random, start: string, lastDay: string, today: string): DemoExit {
  const type = rng.weighted<SeparationType>([['voluntary', 70], ['involuntary', 12], ['end_of_contract', 10], ['retirement', 8]]);
  const primaryReason =
    type === 'voluntary' ? rng.weighted(VOLUNTARY_REASONS) : type === 'involuntary' ? rng.weighted([['role_fit', 70], ['other', 30]] as const) : type === 'retirement' ? 'personal' : 'other';
  const secondary = type === 'voluntary' && rng.chance(0.5) ? rng.weighted(VOLUNTARY_REASONS) : null;
  const noticeDate = addDays(lastDay, -rng.int(14, 45));
  const alumni = rng.chance(type === 'involuntary' ? 0.15 : 0.5);
  return {
    noticeDate: noticeDate < start ? start : noticeDate,
    lastWorkingDay: lastDay,
    type,
    primaryReason,
    secondaryReasons: secondary && secondary !== primaryReason ? [secondary] : [],
    regrettable: type === 'voluntary' ? rng.chance(0.55) : type === 'involuntary' ? false : null,
    rehireEligible: type !== 'involuntary' && rng.chance(0.85),
    alumniEmail: alumni ? `alumnus.${rng.int(1000, 9999)}@example.net` : null,
    // Older exits had time to be interviewed; a few weeks ago, not always yet.
    interviewAnswered: rng.chance(daysBetween(lastDay, today) > 30 ? 0.7 : 0.35),
  };
}
