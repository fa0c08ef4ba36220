import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** A step that gives a new tenant its starting content (default drivers and questions, templates…). */
export type TenantSetupStep = (manager: EntityManager, tenantId: string) => Promise<void>;

/**
 * The steps run inside the transaction that creates a tenant, so a tenant exists with all of its
 * defaults or not at all. Capabilities register theirs when their module starts; tenancy needs
 * to know none of them.
 */
@Injectable()
export class TenantSetup {
  private readonly steps = new Map<string, TenantSetupStep>();

  register(name: string, step: TenantSetupStep): void {
    if (this.steps.has(name)) throw new Error(`Tenant setup step ${name} is registered twice`);
    this.steps.set(name, step);
  }

  async run(manager: EntityManager, tenantId: string): Promise<void> {
    for (const step of this.steps.values()) await step(manager, tenantId);
  }
}
