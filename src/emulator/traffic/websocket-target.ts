/**
 * Where simulated WebSocket traffic goes: a stage of a WebSocket API resolved to the deployment
 * it serves and, per route of that deployment, its integration, whether it is two-way and
 * whether per-route ("detailed") metrics are on. Routes and integrations come from the
 * deployment's frozen snapshot; detailed metrics are a stage setting, applied without one.
 */
import { badRequest } from '../core/types.js';
import type { ApigwV2Module } from '../apigw-v2/index.js';

export interface WsRouteTarget {
  routeKey: string;
  /** The route's integration; undefined when the route has none. */
  integration?: { type: string; uri?: string };
  /** A route response selection expression and a `$default` route response: API Gateway answers the client. */
  twoWay: boolean;
  /** `$connect` with AWS_IAM or CUSTOM authorization. */
  authorized: boolean;
  /** Per-route metrics (`ApiId`, `Stage`, `Route`): the stage's DetailedMetricsEnabled for this route. */
  detailedMetrics: boolean;
}

export interface WsStageTarget {
  kind: 'WebSocketApi';
  apiId: string;
  apiName: string;
  stage: string;
  deploymentId: string;
  routes: WsRouteTarget[];
}

export function isWebSocketApi(v2: ApigwV2Module | undefined, apiId: string): boolean {
  return v2?.store.state.apis.some((a) => a.api.apiId === apiId && a.api.protocolType === 'WEBSOCKET') ?? false;
}

export function webSocketTarget(v2: ApigwV2Module, apiId: string, stageName: string): WsStageTarget {
  const store = v2.store;
  const st = store.api(apiId);
  const stage = store.stage(st, stageName);
  if (!stage.deploymentId) throw badRequest(`Stage ${stageName} of WebSocket API ${apiId} has no deployment`);
  const d = store.deployment(st, stage.deploymentId);
  const routes = d.snapshot.routes.map((r): WsRouteTarget => {
    const integrationId = r.target?.replace(/^integrations\//, '');
    const integration = d.snapshot.integrations.find((i) => i.integrationId === integrationId);
    const responses = d.snapshot.routeResponses?.[r.routeId] ?? [];
    return {
      routeKey: r.routeKey,
      integration: integration && { type: integration.integrationType, uri: integration.integrationUri },
      twoWay:
        r.routeResponseSelectionExpression !== undefined && responses.some((x) => x.routeResponseKey === '$default'),
      authorized: r.routeKey === '$connect' && r.authorizationType !== 'NONE',
      detailedMetrics:
        stage.routeSettings[r.routeKey]?.detailedMetricsEnabled ??
        stage.defaultRouteSettings.detailedMetricsEnabled ??
        false,
    };
  });
  return { kind: 'WebSocketApi', apiId, apiName: st.api.name, stage: stageName, deploymentId: d.deploymentId, routes };
}
