import type { BulkEmployeeItemDto } from '../dto/bulk-employees.dto.js';
import type { EmployeeEntity } from '../employee.entity.js';
import { planImport } from './import-plan.js';

const AT = new Date('2026-03-01T09:00:00.000Z');

const ids = () => {
  let n = 0;
  return () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
};

const stored = (overrides: Partial<EmployeeEntity>): EmployeeEntity =>
  ({
    tenantId: 't',
    id: 'stored-1',
    externalId: 'S1',
    firstName: 'Sam',
    lastName: 'Stored',
    workEmail: 'sam@example.com',
    jobTitle: 'Clerk',
    unitId: null,
    managerId: null,
    location: null,
    employmentType: null,
    startDate: '2020-01-01',
    endDate: null,
    referredById: null,
    stage: 'engage',
    ...overrides,
  }) as EmployeeEntity;

const item = (overrides: Partial<BulkEmployeeItemDto>): BulkEmployeeItemDto =>
  ({ externalId: 'X', firstName: 'F', lastName: 'L', stage: 'hire', ...overrides }) as BulkEmployeeItemDto;

describe('planImport', () => {
  it('creates new rows with generated ids, resolving references to rows later in the payload', () => {
    const plan = planImport([item({ externalId: 'R', managerExternalId: 'M' }), item({ externalId: 'M' })], { known: [], units: new Map() }, AT, ids());
    expect(plan.results.map((r) => r.status)).toEqual(['created', 'created']);
    const [report, manager] = plan.inserts;
    expect(report!.manager_id).toBe(manager!.id);
    expect(plan.transitions.map((t) => [t.from_stage, t.to_stage])).toEqual([[null, 'hire'], [null, 'hire']]);
    expect(plan.hired).toHaveLength(2);
  });

  it('keeps omitted fields, clears null ones, and sees no change when nothing differs', () => {
    const known = [stored({})];
    const same = planImport([item({ externalId: 'S1', firstName: 'Sam', lastName: 'Stored', stage: undefined })], { known, units: new Map() }, AT);
    expect(same.results[0]!.status).toBe('unchanged');
    const cleared = planImport([item({ externalId: 'S1', firstName: 'Sam', lastName: 'Stored', stage: undefined, jobTitle: null })], { known, units: new Map() }, AT);
    expect(cleared.results[0]!.status).toBe('updated');
    expect(cleared.updates[0]).toMatchObject({ job_title: null, work_email: 'sam@example.com', start_date: '2020-01-01', stage: 'engage' });
    expect(cleared.reassigned).toEqual(['stored-1']);
    expect(cleared.transitions).toEqual([]);
  });

  it('writes one audit entry per created or updated row, with only the changed fields and names redacted', () => {
    const known = [stored({})];
    const plan = planImport(
      [item({ externalId: 'S1', firstName: 'Samuel', lastName: 'Stored', stage: undefined }), item({ externalId: 'N1', firstName: 'Nia' })],
      { known, units: new Map() },
      AT,
      ids(),
    );
    expect(plan.audit).toEqual([
      { action: 'employee.updated', entityType: 'employee', entityId: 'stored-1', before: { firstName: '[redacted]' }, after: { firstName: '[redacted]' } },
      {
        action: 'employee.created',
        entityType: 'employee',
        entityId: plan.inserts[0]!.id,
        before: null,
        after: { externalId: '[redacted]', firstName: '[redacted]', lastName: '[redacted]', stage: 'hire' },
      },
    ]);
  });

  it('refuses a row naming an erased employee', () => {
    const plan = planImport([item({ externalId: 'S1', stage: undefined })], { known: [stored({ erasedAt: new Date(AT) })], units: new Map() }, AT);
    expect(plan.results[0]).toMatchObject({ status: 'error', errors: [{ field: 'externalId', message: 'belongs to an employee erased at their request' }] });
    expect(plan.audit).toEqual([]);
  });

  it('turns a stage change into a transition only when the journey allows it', () => {
    const known = [stored({})];
    const allowed = planImport([item({ externalId: 'S1', firstName: 'Sam', lastName: 'Stored', stage: 'develop' })], { known, units: new Map() }, AT);
    expect(allowed.transitions).toEqual([{ employee_id: 'stored-1', from_stage: 'engage', to_stage: 'develop', reason: 'HRIS import' }]);
    expect(allowed.events.map((e) => [e.type, e.payload])).toEqual([
      ['employee.stage_changed', { from: 'engage', to: 'develop', effectiveAt: AT.toISOString(), source: 'import' }],
    ]);
    const refused = planImport([item({ externalId: 'S1', firstName: 'Sam', lastName: 'Stored', stage: 'onboard' })], { known, units: new Map() }, AT);
    expect(refused.results[0]).toMatchObject({ status: 'error', errors: [{ field: 'stage' }] });
    expect(refused.updates).toEqual([]);
  });

  it('fails rows whose manager fails, transitively, and keeps them listed as present', () => {
    const plan = planImport(
      [
        item({ externalId: 'A', managerExternalId: 'B' }),
        item({ externalId: 'B', managerExternalId: 'C' }),
        item({ externalId: 'C', unitExternalId: 'missing' }),
        item({ externalId: 'D' }),
      ],
      { known: [], units: new Map() },
      AT,
    );
    expect(plan.results.map((r) => r.status)).toEqual(['error', 'error', 'error', 'created']);
    expect(plan.present).toEqual(['A', 'B', 'C', 'D']);
  });
});
