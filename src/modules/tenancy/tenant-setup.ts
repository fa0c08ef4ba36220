import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { asSystem, inTenant } from '#src/common/tenancy/tenant-scope.js';

/** A step that gives a tenant its starting content (default drivers and questions, templates…). */
export type TenantSetupStep = (manager: EntityManager, tenantId: string) => Promise<void>;

/**
 * The steps run inside the transaction that creates a tenant, so a tenant exists with all of its
 * defaults or not at all. Capabilities register theirs when their module starts; tenancy needs to
 * know none of them. Each step a tenant has had is recorded in `tenant_setup_steps`, so that a
 * tenant made before a step existed (an upgrade) gets it at the next start: {@link backfill}.
 */
@Injectable()
export class TenantSetup {
  private readonly steps = new Map<string, TenantSetupStep>();
  private readonly logger = new Logger('TenantSetup');

  constructor(private readonly dataSource: DataSource) {}

  register(name: string, step: TenantSetupStep): void {
    if (this.steps.has(name)) throw new Error(`Tenant setup step ${name} is registered twice`);
    this.steps.set(name, step);
  }

  async run(manager: EntityManager, tenantId: string): Promise<void> {
    for (const [name, step] of this.steps) await this.runStep(manager, tenantId, name, step);
  }

  /**
   * Runs every step a tenant has not had yet, each tenant in its own transaction; safe with many
   * instances starting at once. Returns how many steps ran. Finding the tenants that miss a step
   * is system work; each step then runs in its tenant's scope.
   */
  async backfill(): Promise<number> {
    let ran = 0;
    for (const [name, step] of this.steps) {
      const missing: { id: string }[] = await asSystem('tenant setup backfill', () =>
        this.dataSource.query(
          `SELECT t.id FROM tenants t WHERE NOT EXISTS (SELECT 1 FROM tenant_setup_steps s WHERE s.tenant_id = t.id AND s.step = $1)`,
          [name],
        ),
      );
      for (const { id } of missing) {
        const done = await inTenant(id, () =>
          this.dataSource.transaction(async (manager) => {
            // One instance at a time per tenant; the others then find the step recorded.
            await manager.query(`SELECT pg_advisory_xact_lock(hashtext('tandem:tenant-setup'), hashtext($1))`, [id]);
            const already: unknown[] = await manager.query(`SELECT 1 FROM tenant_setup_steps WHERE tenant_id = $1 AND step = $2`, [id, name]);
            if (already.length > 0) return false;
            await this.runStep(manager, id, name, step);
            return true;
          }),
        );
        if (done) ran += 1;
      }
    }
    if (ran > 0) this.logger.log(`Gave ${ran} setup step(s) to organisations made before they existed`);
    return ran;
  }

  private async runStep(manager: EntityManager, tenantId: string, name: string, step: TenantSetupStep): Promise<void> {
    await step(manager, tenantId);
    await manager.query(`INSERT INTO tenant_setup_steps (tenant_id, step, done_at) VALUES ($1, $2, now())`, [tenantId, name]);
  }
}
