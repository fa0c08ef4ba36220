import type { Principal } from '#src/common/auth/principal.js';
import type { CreateEmployeeDto, EmployeeResponseDto } from '#src/modules/employees/dto/employee.dto.js';
import { EmployeesService } from '#src/modules/employees/employees.service.js';
import { inTenant } from '#src/common/tenancy/tenant-scope.js';
import type { TestApp } from '../utils/create-test-app.js';
import type { TenantFixture } from './tenant.factory.js';

let sequence = 0;

/** An hr_admin principal of the tenant, for calling services directly. */
export function hrPrincipal(tenant: TenantFixture): Principal {
  return { tenantId: tenant.id, role: 'hr_admin', kind: 'api_key', userId: null, apiKeyId: null };
}

/** Creates an employee through the real service (with their first stage and assignment recorded), in the tenant's scope. */
export async function createEmployee(
  testApp: TestApp,
  tenant: TenantFixture,
  overrides: Partial<CreateEmployeeDto> = {},
): Promise<EmployeeResponseDto> {
  sequence += 1;
  return inTenant(tenant.id, () =>
    testApp.app.get(EmployeesService).create(hrPrincipal(tenant), {
      firstName: 'Test',
      lastName: `Person ${String(sequence).padStart(4, '0')}`,
      stage: 'engage',
      ...overrides,
    }),
  );
}
