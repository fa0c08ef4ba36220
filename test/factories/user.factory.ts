import type { Role } from '#src/common/auth/principal.js';
import type { UserResponseDto } from '#src/modules/users/dto/user.dto.js';
import { UsersService } from '#src/modules/users/users.service.js';
import { inTenant } from '#src/common/tenancy/tenant-scope.js';
import type { TestApp } from '../utils/create-test-app.js';
import type { TenantFixture } from './tenant.factory.js';

export const TEST_PASSWORD = 'correct horse battery staple';
let sequence = 0;

/** Creates a user through the real service (password hashed with argon2id), in the tenant's scope. */
export async function createUser(
  testApp: TestApp,
  tenant: TenantFixture,
  overrides: { email?: string; role?: Role; password?: string | null; displayName?: string; employeeId?: string } = {},
): Promise<UserResponseDto & { password: string | null }> {
  sequence += 1;
  const password = overrides.password === undefined ? TEST_PASSWORD : overrides.password;
  const user = await inTenant(tenant.id, () =>
    testApp.app.get(UsersService).create(tenant.id, {
      email: overrides.email ?? `user${sequence}-${process.pid}@example.com`,
      role: overrides.role ?? 'employee',
      displayName: overrides.displayName,
      employeeId: overrides.employeeId,
      password: password ?? undefined,
    }),
  );
  return { ...user, password };
}

/** Signs in through the HTTP login route and returns the `Authorization` header value. */
export async function loginAs(testApp: TestApp, email: string, password = TEST_PASSWORD, tenant?: string): Promise<string> {
  const response = await testApp.http.post('/api/v1/auth/login').send({ email, password, ...(tenant ? { tenant } : {}) });
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${JSON.stringify(response.body)}`);
  return `Bearer ${response.body.accessToken}`;
}
