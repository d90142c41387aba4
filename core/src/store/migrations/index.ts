import { InitialSchema1732240000000 } from './1732240000000-initial-schema';
import { ApiAuthAudit1732330000000 } from './1732330000000-api-auth-audit';
import { TenantIdIndexes1732420000000 } from './1732420000000-tenant-id-indexes';
import { Webhooks1732510000000 } from './1732510000000-webhooks';
import { MappingReadHash1732600000000 } from './1732600000000-mapping-read-hash';

/** Every migration, oldest first. */
export const migrations = [InitialSchema1732240000000, ApiAuthAudit1732330000000, TenantIdIndexes1732420000000, Webhooks1732510000000, MappingReadHash1732600000000];
