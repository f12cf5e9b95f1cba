/** Apply's AWS side: executors per API kind, deployers, tags the tool keeps on each API. */
import type { ApiKind } from '../../model/api.js';
import type { StepExecutor } from '../../model/plan.js';
import type { LiveIds } from '../../model/live.js';
import type { AwsCaller } from './call.js';
import { httpDirectDeployer, restDirectDeployer, type Deployer } from './deployer.js';
import { HttpApiExecutor } from './http-executor.js';
import { RestApiExecutor } from './rest-executor.js';
import { WebSocketApiExecutor } from './websocket-executor.js';
import type { ExecutorOptions } from './shared.js';
import type { ApiClients } from './tags.js';

export { AwsCaller, isAwsError, wrapAwsError, type CallInfo } from './call.js';
export {
  restDirectDeployer,
  httpDirectDeployer,
  type Deployer,
  type DeployRequest,
  type DeployContext,
  type DeployerFactory,
} from './deployer.js';
export { RestApiExecutor } from './rest-executor.js';
export { HttpApiExecutor } from './http-executor.js';
export { WebSocketApiExecutor } from './websocket-executor.js';
export { ApiTags, type ApiClients, type ApiRef } from './tags.js';
export { encodePending, decodePending, matchesShort, type PendingApply } from './pending.js';
export { TAG_DEPLOYED, encodeDeployed, decodeDeployed } from './deployed-tag.js';

/** A StepExecutor for one API that also tells what it did (ids, deployments served). */
export interface ApiExecutor extends StepExecutor {
  readonly apiId: string;
  readonly ids: LiveIds;
  readonly served: Record<string, string>;
}

export function directDeployer(kind: ApiKind, clients: ApiClients, caller: AwsCaller): Deployer {
  return kind === 'RestApi' ? restDirectDeployer(clients.apigw, caller) : httpDirectDeployer(clients.apigwv2, caller);
}

export function createApiExecutor(kind: ApiKind, clients: ApiClients, o: ExecutorOptions): ApiExecutor {
  if (kind === 'RestApi') return new RestApiExecutor({ ...o, client: clients.apigw, waf: () => clients.wafv2 });
  return kind === 'WebSocketApi'
    ? new WebSocketApiExecutor({ ...o, client: clients.apigwv2 })
    : new HttpApiExecutor({ ...o, client: clients.apigwv2 });
}

export type { ExecutorOptions } from './shared.js';
export { deleteApi } from './delete-api.js';
