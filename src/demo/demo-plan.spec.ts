import { describe, expect, it } from '@jest/globals';
import { STAGES } from '#src/modules/employees/domain/journey.js';
import { addDays, daysBetween, demoRounds, planDemo } from './demo-plan.js';

describe('demo plan', () => {
  it('surveys the twelve months up to the last one whose round is over', () => {
    const late = demoRounds('2026-11-25');
    expect(late).toHaveLength(12);
    expect(late[0]).toEqual({ month: '2025-12', opensOn: '2025-12-02' });
    expect(late[11]).toEqual({ month: '2026-11', opensOn: '2026-11-02' });
    // On the 5th the month's round is still being answered: the newest round is last month's.
    expect(demoRounds('2026-03-05').map((round) => round.month)).toEqual([
      '2025-03', '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02',
    ]);
  });

  it('counts days across months and years', () => {
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(daysBetween('2025-12-31', '2026-03-01')).toBe(60);
  });

  it('is the same organisation for the same seed and day, another for another seed', () => {
    expect(planDemo('2026-11-25', 5)).toEqual(planDemo('2026-11-25', 5));
    expect(planDemo('2026-11-25', 5).people.map((p) => p.workEmail)).not.toEqual(planDemo('2026-11-25', 6).people.map((p) => p.workEmail));
  });

  it('has about 500 people in 41 teams under 7 departments, in all seven stages', () => {
    const plan = planDemo('2026-11-25');
    expect(plan.units.filter((u) => u.kind === 'company')).toHaveLength(1);
    expect(plan.units.filter((u) => u.kind === 'department')).toHaveLength(7);
    expect(plan.units.filter((u) => u.kind === 'team')).toHaveLength(41);
    expect(plan.people.length).toBeGreaterThan(450);
    expect(plan.people.length).toBeLessThan(600);
    expect(new Set(plan.people.map((p) => p.stage))).toEqual(new Set(STAGES));
    expect(new Set(plan.people.map((p) => p.workEmail)).size).toBe(plan.people.length);
  });

  it('gives every unit a manager who stays, and puts nobody directly in the company or a department', () => {
    const plan = planDemo('2026-11-25');
    const people = new Map(plan.people.map((p) => [p.externalId, p]));
    const units = new Map(plan.units.map((u) => [u.externalId, u]));
    for (const unit of plan.units) expect(people.get(unit.managerExternalId)?.exit).toBeNull();
    for (const person of plan.people) {
      expect(units.get(person.unitExternalId)?.kind).toBe('team');
      if (person.managerExternalId) expect(people.has(person.managerExternalId)).toBe(true);
    }
  });

  it('dates exits in order within the surveyed year, a few still in their notice', () => {
    const today = '2026-11-25';
    const plan = planDemo(today);
    const leavers = plan.people.filter((p) => p.exit);
    expect(leavers.length).toBeGreaterThan(40);
    for (const { startDate, exit } of leavers) {
      expect(startDate! <= exit!.noticeDate && exit!.noticeDate <= exit!.lastWorkingDay).toBe(true);
      expect(exit!.lastWorkingDay >= addDays(plan.rounds[0]!.opensOn, -20)).toBe(true);
    }
    const serving = leavers.filter((p) => p.exit!.lastWorkingDay > today);
    expect(serving.length).toBeGreaterThan(0);
    expect(serving.every((p) => p.exit!.noticeDate <= today && !p.exit!.interviewAnswered)).toBe(true);
  });
});
