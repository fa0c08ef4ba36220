import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, type EntityManager, type Repository } from 'typeorm';
import { decodeCursor, toPage, type Page } from '#src/common/pagination/pagination.js';
import { tenurePhaseSql } from './domain/tenure-phase.js';
import type { Stage, TenurePhase } from './domain/journey.js';
import { EmployeeAssignmentEntity } from './employee-assignment.entity.js';
import { EmployeeEntity } from './employee.entity.js';
import { StageTransitionEntity } from './stage-transition.entity.js';
import type { EmployeeSort } from './dto/employee.dto.js';
import { subtreeSql } from '#src/modules/units/unit-tree.js';

export type EmployeeValues = Omit<EmployeeEntity, 'id' | 'createdAt' | 'updatedAt' | 'version' | 'erasedAt' | 'tenant' | 'unit' | 'manager' | 'referredBy'>;
export type EmployeeChanges = Partial<Omit<EmployeeValues, 'tenantId'>>;
export type NewTransition = Omit<StageTransitionEntity, 'id' | 'createdAt' | 'employee'>;

export interface EmployeeListFilter {
  readonly unitId?: string;
  readonly stage?: Stage;
  readonly tenurePhase?: TenurePhase;
  readonly location?: string;
  readonly managerId?: string;
  readonly q?: string;
  readonly sort: EmployeeSort;
  readonly limit: number;
  readonly cursor?: string;
  /** The tenant's local date, for tenure phases. */
  readonly today: string;
}

const SORT_COLUMNS: Record<string, string> = { lastName: 'e.last_name', startDate: 'e.start_date', createdAt: 'e.created_at' };

@Injectable()
export class EmployeesRepository {
  constructor(@InjectRepository(EmployeeEntity) private readonly employees: Repository<EmployeeEntity>) {}

  findInTenant(tenantId: string, id: string): Promise<EmployeeEntity | null> {
    return this.employees.findOneBy({ tenantId, id });
  }

  /** Reads the employee and locks the row until the transaction ends (concurrent moves queue up). */
  findForUpdate(manager: EntityManager, tenantId: string, id: string): Promise<EmployeeEntity | null> {
    return manager
      .getRepository(EmployeeEntity)
      .createQueryBuilder('e')
      .setLock('pessimistic_write')
      .where('e.tenant_id = :tenantId AND e.id = :id', { tenantId, id })
      .getOne();
  }

  insert(manager: EntityManager, values: EmployeeValues): Promise<EmployeeEntity> {
    const repository = manager.getRepository(EmployeeEntity);
    return repository.save(repository.create(values));
  }

  async update(manager: EntityManager, tenantId: string, id: string, changes: EmployeeChanges): Promise<EmployeeEntity> {
    await manager
      .createQueryBuilder()
      .update(EmployeeEntity)
      .set({ ...changes, version: () => 'version + 1', updatedAt: () => 'now()' })
      .where('tenant_id = :tenantId AND id = :id', { tenantId, id })
      .execute();
    return (await manager.getRepository(EmployeeEntity).findOneBy({ tenantId, id }))!;
  }

  /** Whether `employeeId` is `managerId` or above it in the management chain (the new manager would report to them). */
  async isInManagementChainOf(manager: EntityManager, tenantId: string, managerId: string, employeeId: string): Promise<boolean> {
    const rows: { found: boolean }[] = await manager.query(
      `WITH RECURSIVE chain(id, depth) AS (
         SELECT id, 0 FROM employees WHERE tenant_id = $1 AND id = $2
         UNION ALL
         SELECT e.manager_id, chain.depth + 1 FROM employees e JOIN chain ON e.tenant_id = $1 AND e.id = chain.id
         WHERE e.manager_id IS NOT NULL AND chain.depth < 1000
       )
       SELECT EXISTS (SELECT 1 FROM chain WHERE id = $3) AS found`,
      [tenantId, managerId, employeeId],
    );
    return rows[0]!.found;
  }

  insertTransition(manager: EntityManager, values: NewTransition): Promise<StageTransitionEntity> {
    const repository = manager.getRepository(StageTransitionEntity);
    return repository.save(repository.create(values));
  }

  async lastTransitionAt(manager: EntityManager, tenantId: string, employeeId: string): Promise<Date | null> {
    const last = await manager
      .getRepository(StageTransitionEntity)
      .createQueryBuilder('t')
      .where('t.tenant_id = :tenantId AND t.employee_id = :employeeId', { tenantId, employeeId })
      .orderBy('t.effective_at', 'DESC')
      .getOne();
    return last?.effectiveAt ?? null;
  }

  /** Closes the current assignment (if any) and opens one with the employee's present unit, manager and title. */
  async recordAssignment(manager: EntityManager, employee: EmployeeEntity, at: Date): Promise<void> {
    const repository = manager.getRepository(EmployeeAssignmentEntity);
    await repository
      .createQueryBuilder()
      .update()
      .set({ validTo: at })
      .where('tenant_id = :tenantId AND employee_id = :employeeId AND valid_to IS NULL', {
        tenantId: employee.tenantId,
        employeeId: employee.id,
      })
      .execute();
    await repository.insert({
      tenantId: employee.tenantId,
      employeeId: employee.id,
      unitId: employee.unitId,
      managerId: employee.managerId,
      jobTitle: employee.jobTitle,
      validFrom: at,
      validTo: null,
    });
  }

  listTransitions(tenantId: string, employeeId: string): Promise<StageTransitionEntity[]> {
    return this.employees.manager
      .getRepository(StageTransitionEntity)
      .find({ where: { tenantId, employeeId }, order: { effectiveAt: 'ASC', createdAt: 'ASC' } });
  }

  listAssignments(tenantId: string, employeeId: string): Promise<EmployeeAssignmentEntity[]> {
    return this.employees.manager
      .getRepository(EmployeeAssignmentEntity)
      .find({ where: { tenantId, employeeId }, order: { validFrom: 'ASC' } });
  }

  async listPage(tenantId: string, filter: EmployeeListFilter): Promise<Page<EmployeeEntity>> {
    const descending = filter.sort.startsWith('-');
    const column = SORT_COLUMNS[filter.sort.replace('-', '')]!;
    const direction = descending ? 'DESC' : 'ASC';
    const query = this.employees.createQueryBuilder('e').where('e.tenant_id = :tenantId', { tenantId });

    if (filter.unitId) {
      query.andWhere(
        `e.unit_id IN (
           ${subtreeSql(':tenantId', ':unitId')} SELECT id FROM subtree)`,
        { unitId: filter.unitId },
      );
    }
    if (filter.stage) query.andWhere('e.stage = :stage', { stage: filter.stage });
    if (filter.location) query.andWhere('e.location = :location', { location: filter.location });
    if (filter.managerId) query.andWhere('e.manager_id = :managerId', { managerId: filter.managerId });
    if (filter.tenurePhase) this.whereTenurePhase(query, filter.tenurePhase, filter.today);
    if (filter.q) {
      const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query.andWhere(
        new Brackets((w) =>
          w
            .where(`(e.first_name || ' ' || e.last_name) ILIKE :pattern`, { pattern })
            .orWhere('e.work_email ILIKE :pattern', { pattern })
            .orWhere('e.external_id ILIKE :pattern', { pattern }),
        ),
      );
    }
    // Nulls (no start date) sort last either way; the cursor keeps them apart with a sentinel.
    const sortExpr = column === 'e.start_date' ? `coalesce(e.start_date, '9999-12-31'::date)` : column;
    if (filter.cursor) {
      const position = decodeCursor(filter.cursor);
      query.andWhere(`(${sortExpr}, e.id) ${descending ? '<' : '>'} (:cursorValue, :cursorId)`, {
        cursorValue: position.value,
        cursorId: position.id,
      });
    }
    const rows = await query
      .orderBy(sortExpr, direction)
      .addOrderBy('e.id', direction)
      .limit(filter.limit + 1)
      .getMany();
    return toPage(rows, filter.limit, (e) => ({
      value:
        column === 'e.last_name' ? e.lastName : column === 'e.start_date' ? (e.startDate ?? '9999-12-31') : e.createdAt.toISOString(),
      id: e.id,
    }));
  }

  /** Employees in a tenure phase on `today`, by the same rule as `tenurePhase()`. */
  private whereTenurePhase(query: ReturnType<Repository<EmployeeEntity>['createQueryBuilder']>, phase: TenurePhase, today: string): void {
    query.andWhere(`(${tenurePhaseSql(':today')}) = :phase`, { today, phase });
  }
}
