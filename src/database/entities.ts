import { ApiKeyEntity } from '#src/modules/auth/api-key.entity.js';
import { TenantEntity } from '#src/modules/tenancy/tenant.entity.js';
import { UserEntity } from '#src/modules/users/user.entity.js';
import { InstanceSettingEntity } from './instance-setting.entity.js';

/** Every entity of the schema; add a capability's entities here when adding its migration. */
export const ENTITIES = [InstanceSettingEntity, TenantEntity, UserEntity, ApiKeyEntity];
