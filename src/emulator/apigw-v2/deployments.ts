/**
 * Deployments of HTTP APIs: a frozen snapshot that is PENDING for a moment and then
 * DEPLOYED (clients poll GetDeployment). Deploying to an AutoDeploy stage, deploying an API
 * without routes and deleting a deployment a stage serves are refused, as on AWS.
 */
import { badRequest, type RouteDef } from '../core/types.js';
import { page } from './paging.js';
import { v2Route } from './route-def.js';
import type { V2Store } from './store.js';
import type { Deployment } from './types.js';
import { missingModels } from './models.js';
import { isWebSocket } from './websocket-api.js';
import { bodyOf, compact, json, optStr } from './wire.js';

export function deploymentWire(store: V2Store, d: Deployment) {
  const status = store.deploymentStatus(d);
  return compact({
    autoDeployed: d.autoDeployed,
    createdDate: d.createdDate,
    deploymentId: d.deploymentId,
    deploymentStatus: status,
    deploymentStatusMessage: status === 'PENDING' ? 'Deployment in progress' : undefined,
    description: d.description,
  });
}

export function deploymentRoutes(store: V2Store): RouteDef[] {
  return [
    v2Route('CreateDeployment', 'POST', '/v2/apis/{apiId}/deployments', true, (req, p) => {
      const st = store.api(p.apiId);
      const b = bodyOf(req);
      const stageName = optStr(b, 'stageName');
      const stage = stageName !== undefined ? store.stage(st, stageName) : undefined;
      if (stage?.autoDeploy) {
        throw badRequest(
          `Stage ${stage.stageName} has AutoDeploy enabled; deployments to it are automatic and cannot be created manually`,
        );
      }
      if (st.routes.length === 0) throw badRequest('Unable to deploy API because no routes exist in this API');
      if (isWebSocket(st) && !st.api.disableSchemaValidation) {
        const missing = missingModels(st);
        if (missing.length > 0)
          throw badRequest(
            `Unable to deploy API: models not found: ${missing.join(', ')}; create them or set DisableSchemaValidation on the API`,
          );
      }
      const d = store.deploy(st, { description: optStr(b, 'description'), autoDeployed: false });
      if (stage) {
        stage.deploymentId = d.deploymentId;
        stage.lastUpdatedDate = store.isoNow();
      }
      return json(201, deploymentWire(store, d));
    }),
    v2Route('GetDeployments', 'GET', '/v2/apis/{apiId}/deployments', false, (req, p) => {
      const pg = page(store.api(p.apiId).deployments, req);
      return json(200, compact({ items: pg.items.map((d) => deploymentWire(store, d)), nextToken: pg.nextToken }));
    }),
    v2Route('GetDeployment', 'GET', '/v2/apis/{apiId}/deployments/{deploymentId}', false, (_req, p) => {
      const st = store.api(p.apiId);
      return json(200, deploymentWire(store, store.deployment(st, p.deploymentId)));
    }),
    v2Route('UpdateDeployment', 'PATCH', '/v2/apis/{apiId}/deployments/{deploymentId}', true, (req, p) => {
      const st = store.api(p.apiId);
      const d = store.deployment(st, p.deploymentId);
      const description = optStr(bodyOf(req), 'description');
      if (description !== undefined) d.description = description;
      return json(200, deploymentWire(store, d));
    }),
    v2Route('DeleteDeployment', 'DELETE', '/v2/apis/{apiId}/deployments/{deploymentId}', true, (_req, p) => {
      const st = store.api(p.apiId);
      const d = store.deployment(st, p.deploymentId);
      const users = st.stages.filter((s) => s.deploymentId === d.deploymentId);
      if (users.length > 0) {
        throw badRequest(
          `Deployment ${d.deploymentId} is in use by stage(s) ${users.map((s) => s.stageName).join(', ')}; active stages pointing to this deployment must be moved or deleted`,
        );
      }
      st.deployments = st.deployments.filter((x) => x !== d);
      return json(204);
    }),
  ];
}
