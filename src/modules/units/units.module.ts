import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UnitVersionEntity } from './unit-version.entity.js';
import { UnitEntity } from './unit.entity.js';

/** The org tree: units, their history, and the HRIS bulk upsert. */
@Module({
  imports: [TypeOrmModule.forFeature([UnitEntity, UnitVersionEntity])],
  controllers: [],
  providers: [],
  exports: [],
})
export class UnitsModule {}
