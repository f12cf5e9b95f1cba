/**
 * Stages of HTTP APIs. AutoDeploy stages are redeployed by every change and refuse an
 * explicit deploymentId (BadRequestException, as on AWS); stageVariables and routeSettings
 * are merged on update, an empty variable value removing the variable.
 */
import { checkTags } from '../core/tags.js';
import { AwsError, badRequest, conflict, type RouteDef } from '../core/types.js';
import { checkHttpAccessLogSettings } from './access-log-settings.js';
import { page } from './paging.js';
import { v2Route } from './route-def.js';
import type { V2Store } from './store.js';
import type { ApiState, RouteSettings, Stage } from './types.js';
import { isWebSocket } from './websocket-api.js';
import { bodyOf, compact, json, oneOf, optBool, optNum, optObj, optStr, optStrMap, type Body } from './wire.js';

export const stageWire = (s: Stage) => compact({ ...s });

export function newStage(
  store: V2Store,
  fields: { stageName: string; autoDeploy?: boolean; webSocket?: boolean },
): Stage {
  const now = store.isoNow();
  // What GetStage returns for a new stage (Terraform's acceptance tests record both kinds).
  const defaultRouteSettings: RouteSettings = fields.webSocket
    ? { dataTraceEnabled: false, detailedMetricsEnabled: false, loggingLevel: 'OFF' }
    : { detailedMetricsEnabled: false };
  return {
    stageName: fields.stageName,
    autoDeploy: fields.autoDeploy ?? false,
    createdDate: now,
    lastUpdatedDate: now,
    stageVariables: {},
    defaultRouteSettings,
    routeSettings: {},
    tags: {},
  };
}

/** HTTP APIs have no execution logs: AWS refuses a log level or data trace on their stages (our reading: OFF and false pass). */
function refuseExecutionLogs(rs: RouteSettings): void {
  if ((rs.loggingLevel !== undefined && rs.loggingLevel !== 'OFF') || rs.dataTraceEnabled)
    throw badRequest('Execution logs are not supported on protocolType HTTP');
}

function readRouteSettings(b: Body): RouteSettings {
  const rs = compact({
    dataTraceEnabled: optBool(b, 'dataTraceEnabled'),
    detailedMetricsEnabled: optBool(b, 'detailedMetricsEnabled'),
    loggingLevel: oneOf(optStr(b, 'loggingLevel'), 'loggingLevel', ['ERROR', 'INFO', 'OFF']),
    throttlingBurstLimit: optNum(b, 'throttlingBurstLimit'),
    throttlingRateLimit: optNum(b, 'throttlingRateLimit'),
  });
  // -1 is accepted: what Terraform's provider and Serverless write to leave a limit unset (see the coverage notes).
  for (const v of [rs.throttlingBurstLimit, rs.throttlingRateLimit]) {
    if (v !== undefined && v < 0 && v !== -1)
      throw badRequest('Throttling limits must not be negative (-1 leaves a limit unset)');
  }
  return rs;
}

const STAGE_NAME = /^(\$default|[A-Za-z0-9_-]{1,128})$/;

/** Applies a CreateStage/UpdateStage body onto `stage` (mutating a copy the caller owns). */
function applyStageBody(
  store: V2Store,
  st: ApiState,
  stage: Stage,
  b: Body,
  opts: { creating: boolean },
): { deploy: boolean } {
  const autoDeploy = optBool(b, 'autoDeploy');
  const deploymentId = optStr(b, 'deploymentId');
  const turningOn = autoDeploy === true && !stage.autoDeploy;
  if (autoDeploy !== undefined) stage.autoDeploy = autoDeploy;
  if (deploymentId !== undefined) {
    if (stage.autoDeploy) {
      throw badRequest(
        `DeploymentId cannot be set on stage ${stage.stageName} because AutoDeploy is enabled; turn AutoDeploy off to pin a deployment`,
      );
    }
    store.deployment(st, deploymentId);
    stage.deploymentId = deploymentId;
  }
  const description = optStr(b, 'description');
  if (description !== undefined) stage.description = description;
  const clientCertificateId = optStr(b, 'clientCertificateId');
  if (clientCertificateId !== undefined) stage.clientCertificateId = clientCertificateId;
  const vars = optStrMap(b, 'stageVariables');
  if (vars) {
    for (const [k, v] of Object.entries(vars)) {
      if (!/^[A-Za-z0-9_]+$/.test(k))
        throw badRequest(`Invalid stage variable name ${k}; use letters, digits and underscores`);
      if (v === '' && !opts.creating) delete stage.stageVariables[k];
      else stage.stageVariables[k] = v;
    }
  }
  const http = !isWebSocket(st);
  const drs = optObj(b, 'defaultRouteSettings');
  if (drs) {
    const rs = readRouteSettings(drs);
    if (http) refuseExecutionLogs(rs);
    stage.defaultRouteSettings = { ...stage.defaultRouteSettings, ...rs };
  }
  const rs = optObj(b, 'routeSettings');
  if (rs) {
    for (const [routeKey, settings] of Object.entries(rs)) {
      if (!st.routes.some((r) => r.routeKey === routeKey)) {
        throw badRequest(`Unable to find Route by key ${routeKey} within the provided RouteSettings`);
      }
      if (typeof settings !== 'object' || settings === null) throw badRequest(`Invalid routeSettings for ${routeKey}`);
      const entry = readRouteSettings(settings as Body);
      if (http) refuseExecutionLogs(entry);
      stage.routeSettings[routeKey] = { ...stage.routeSettings[routeKey], ...entry };
    }
    // AWS checks the merged map: settings left for a route that is gone fail the update (DeleteRouteSettings them first).
    for (const routeKey of Object.keys(stage.routeSettings)) {
      if (!st.routes.some((r) => r.routeKey === routeKey))
        throw badRequest(`Unable to find Route by key ${routeKey} within the provided RouteSettings`);
    }
  }
  const als = optObj(b, 'accessLogSettings');
  if (als) {
    const settings = compact({ destinationArn: optStr(als, 'destinationArn'), format: optStr(als, 'format') });
    if (http) checkHttpAccessLogSettings(settings, store.partition);
    stage.accessLogSettings = settings;
  }
  stage.lastUpdatedDate = store.isoNow();
  return { deploy: opts.creating ? stage.autoDeploy : turningOn };
}

export function stageRoutes(store: V2Store): RouteDef[] {
  return [
    v2Route('CreateStage', 'POST', '/v2/apis/{apiId}/stages', true, (req, p) => {
      const st = store.api(p.apiId);
      const b = bodyOf(req);
      const stageName = optStr(b, 'stageName');
      if (!stageName || !STAGE_NAME.test(stageName)) throw badRequest(`Invalid stage name ${stageName ?? '(missing)'}`);
      // A WebSocket stage name is the path clients connect to (wss://…/{stage}); $default serves only HTTP APIs.
      if (stageName === '$default' && isWebSocket(st))
        throw badRequest('The $default stage is supported only for HTTP APIs; name the WebSocket stage, e.g. prod');
      if (st.stages.some((s) => s.stageName === stageName)) throw conflict(`Stage already exists: ${stageName}`);
      const stage = newStage(store, { stageName, webSocket: isWebSocket(st) });
      const { deploy } = applyStageBody(store, st, stage, b, { creating: true });
      stage.tags = checkTags(optStrMap(b, 'tags') ?? {});
      st.stages.push(stage);
      if (deploy) store.autoDeployStage(st, stage);
      return json(201, stageWire(stage));
    }),
    v2Route('GetStages', 'GET', '/v2/apis/{apiId}/stages', false, (req, p) => {
      const pg = page(store.api(p.apiId).stages, req);
      return json(200, compact({ items: pg.items.map(stageWire), nextToken: pg.nextToken }));
    }),
    v2Route('GetStage', 'GET', '/v2/apis/{apiId}/stages/{stageName}', false, (_req, p) => {
      const st = store.api(p.apiId);
      return json(200, stageWire(store.stage(st, p.stageName)));
    }),
    v2Route('UpdateStage', 'PATCH', '/v2/apis/{apiId}/stages/{stageName}', true, (req, p) => {
      const st = store.api(p.apiId);
      const current = store.stage(st, p.stageName);
      const next = structuredClone(current);
      const { deploy } = applyStageBody(store, st, next, bodyOf(req), { creating: false });
      st.stages[st.stages.indexOf(current)] = next;
      if (deploy) store.autoDeployStage(st, next);
      return json(200, stageWire(next));
    }),
    v2Route('DeleteStage', 'DELETE', '/v2/apis/{apiId}/stages/{stageName}', true, (_req, p) => {
      const st = store.api(p.apiId);
      const stage = store.stage(st, p.stageName);
      const event = { type: 'http-stage.delete' as const, apiId: st.api.apiId, stageName: stage.stageName };
      store.events.guard(event);
      st.stages = st.stages.filter((x) => x !== stage);
      store.events.cascade(event);
      return json(204);
    }),
    v2Route(
      'DeleteRouteSettings',
      'DELETE',
      '/v2/apis/{apiId}/stages/{stageName}/routesettings/{routeKey}',
      true,
      (_req, p) => {
        const st = store.api(p.apiId);
        const stage = store.stage(st, p.stageName);
        // The model lists NotFoundException (not BadRequestException) for DeleteRouteSettings.
        if (!stage.routeSettings[p.routeKey])
          throw new AwsError(404, 'NotFoundException', `Invalid route settings identifier specified ${p.routeKey}`, {
            resourceType: 'RouteSettings',
          });
        delete stage.routeSettings[p.routeKey];
        return json(204);
      },
    ),
  ];
}
