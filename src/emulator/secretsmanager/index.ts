/**
 * Secrets Manager (AWS JSON 1.1, target prefix secretsmanager) as an emulator module, minimal:
 * CreateSecret, GetSecretValue and PutSecretValue — what the tool needs to read an API key
 * value kept as a secret, and tests need to change it.
 */
import { DEFAULT_PARTITION } from '../core/partitions.js';
import type { ModuleContext, ServiceModule } from '../core/types.js';
import { secretRoutes } from './secrets.js';
import type { SecretsState } from './types.js';

export const SECRETS_MANAGER_MODULE_NAME = 'secretsmanager';

export function createSecretsManagerModule(ctx?: ModuleContext): ServiceModule {
  let state: SecretsState = { secrets: [] };
  return {
    name: SECRETS_MANAGER_MODULE_NAME,
    routes: secretRoutes(() => state, ctx?.partition ?? DEFAULT_PARTITION),
    snapshot: () => structuredClone(state),
    restore: (data) => {
      const d = data as SecretsState | undefined;
      state = d && Array.isArray(d.secrets) ? structuredClone(d) : { secrets: [] };
    },
    reset: () => {
      state = { secrets: [] };
    },
  };
}
