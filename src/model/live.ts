import type { ApiModel, IntegrationModel } from './api.js';

/** Tag keys the tool writes on live APIs. Never part of ApiModel.tags. */
export const TAG_ID = 'apigw-sync:id';
export const TAG_MANAGED = 'apigw-sync:managed';
/**
 * The owner id of the gateway-state directory that manages the API (`owner:` in
 * gateway.yaml, else the repository and path). A directory plans, drifts and prunes only
 * the APIs of its own owner; APIs without one (written before owners existed) are adopted
 * by the first owner that applies them.
 */
export const TAG_OWNER = 'apigw-sync:owner';
export const TAG_LOCK = 'apigw-sync:lock';
export const TAG_PENDING = 'apigw-sync:pending';
/** On a stage: the rollout record (src/rollout/record.ts). */
export const TAG_ROLLOUT = 'apigw-sync:rollout';
/** On a stage, next to the record: the policy and alarms the rollout runs with (src/rollout/ticket.ts). */
export const TAG_ROLLOUT_POLICY = 'apigw-sync:rollout-policy';
export const TAG_ROLLOUT_ALARMS = 'apigw-sync:rollout-alarms';
/** On an API: the stage a rollout is in progress on, so one listing finds every rollout of a region. */
export const TAG_ROLLOUT_STAGE = 'apigw-sync:rollout-stage';
export const TOOL_TAG_PREFIX = 'apigw-sync:';

/**
 * Server-owned identifiers of a live API: what apply needs to address AWS, and what
 * the model deliberately leaves out so that ids never show up as drift.
 */
export interface LiveIds {
  apiId: string;
  /** REST: resource path → resource id (includes `/`). */
  resourceIds: Record<string, string>;
  /** v2 (HTTP, WebSocket): route key → route id; integration ids by route key; authorizer ids by name. */
  routeIds: Record<string, string>;
  integrationIds: Record<string, string>;
  authorizerIds: Record<string, string>;
  requestValidatorIds: Record<string, string>;
  /** v2 (WebSocket) models: name → id. */
  modelIds: Record<string, string>;
  /** WebSocket: route key → route response key → id. */
  routeResponseIds: Record<string, Record<string, string>>;
  /** WebSocket: route key → integration response key → id (of the route's integration). */
  integrationResponseIds: Record<string, Record<string, string>>;
  /** Stage name → deployment it serves, and its canary (if any). */
  stageDeployments: Record<string, { deploymentId?: string; canaryDeploymentId?: string; canaryPercent?: number }>;
  /** The tool's own tags as read (lock, pending apply, rollout state). */
  toolTags: Record<string, string>;
  /**
   * HTTP: integrations apigw-sync made (kinds/integration/unused.ts) that no route uses, by
   * id, with the route they were made for: left by an apply that died before CreateRoute.
   */
  unusedIntegrations?: Record<string, { routeKey: string; integration: IntegrationModel }>;
}

/** Ids of an API nothing has been read or created for yet (the tool's tags as given). */
export function emptyIds(apiId = '', toolTags: Record<string, string> = {}): LiveIds {
  return {
    apiId,
    resourceIds: {},
    routeIds: {},
    integrationIds: {},
    authorizerIds: {},
    requestValidatorIds: {},
    modelIds: {},
    routeResponseIds: {},
    integrationResponseIds: {},
    stageDeployments: {},
    toolTags,
  };
}

export interface LiveApi {
  model: ApiModel;
  ids: LiveIds;
}

/** An API found in AWS that no folder in gateway-state describes. */
export interface UnmanagedLiveApi {
  apiId: string;
  kind: ApiModel['kind'];
  name: string;
  /**
   * True when it carries the tool's managed tag and this directory's owner id (so `--prune`
   * may delete it). A directory without an owner id counts every managed API without one.
   */
  managed: boolean;
  /** Managed by apigw-sync before owners existed (no owner id): never pruned by a directory that has one. */
  legacy?: boolean;
}

/** An API of another owner (another directory or repository in the same account): listed at most, never touched. */
export interface ElsewhereLiveApi {
  apiId: string;
  kind: ApiModel['kind'];
  name: string;
  owner: string;
}

/** Everything read from AWS for one reconcile: the APIs the state names, plus the others found. */
export interface LiveSnapshot {
  region: string;
  /** Keyed by the API key of the desired state it matched; absent = does not exist yet. */
  apis: Record<string, LiveApi>;
  /** Live APIs no folder describes (listed by drift; deleted only with --prune and the managed tag). */
  unmanaged: UnmanagedLiveApi[];
  /** Live APIs of other owners: never matched, planned, drifted or pruned. */
  elsewhere?: ElsewhereLiveApi[];
}
