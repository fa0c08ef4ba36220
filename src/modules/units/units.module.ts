import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UnitVersionEntity } from './unit-version.entity.js';
import { UnitEntity } from './unit.entity.js';
import { UnitsController } from './units.controller.js';
import { UnitsRepository } from './units.repository.js';
import { UnitsService } from './units.service.js';

/** The org tree: units, their history, and the HRIS bulk upsert. */
@Module({
  imports: [TypeOrmModule.forFeature([UnitEntity, UnitVersionEntity])],
  controllers: [UnitsController],
  providers: [UnitsRepository, UnitsService],
  exports: [UnitsService],
})
export class UnitsModule {}
