import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '#src/modules/audit/audit.module.js';
import { EmployeeErasureEntity } from './employee-erasure.entity.js';
import { PrivacyController } from './privacy.controller.js';
import { PrivacyRepository } from './privacy.repository.js';
import { PrivacyService } from './privacy.service.js';

/**
 * Data-subject rights (docs/privacy.md): one person's data export and erasure. It reads and
 * anonymises rows of every capability by SQL, from the list in personal-data.ts.
 */
@Module({
  imports: [TypeOrmModule.forFeature([EmployeeErasureEntity]), AuditModule],
  controllers: [PrivacyController],
  providers: [PrivacyRepository, PrivacyService],
})
export class PrivacyModule {}
