import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '#src/modules/audit/audit.module.js';
import { EventsModule } from '#src/modules/events/events.module.js';
import { TenancyModule } from '#src/modules/tenancy/tenancy.module.js';
import { AnniversariesJob } from './anniversaries.job.js';
import { EmployeeAssignmentEntity } from './employee-assignment.entity.js';
import { EmployeeEntity } from './employee.entity.js';
import { EmployeesController } from './employees.controller.js';
import { EmployeesImportRepository } from './employees-import.repository.js';
import { EmployeesImportService } from './employees-import.service.js';
import { EmployeesRepository } from './employees.repository.js';
import { EmployeesService } from './employees.service.js';
import { JourneySources } from './journey-sources.js';
import { StageTransitionEntity } from './stage-transition.entity.js';

/** Employees and their journey through the seven stages. */
@Module({
  imports: [TypeOrmModule.forFeature([EmployeeEntity, EmployeeAssignmentEntity, StageTransitionEntity]), TenancyModule, EventsModule, AuditModule],
  controllers: [EmployeesController],
  providers: [EmployeesRepository, EmployeesService, EmployeesImportRepository, EmployeesImportService, AnniversariesJob, JourneySources],
  exports: [EmployeesService, JourneySources],
})
export class EmployeesModule {}
