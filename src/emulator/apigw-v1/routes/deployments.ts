/**
 * Deployments: CreateDeployment freezes the API (refusing methods without an integration)
 * and, with a stage name, points the stage at it — or, with canarySettings on an existing
 * stage, puts the new deployment in the stage's canary instead. A deployment a stage or a
 * canary uses cannot be deleted.
 */
import { badRequest, type RouteDef } from '../../core/types.js';
import { ID_LENGTH, newId } from '../ids.js';
import { applyPatch, parsePatchOps } from '../patch.js';
import { API, route } from '../route.js';
import type { V1Store } from '../store.js';
import type { Deployment } from '../types.js';
import { bodyOf, bool, clone, compact, num, obj, ok, page, str, strMap, nowSeconds } from '../wire.js';
import { checkPercent, newStage } from './stages.js';
import { checkLimit, V1_LIMITS } from '../limits.js';

const view = (d: Deployment, withSummary: boolean) =>
  compact({
    id: d.id,
    description: d.description,
    createdDate: d.createdDate,
    apiSummary: withSummary ? clone(d.apiSummary) : undefined,
  });

export function deploymentRoutes(store: V1Store): RouteDef[] {
  return [
    route('POST', `${API}/deployments`, 'CreateDeployment', true, (req, p) => {
      const st = store.api(p.restApiId);
      const b = bodyOf(req);
      const stageName = str(b, 'stageName');
      const canary = obj(b, 'canarySettings');
      const existing = stageName ? st.stages.find((s) => s.stageName === stageName) : undefined;
      if (canary && !existing)
        throw badRequest(
          stageName
            ? 'Invalid stage identifier specified'
            : 'A canary deployment requires an existing stage (stageName)',
        );
      if (stageName && !existing) checkLimit(st.stages.length, V1_LIMITS.stagesPerApi, 'stages per API');
      const percent = canary ? checkPercent(num(canary, 'percentTraffic') ?? 0) : 0;
      const snapshot = store.snapshot(st);
      const d: Deployment = compact({
        id: newId(ID_LENGTH.deployment),
        description: str(b, 'description'),
        createdDate: nowSeconds(),
        apiSummary: store.apiSummary(snapshot),
        snapshot,
      });
      st.deployments.push(d);
      const variables = strMap(b, 'variables');
      if (canary && existing) {
        existing.canarySettings = compact({
          percentTraffic: percent,
          deploymentId: d.id,
          stageVariableOverrides: strMap(canary, 'stageVariableOverrides'),
          useStageCache: bool(canary, 'useStageCache') ?? false,
        });
        existing.lastUpdatedDate = nowSeconds();
      } else if (existing) {
        existing.deploymentId = d.id;
        if (variables) existing.variables = { ...(existing.variables ?? {}), ...variables };
        const description = str(b, 'stageDescription');
        if (description !== undefined) existing.description = description;
        existing.lastUpdatedDate = nowSeconds();
      } else if (stageName) {
        st.stages.push(
          newStage({
            stageName,
            deploymentId: d.id,
            description: str(b, 'stageDescription'),
            cacheClusterEnabled: bool(b, 'cacheClusterEnabled'),
            cacheClusterSize: str(b, 'cacheClusterSize'),
            variables,
            tracingEnabled: bool(b, 'tracingEnabled'),
          }),
        );
      }
      return ok(view(d, true), 201);
    }),
    route('GET', `${API}/deployments`, 'GetDeployments', false, (req, p) =>
      ok(
        page(
          store.api(p.restApiId).deployments.map((d) => view(d, false)),
          req,
        ),
      ),
    ),
    route('GET', `${API}/deployments/{deploymentId}`, 'GetDeployment', false, (req, p) => {
      const d = store.deployment(store.api(p.restApiId), p.deploymentId);
      const embed = req.query
        .getAll('embed')
        .flatMap((v) => v.split(','))
        .includes('apisummary');
      return ok(view(d, embed));
    }),
    route('PATCH', `${API}/deployments/{deploymentId}`, 'UpdateDeployment', true, (req, p) => {
      const d = store.deployment(store.api(p.restApiId), p.deploymentId);
      applyPatch(
        d as unknown as Record<string, unknown>,
        { description: 'string' },
        parsePatchOps(bodyOf(req).patchOperations),
      );
      return ok(view(d, false));
    }),
    route('DELETE', `${API}/deployments/{deploymentId}`, 'DeleteDeployment', true, (_req, p) => {
      const st = store.api(p.restApiId);
      const d = store.deployment(st, p.deploymentId);
      if (st.stages.some((s) => s.deploymentId === d.id))
        throw badRequest('Active stages pointing to this deployment must be moved or deleted');
      const canaryOf = st.stages.find((s) => s.canarySettings?.deploymentId === d.id);
      if (canaryOf)
        throw badRequest(
          `Deployment ${d.id} is used by the canary of stage ${canaryOf.stageName}; remove the canary first`,
        );
      st.deployments = st.deployments.filter((x) => x !== d);
      return ok(undefined, 202);
    }),
  ];
}
