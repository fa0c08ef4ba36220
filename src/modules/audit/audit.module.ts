import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditEntryEntity } from './audit-entry.entity.js';
import { AuditController } from './audit.controller.js';
import { AuditLogRepository } from './audit-log.repository.js';
import { AuditService } from './audit.service.js';

/** The audit log (docs/audit.md): capabilities write entries in their own transactions; HR reads them. */
@Module({
  imports: [TypeOrmModule.forFeature([AuditEntryEntity])],
  controllers: [AuditController],
  providers: [AuditLogRepository, AuditService],
  exports: [AuditLogRepository],
})
export class AuditModule {}
