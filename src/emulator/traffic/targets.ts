/**
 * Where simulated requests go: a stage resolved to the deployment(s) serving it and, per
 * deployment, the routes it froze with their integration URIs. REST stages may carry a
 * canary (canarySettings.deploymentId + percentTraffic); HTTP stages serve one deployment.
 */
import { badRequest, notFound } from '../core/types.js';
import type { ApigwV1Module } from '../apigw-v1/index.js';
import type { ApigwV2Module } from '../apigw-v2/index.js';

export interface Endpoint {
  /** `GET /pets/{id}` (REST: method + resource path; HTTP: the route key). */
  routeKey: string;
  /** The integration URI the request reaches; undefined when the route has no integration. */
  uri?: string;
}

export interface DeploymentTarget {
  deploymentId: string;
  endpoints: Endpoint[];
}

export interface StageTarget {
  kind: 'RestApi' | 'HttpApi';
  apiId: string;
  apiName: string;
  stage: string;
  base: DeploymentTarget;
  canary?: DeploymentTarget & { percentTraffic: number };
}

export interface TargetSources {
  v1?: ApigwV1Module;
  v2?: ApigwV2Module;
}

function restTarget(v1: ApigwV1Module, apiId: string, stageName: string): StageTarget {
  const store = v1.store;
  const st = store.api(apiId);
  const stage = store.stage(st, stageName);
  if (!stage.deploymentId) throw badRequest(`Stage ${stageName} of REST API ${apiId} has no deployment`);
  const target = (deploymentId: string): DeploymentTarget => {
    const d = store.deployment(st, deploymentId);
    const endpoints = d.snapshot.resources.flatMap((r) =>
      Object.entries(r.resourceMethods ?? {}).map(([verb, m]) => ({
        routeKey: `${verb} ${r.path}`,
        uri: m.methodIntegration?.uri,
      })),
    );
    return { deploymentId, endpoints };
  };
  const canary = stage.canarySettings?.deploymentId
    ? { ...target(stage.canarySettings.deploymentId), percentTraffic: stage.canarySettings.percentTraffic ?? 0 }
    : undefined;
  return { kind: 'RestApi', apiId, apiName: st.api.name, stage: stageName, base: target(stage.deploymentId), canary };
}

function httpTarget(v2: ApigwV2Module, apiId: string, stageName: string): StageTarget {
  const store = v2.store;
  const st = store.api(apiId);
  const stage = store.stage(st, stageName);
  if (!stage.deploymentId) throw badRequest(`Stage ${stageName} of HTTP API ${apiId} has no deployment`);
  const d = store.deployment(st, stage.deploymentId);
  const endpoints = d.snapshot.routes.map((r) => {
    const integrationId = r.target?.replace(/^integrations\//, '');
    return {
      routeKey: r.routeKey,
      uri: d.snapshot.integrations.find((i) => i.integrationId === integrationId)?.integrationUri,
    };
  });
  return {
    kind: 'HttpApi',
    apiId,
    apiName: st.api.name,
    stage: stageName,
    base: { deploymentId: d.deploymentId, endpoints },
  };
}

/** Finds the API among REST APIs first, then HTTP APIs (their ids never collide in practice). */
export function resolveStage(sources: TargetSources, apiId: string, stage: string): StageTarget {
  if (sources.v1?.store.state.apis.some((a) => a.api.id === apiId)) return restTarget(sources.v1, apiId, stage);
  if (sources.v2?.store.state.apis.some((a) => a.api.apiId === apiId)) return httpTarget(sources.v2, apiId, stage);
  throw notFound(`No REST, HTTP or WebSocket API with id ${apiId}`);
}
