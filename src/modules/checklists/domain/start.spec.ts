import { describe, expect, it } from '@jest/globals';
import { addBusinessDays, addDays, applicableTasks } from './start.js';
import type { TemplateTask } from './templates.js';

const task = (key: string, conditions: TemplateTask['conditions'] = {}, dependsOn: string[] = []): TemplateTask => ({
  key,
  title: key,
  description: null,
  assignee: { rule: 'hr' },
  offsetDays: 0,
  required: true,
  dependsOn,
  conditions,
});

describe('starting a checklist', () => {
  const parents = new Map<string, string | null>([
    ['company', null],
    ['tech', 'company'],
    ['team', 'tech'],
    ['sales', 'company'],
  ]);

  it('keeps the tasks whose conditions the employee meets, units with their sub-units', () => {
    const tasks = [task('all'), task('lyon', { locations: ['Lyon'] }), task('tech', { unitIds: ['tech'] }), task('contractors', { employmentTypes: ['contractor'] })];
    const kept = applicableTasks(tasks, { unitId: 'team', location: 'Lyon', employmentType: 'full_time' }, parents);
    expect(kept.map((t) => t.key)).toEqual(['all', 'lyon', 'tech']);
    expect(applicableTasks(tasks, { unitId: 'sales', location: null, employmentType: null }, parents).map((t) => t.key)).toEqual(['all']);
  });

  it('drops dependencies on tasks that do not apply', () => {
    const tasks = [task('laptop', { locations: ['Paris'] }), task('setup', {}, ['laptop'])];
    expect(applicableTasks(tasks, { unitId: null, location: 'Lyon', employmentType: null }, parents)).toEqual([task('setup')]);
  });

  it('counts business days over weekends, both ways', () => {
    // 2026-11-27 is a Friday.
    expect(addBusinessDays('2026-11-27', 1)).toBe('2026-11-30');
    expect(addBusinessDays('2026-11-27', 5)).toBe('2026-12-04');
    expect(addBusinessDays('2026-11-30', -1)).toBe('2026-11-27');
    expect(addBusinessDays('2026-11-28', 0)).toBe('2026-11-28');
  });

  it('counts calendar days across month and year ends, and backwards', () => {
    expect(addDays('2026-12-29', 5)).toBe('2027-01-03');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
});
