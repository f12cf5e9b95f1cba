/**
 * Stages: create, get, list, update (patch: variables, method settings such as
 * `/*\/*\/throttling/rateLimit`, cache cluster, access logs, tracing, deploymentId and the
 * canary: `replace /canarySettings/percentTraffic`, `copy /canarySettings/deploymentId →
 * /deploymentId`, `copy /canarySettings/stageVariableOverrides → /variables`,
 * `remove /canarySettings`), delete.
 */
import { checkTags } from '../../core/tags.js';
import { badRequest, conflict, type RouteDef } from '../../core/types.js';
import { applyDeclared, parsePatchOps, readPath, type PatchOp, type PatchSpec } from '../patch.js';
import { checkAccessLogSettings, logsAccessToCloudWatch } from '../access-log.js';
import { applyMethodSetting, logsExecution } from '../method-settings.js';
import { API, route } from '../route.js';
import type { V1Store } from '../store.js';
import type { ApiState, Stage, StrMap } from '../types.js';
import { checkLimit, V1_LIMITS } from '../limits.js';
import { bodyOf, bool, clone, compact, num, obj, ok, oneOf, reqStr, str, strMap, nowSeconds } from '../wire.js';

export const CACHE_SIZES = ['0.5', '1.6', '6.1', '13.5', '28.4', '58.2', '118', '237'] as const;

const STAGE_PATCH: PatchSpec = {
  description: 'string',
  deploymentId: 'string',
  clientCertificateId: 'string',
  cacheClusterEnabled: 'bool',
  cacheClusterSize: 'string',
  variables: 'stringMap',
  documentationVersion: 'string',
  'accessLogSettings/format': 'string',
  'accessLogSettings/destinationArn': 'string',
  tracingEnabled: 'bool',
  'canarySettings/percentTraffic': 'number',
  'canarySettings/deploymentId': 'string',
  'canarySettings/stageVariableOverrides': 'stringMap',
  'canarySettings/useStageCache': 'bool',
};

export function checkPercent(p: number): number {
  if (!(p >= 0 && p <= 100)) throw badRequest('Canary traffic percentage must be between 0.0 and 100.0');
  return p;
}

export interface NewStageFields {
  stageName: string;
  deploymentId: string;
  description?: string;
  cacheClusterEnabled?: boolean;
  cacheClusterSize?: string;
  variables?: StrMap;
  tracingEnabled?: boolean;
  documentationVersion?: string;
  tags?: StrMap;
}

export function newStage(f: NewStageFields): Stage {
  const now = nowSeconds();
  const s: Stage = compact({
    stageName: f.stageName,
    deploymentId: f.deploymentId,
    description: f.description,
    cacheClusterEnabled: f.cacheClusterEnabled ?? false,
    cacheClusterSize: f.cacheClusterSize,
    cacheClusterStatus: 'NOT_AVAILABLE',
    methodSettings: {},
    variables: f.variables,
    documentationVersion: f.documentationVersion,
    tracingEnabled: f.tracingEnabled ?? false,
    tags: f.tags,
    createdDate: now,
    lastUpdatedDate: now,
  });
  return settleCache(s);
}

/** Cache cluster size defaults to 0.5 GB when enabled; the status follows the flag (AWS passes through CREATE_IN_PROGRESS). */
function settleCache(s: Stage): Stage {
  if (s.cacheClusterSize !== undefined) oneOf(s.cacheClusterSize, 'cacheClusterSize', CACHE_SIZES);
  if (s.cacheClusterEnabled && !s.cacheClusterSize) s.cacheClusterSize = '0.5';
  s.cacheClusterStatus = s.cacheClusterEnabled ? 'AVAILABLE' : 'NOT_AVAILABLE';
  return s;
}

function checkStageRefs(store: V1Store, st: ApiState, s: Stage): void {
  if (s.deploymentId) store.deployment(st, s.deploymentId);
  if (s.canarySettings) {
    if (s.canarySettings.deploymentId) store.deployment(st, s.canarySettings.deploymentId);
    if (s.canarySettings.percentTraffic !== undefined) checkPercent(s.canarySettings.percentTraffic);
  }
  if (s.stageName && !/^[A-Za-z0-9_-]{1,128}$/.test(s.stageName)) {
    throw badRequest('Stage name only allows a-zA-Z0-9_-');
  }
}

export function applyStagePatch(s: Stage, ops: PatchOp[]): void {
  const target = s as unknown as Record<string, unknown>;
  for (const op of ops) {
    if (op.op === 'copy' || op.op === 'move') {
      if (!op.from) throw badRequest(`Invalid patch operation: '${op.op}' requires 'from'`);
      const value = readPath(target, STAGE_PATCH, op.from);
      if (op.from === '/canarySettings/stageVariableOverrides' && op.path === '/variables') {
        s.variables = { ...(s.variables ?? {}), ...((value as StrMap | undefined) ?? {}) };
      } else if (op.from === '/canarySettings/deploymentId' && op.path === '/deploymentId') {
        if (typeof value !== 'string') throw badRequest('The stage has no canary deployment to copy');
        s.deploymentId = value;
      } else {
        throw badRequest(`Invalid patch operation: cannot ${op.op} from ${op.from} to ${op.path}`);
      }
      continue;
    }
    if (op.path === '/canarySettings' && op.op === 'remove') {
      delete s.canarySettings;
      continue;
    }
    if (op.path === '/accessLogSettings' && op.op === 'remove') {
      delete s.accessLogSettings;
      continue;
    }
    if (applyMethodSetting(s, op)) continue;
    if (!applyDeclared(target, STAGE_PATCH, op)) {
      throw badRequest(`Invalid patch path '${op.path}' specified for op '${op.op}'`);
    }
  }
}

export function stageRoutes(store: V1Store): RouteDef[] {
  const view = (s: Stage) => s;
  return [
    route('POST', `${API}/stages`, 'CreateStage', true, (req, p) => {
      const st = store.api(p.restApiId);
      const b = bodyOf(req);
      const stageName = reqStr(b, 'stageName');
      if (st.stages.some((s) => s.stageName === stageName)) throw conflict('Stage already exists');
      checkLimit(st.stages.length, V1_LIMITS.stagesPerApi, 'stages per API');
      const s = newStage({
        stageName,
        deploymentId: reqStr(b, 'deploymentId'),
        description: str(b, 'description'),
        cacheClusterEnabled: bool(b, 'cacheClusterEnabled'),
        cacheClusterSize: str(b, 'cacheClusterSize'),
        variables: strMap(b, 'variables'),
        tracingEnabled: bool(b, 'tracingEnabled'),
        documentationVersion: str(b, 'documentationVersion'),
        tags: checkTags(strMap(b, 'tags')),
      });
      const canary = obj(b, 'canarySettings');
      if (canary) {
        s.canarySettings = compact({
          percentTraffic: num(canary, 'percentTraffic') ?? 0,
          deploymentId: str(canary, 'deploymentId'),
          stageVariableOverrides: strMap(canary, 'stageVariableOverrides'),
          useStageCache: bool(canary, 'useStageCache') ?? false,
        });
      }
      checkStageRefs(store, st, s);
      st.stages.push(s);
      return ok(view(s), 201);
    }),
    route('GET', `${API}/stages`, 'GetStages', false, (req, p) => {
      const deploymentId = req.query.get('deploymentId');
      const stages = store
        .api(p.restApiId)
        .stages.filter((s) => deploymentId === null || s.deploymentId === deploymentId);
      return ok({ item: stages.map(view) });
    }),
    route('GET', `${API}/stages/{stageName}`, 'GetStage', false, (_req, p) =>
      ok(view(store.stage(store.api(p.restApiId), p.stageName))),
    ),
    route('PATCH', `${API}/stages/{stageName}`, 'UpdateStage', true, (req, p) => {
      const st = store.api(p.restApiId);
      const current = store.stage(st, p.stageName);
      const next = clone(current);
      applyStagePatch(next, parsePatchOps(bodyOf(req).patchOperations));
      settleCache(next);
      checkStageRefs(store, st, next);
      if (next.clientCertificateId && next.clientCertificateId !== current.clientCertificateId) {
        store.events.guard({
          type: 'rest-stage.client-certificate',
          restApiId: st.api.id,
          stageName: next.stageName,
          clientCertificateId: next.clientCertificateId,
        });
      }
      if (next.clientCertificateId === '') delete next.clientCertificateId;
      checkAccessLogSettings(next.accessLogSettings, store.partition);
      // Logging to CloudWatch Logs needs the account's CloudWatch role (the account module refuses without it).
      const logs = (x: Stage) => ({ execution: logsExecution(x), access: logsAccessToCloudWatch(x.accessLogSettings) });
      const [was, now] = [logs(current), logs(next)];
      if (
        (now.execution && !was.execution) ||
        (now.access && next.accessLogSettings?.destinationArn !== current.accessLogSettings?.destinationArn)
      ) {
        store.events.guard({ type: 'rest-stage.logging', restApiId: st.api.id, stageName: next.stageName });
      }
      next.lastUpdatedDate = nowSeconds();
      st.stages = st.stages.map((s) => (s === current ? next : s));
      return ok(view(next));
    }),
    route('DELETE', `${API}/stages/{stageName}`, 'DeleteStage', true, (_req, p) => {
      const st = store.api(p.restApiId);
      const s = store.stage(st, p.stageName);
      const event = { type: 'rest-stage.delete' as const, restApiId: st.api.id, stageName: s.stageName };
      store.events.guard(event);
      st.stages = st.stages.filter((x) => x !== s);
      store.events.cascade(event);
      return ok(undefined, 202);
    }),
  ];
}
