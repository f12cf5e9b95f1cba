/** Stages: settings apply without a deployment; a new stage needs its first one. */
import { defineKind, type ReadSpec } from '../kind.js';
import { stageFields } from './fields.js';
import type { StageModel } from './model.js';

const V2_STAGES: ReadSpec<StageModel> = {
  op: 'GetStages',
  paging: 'nextToken',
  key: 'StageName',
  each(item, name, ctx) {
    const id = (item as { DeploymentId?: string }).DeploymentId;
    ctx.ids.stageDeployments[name] = id ? { deploymentId: id } : {};
  },
};

export const stageKind = defineKind<StageModel>({
  target: 'stage',
  label: 'stage',
  section: 'stage',
  rank: { RestApi: 5, HttpApi: 5, WebSocketApi: 7 },
  snapshot: false,
  fields: stageFields,
  modelKey: 'stages',
  read: {
    RestApi: {
      op: 'GetStages',
      paging: 'none',
      list: 'item',
      key: 'stageName',
      each(item, name, ctx) {
        const s = item as {
          deploymentId?: string;
          canarySettings?: { deploymentId?: string; percentTraffic?: number };
        };
        const dep: (typeof ctx.ids.stageDeployments)[string] = {};
        if (s.deploymentId) dep.deploymentId = s.deploymentId;
        if (s.canarySettings?.deploymentId) dep.canaryDeploymentId = s.canarySettings.deploymentId;
        if (s.canarySettings?.percentTraffic !== undefined) dep.canaryPercent = s.canarySettings.percentTraffic;
        ctx.ids.stageDeployments[name] = dep;
      },
    },
    HttpApi: V2_STAGES,
    WebSocketApi: V2_STAGES,
  },
  flags(c, acc) {
    // A v2 stage with autoDeploy is deployed by AWS itself.
    if (c.action === 'create' && !(c.apiKind !== 'RestApi' && (c.after as StageModel).autoDeploy))
      acc.redeploy.push('new stage needs a deployment');
    if (c.action === 'delete') acc.breaking.push(`stage ${(c.before as StageModel).name} removed`);
  },
  facts: (a) => [
    ...Object.entries(a.variables ?? {}).map(([k, v]): [string, unknown] => [`variables.${k}`, v]),
    ['throttling', a.throttling],
    ['cache', a.cache],
    ...(a.detailedMetrics ? [['detailedMetrics', a.detailedMetrics] as [string, unknown]] : []),
    ['logging', a.logging],
    ...Object.entries(a.routeSettings ?? {}).map(([k, v]): [string, unknown] => [`routeSettings.${k}`, v]),
    ['accessLog', a.accessLog],
    ['webAclArn', a.webAclArn],
    ...(a.autoDeploy ? [['autoDeploy', a.autoDeploy] as [string, unknown]] : []),
  ],
});
