import { employeeEvents, type EmployeeSnapshot } from './employee-events.js';

const at = new Date('2026-03-01T09:00:00.000Z');
const base: EmployeeSnapshot = { id: 'e1', stage: 'engage', unitId: 'u1', managerId: 'm1', jobTitle: 'Analyst' };
const types = (events: ReturnType<typeof employeeEvents>) => events.map((e) => e.type);

describe('employeeEvents', () => {
  it('announces a new employee’s first stage, and a hire when that stage is hire', () => {
    expect(types(employeeEvents({ before: null, after: { ...base, stage: 'engage' }, at, source: 'import' }))).toEqual(['employee.stage_changed']);
    const hired = employeeEvents({ before: null, after: { ...base, stage: 'hire' }, at, source: 'api' });
    expect(types(hired)).toEqual(['employee.stage_changed', 'employee.hired']);
    expect(hired[0]!.payload).toEqual({ from: null, to: 'hire', effectiveAt: at.toISOString(), source: 'api' });
  });

  it('announces a departure with its reason', () => {
    const events = employeeEvents({ before: base, after: { ...base, stage: 'depart' }, at, source: 'import', reason: 'Missing from a full HRIS sync' });
    expect(types(events)).toEqual(['employee.stage_changed', 'employee.departed']);
    expect(events[1]!.payload).toEqual({ from: 'engage', effectiveAt: at.toISOString(), reason: 'Missing from a full HRIS sync' });
  });

  it('announces transfers and manager changes, and a title change only when flagged as a promotion', () => {
    const moved = employeeEvents({ before: base, after: { ...base, unitId: 'u2', managerId: null, jobTitle: 'Lead' }, at, source: 'api' });
    expect(types(moved)).toEqual(['employee.transferred', 'employee.manager_changed']);
    expect(moved[0]!.payload).toEqual({ fromUnitId: 'u1', toUnitId: 'u2' });
    const promoted = employeeEvents({ before: base, after: { ...base, jobTitle: 'Lead' }, at, source: 'api', promotion: true });
    expect(promoted.map((e) => [e.type, e.payload])).toEqual([['employee.promoted', { fromJobTitle: 'Analyst', toJobTitle: 'Lead' }]]);
  });

  it('announces nothing when nothing that matters changed', () => {
    expect(employeeEvents({ before: base, after: { ...base }, at, source: 'api', promotion: true })).toEqual([]);
  });
});
