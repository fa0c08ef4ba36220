import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EmployeeAssignmentEntity } from './employee-assignment.entity.js';
import { EmployeeEntity } from './employee.entity.js';
import { StageTransitionEntity } from './stage-transition.entity.js';

/** Employees and their journey through the seven stages. */
@Module({
  imports: [TypeOrmModule.forFeature([EmployeeEntity, EmployeeAssignmentEntity, StageTransitionEntity])],
  controllers: [],
  providers: [],
})
export class EmployeesModule {}
