/**
 * A WebSocket rollback's second half. The stage is back on the previous deployment; the API's
 * definition (routes, integrations, their responses, authorizers, models, the API's own
 * fields) still says what the rolled-back change made it say. AWS cannot export a WebSocket API
 * (so there is no ExportApi → ReimportApi as for HTTP APIs): the definition the apply started
 * from is applied back instead — the same diff, order and executor as an apply, limited to the
 * kinds a deployment snapshots. Stages and tags are not part of a deployment and stay as applied.
 */
import { rereadApi } from '../aws/apply/reread.js';
import { createApiExecutor, type ApiClients, type AwsCaller, type Deployer } from '../aws/apply/index.js';
import { diffApi } from '../diff/api.js';
import { kindOf } from '../kinds/registry.js';
import type { LiveApi } from '../model/live.js';
import { orderChanges } from '../plan/order.js';

/** Never called: a restore makes no deployment (the stage already serves the previous one). */
const NO_DEPLOY: Deployer = {
  deploy: () => Promise.reject(new Error('restoring a definition makes no deployment')),
};

export function restoreDefinition(o: {
  key: string;
  previous: LiveApi;
  clients: ApiClients;
  caller: AwsCaller;
  region: string;
}): () => Promise<void> {
  return async () => {
    const { model, ids } = o.previous;
    const now = await rereadApi(
      o.clients,
      o.caller,
      { kind: model.kind, apiId: ids.apiId, name: model.name },
      o.key,
      model,
    );
    const changes = orderChanges(diffApi(o.key, model, now.model)).filter((c) =>
      c.target === 'api' ? c.action === 'update' : kindOf(c.target).snapshot,
    );
    const steps = changes.map((change, i) => ({ seq: i + 1, change }));
    const executor = createApiExecutor(model.kind, o.clients, {
      region: o.region,
      desired: model,
      live: now,
      caller: o.caller,
      deployer: NO_DEPLOY,
      toolTagsAtCreate: () => ({}),
      description: 'apigw-sync rollback',
      steps,
    });
    for (const step of steps) await executor.execute(step);
  };
}
