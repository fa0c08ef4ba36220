import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '#src/modules/audit/audit.module.js';
import { AuthModule } from '#src/modules/auth/auth.module.js';
import { TenantEntity } from './tenant.entity.js';
import { TenantSetup } from './tenant-setup.js';
import { TenantsController } from './tenants.controller.js';
import { TenantsRepository } from './tenants.repository.js';
import { TenantsService } from './tenants.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([TenantEntity]), AuthModule, AuditModule],
  controllers: [TenantsController],
  providers: [TenantsRepository, TenantsService, TenantSetup],
  exports: [TenantsService, TenantSetup],
})
export class TenancyModule {}
