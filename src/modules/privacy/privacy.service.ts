import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '#src/common/auth/principal.js';
import { DomainError } from '#src/common/errors/domain-error.js';
import { AuditLogRepository } from '#src/modules/audit/audit-log.repository.js';
import { exportAudit } from '#src/modules/audit/domain/audit.js';
import { toAuditEntryDto } from '#src/modules/audit/dto/audit-entry.dto.js';
import { EmployeesProblems } from '#src/modules/employees/employees.errors.js';
import { toErasureDto, type DataExportDto, type ErasureRequestDto, type ErasureResultDto } from './dto/privacy.dto.js';
import { EmployeeErasureEntity } from './employee-erasure.entity.js';
import { RETAINED_DATA } from './personal-data.js';
import { PrivacyProblems } from './privacy.errors.js';
import { PrivacyRepository } from './privacy.repository.js';

/** Only someone who has left, or never joined, can be erased: a current employee's data is still needed. */
const ERASABLE_STAGES = ['depart', 'attract'];

/** Data-subject rights: everything held about one person, and its erasure (docs/privacy.md). */
@Injectable()
export class PrivacyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly privacy: PrivacyRepository,
    private readonly audit: AuditLogRepository,
  ) {}

  /** Every row that refers to the person, read in one snapshot; the export itself is audited. */
  async exportData(principal: Principal, employeeId: string): Promise<DataExportDto> {
    const { tenantId } = principal;
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const person = await this.privacy.findPerson(manager, tenantId, employeeId, { lock: false });
      if (!person) throw notFound(employeeId);
      const rows = await this.privacy.read(manager, person);
      const erasure = await manager.findOneBy(EmployeeErasureEntity, { tenantId, employeeId });
      const idsOf = (items: Record<string, unknown>[]) => items.map((item) => String(item.id));
      const subjects = [employeeId, ...person.userIds, ...idsOf(rows.separations), ...idsOf(rows.checklists)];
      const auditEntries = await this.audit.about(manager, tenantId, subjects, person.userIds);
      await this.audit.record(manager, tenantId, principal, [exportAudit('employee', employeeId, { export: 'personal_data', format: 'json' })]);
      return {
        employeeId,
        exportedAt: new Date().toISOString(),
        ...rows,
        erasure: erasure && toErasureDto(erasure),
        auditEntries: auditEntries.map(toAuditEntryDto),
      };
    });
  }

  /**
   * Anonymises the person in one transaction, keeping what aggregates and the law need (flagged in
   * the record), and audits it. Erasing an erased person changes nothing and answers the first
   * record (`alreadyErased`).
   */
  async erase(principal: Principal, employeeId: string, dto: ErasureRequestDto): Promise<ErasureResultDto> {
    const { tenantId } = principal;
    return this.dataSource.transaction(async (manager) => {
      const person = await this.privacy.findPerson(manager, tenantId, employeeId, { lock: true });
      if (!person) throw notFound(employeeId);
      const existing = await manager.findOneBy(EmployeeErasureEntity, { tenantId, employeeId });
      if (existing) return { ...toErasureDto(existing), alreadyErased: true };
      if (!ERASABLE_STAGES.includes(person.stage)) {
        throw new DomainError(
          PrivacyProblems.employeeActive,
          `The employee is in ${person.stage}: their data is still needed for their employment. Record their separation (or move them to depart) first.`,
          { stage: person.stage },
        );
      }
      const changed = await this.privacy.anonymise(manager, person);
      const repository = manager.getRepository(EmployeeErasureEntity);
      const erasure = await repository.save(
        repository.create({
          tenantId,
          employeeId,
          reason: dto.reason,
          erasedByUserId: principal.userId,
          erasedByApiKeyId: principal.apiKeyId,
          changed,
          retained: [...RETAINED_DATA],
        }),
      );
      await this.audit.record(manager, tenantId, principal, [
        { action: 'employee.erased', entityType: 'employee', entityId: employeeId, before: null, after: { erasureId: erasure.id, changed } },
      ]);
      return { ...toErasureDto(erasure), alreadyErased: false };
    });
  }
}

function notFound(id: string): DomainError {
  return new DomainError(EmployeesProblems.notFound, `No employee ${id}.`);
}
