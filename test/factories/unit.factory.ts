import type { UnitKind } from '#src/modules/units/unit.entity.js';
import type { UnitResponseDto } from '#src/modules/units/dto/unit.dto.js';
import { UnitsService } from '#src/modules/units/units.service.js';
import { inTenant } from '#src/common/tenancy/tenant-scope.js';
import type { TestApp } from '../utils/create-test-app.js';
import type { TenantFixture } from './tenant.factory.js';

let sequence = 0;

/** Creates a unit through the real service (with its first history version), in the tenant's scope. */
export async function createUnit(
  testApp: TestApp,
  tenant: TenantFixture,
  overrides: { name?: string; kind?: UnitKind; parentId?: string | null; externalId?: string; managerId?: string } = {},
): Promise<UnitResponseDto> {
  sequence += 1;
  return inTenant(tenant.id, () =>
    testApp.app.get(UnitsService).create(tenant.id, {
      name: overrides.name ?? `Unit ${sequence}`,
      kind: overrides.kind,
      parentId: overrides.parentId,
      externalId: overrides.externalId,
      managerId: overrides.managerId,
    }),
  );
}
