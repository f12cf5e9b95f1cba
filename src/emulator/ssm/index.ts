/**
 * Systems Manager Parameter Store (AWS JSON 1.1, target prefix AmazonSSM) as an emulator
 * module, minimal: PutParameter and GetParameter, what the tool needs to read an API key value
 * from a SecureString at apply time. Values live in the emulator's state (and state file) in
 * clear, as a test double's do; the wire shows SecureStrings encrypted unless asked otherwise.
 */
import { DEFAULT_PARTITION } from '../core/partitions.js';
import type { ModuleContext, ServiceModule } from '../core/types.js';
import { parameterRoutes } from './parameters.js';
import type { SsmState } from './types.js';

export const SSM_MODULE_NAME = 'ssm';

export function createSsmModule(ctx?: ModuleContext): ServiceModule {
  let state: SsmState = { parameters: [] };
  return {
    name: SSM_MODULE_NAME,
    routes: parameterRoutes(() => state, ctx?.partition ?? DEFAULT_PARTITION),
    snapshot: () => structuredClone(state),
    restore: (data) => {
      const d = data as SsmState | undefined;
      state = d && Array.isArray(d.parameters) ? structuredClone(d) : { parameters: [] };
    },
    reset: () => {
      state = { parameters: [] };
    },
  };
}
