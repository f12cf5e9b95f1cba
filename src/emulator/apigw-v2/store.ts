/**
 * The v2 store: lookups that fail like AWS (NotFoundException with the identifier), the
 * deployment machinery (frozen snapshots, PENDING → DEPLOYED after a delay, AutoDeploy
 * stages redeployed on every change) and tag resolution by ARN.
 */
import { checkArnScope } from '../core/arn.js';
import { DEFAULT_PARTITION, type Partition } from '../core/partitions.js';
import { NO_RESOURCE_EVENTS, type ResourceEvents } from '../core/resource-events.js';
import { AwsError, badRequest, notFound } from '../core/types.js';
import { ID_LENGTH, newId } from './ids.js';
import type {
  ApiState,
  Authorizer,
  DeployedSnapshot,
  Deployment,
  Integration,
  IntegrationResponse,
  Model,
  Route,
  RouteResponse,
  Stage,
  V2State,
} from './types.js';

export interface V2StoreOptions {
  /** How long a new deployment stays PENDING (AWS takes a moment; clients must poll). */
  deployDelayMs?: number;
  now?: () => number;
  /** The account and region this store serves (one store per partition, see core/partitions.ts). */
  partition?: Partition;
}

const clone = <T>(v: T): T => structuredClone(v);

const missing = (resourceType: string, message: string) =>
  new AwsError(404, 'NotFoundException', message, { resourceType });

export class V2Store {
  state: V2State = { apis: [] };
  /** Where deletes and references are announced to the partition's other modules (API mappings, VPC links). */
  events: ResourceEvents = NO_RESOURCE_EVENTS;
  readonly deployDelayMs: number;
  readonly now: () => number;
  readonly partition: Partition;

  constructor(opts: V2StoreOptions = {}) {
    this.partition = opts.partition ?? DEFAULT_PARTITION;
    this.deployDelayMs = opts.deployDelayMs ?? 200;
    this.now = opts.now ?? Date.now;
  }

  isoNow(): string {
    return new Date(this.now()).toISOString();
  }

  api(apiId: string): ApiState {
    const st = this.state.apis.find((a) => a.api.apiId === apiId);
    if (!st) throw missing('Api', `Invalid API identifier specified ${apiId}`);
    return st;
  }

  route(st: ApiState, routeId: string): Route {
    const r = st.routes.find((x) => x.routeId === routeId);
    if (!r) throw missing('Route', `Invalid Route identifier specified ${routeId}`);
    return r;
  }

  integration(st: ApiState, integrationId: string): Integration {
    const i = st.integrations.find((x) => x.integrationId === integrationId);
    if (!i) throw missing('Integration', `Invalid Integration identifier specified ${integrationId}`);
    return i;
  }

  authorizer(st: ApiState, authorizerId: string): Authorizer {
    const a = st.authorizers.find((x) => x.authorizerId === authorizerId);
    if (!a) throw missing('Authorizer', `Invalid Authorizer identifier specified ${authorizerId}`);
    return a;
  }

  stage(st: ApiState, stageName: string): Stage {
    const s = st.stages.find((x) => x.stageName === stageName);
    if (!s) throw missing('Stage', `Invalid stage identifier specified ${stageName}`);
    return s;
  }

  deployment(st: ApiState, deploymentId: string): Deployment {
    const d = st.deployments.find((x) => x.deploymentId === deploymentId);
    if (!d) throw missing('Deployment', `Invalid Deployment identifier specified ${deploymentId}`);
    return d;
  }

  routeResponse(st: ApiState, routeId: string, routeResponseId: string): RouteResponse {
    const r = (st.routeResponses[routeId] ?? []).find((x) => x.routeResponseId === routeResponseId);
    if (!r) throw missing('RouteResponse', `Invalid RouteResponse identifier specified ${routeResponseId}`);
    return r;
  }

  integrationResponse(st: ApiState, integrationId: string, integrationResponseId: string): IntegrationResponse {
    const r = (st.integrationResponses[integrationId] ?? []).find(
      (x) => x.integrationResponseId === integrationResponseId,
    );
    if (!r)
      throw missing('IntegrationResponse', `Invalid IntegrationResponse identifier specified ${integrationResponseId}`);
    return r;
  }

  model(st: ApiState, modelId: string): Model {
    const m = st.models.find((x) => x.modelId === modelId);
    if (!m) throw missing('Model', `Invalid Model identifier specified ${modelId}`);
    return m;
  }

  deploymentStatus(d: Deployment): 'PENDING' | 'DEPLOYED' {
    return this.now() >= d.readyAt ? 'DEPLOYED' : 'PENDING';
  }

  snapshotOf(st: ApiState): DeployedSnapshot {
    const { name, description, version, corsConfiguration } = st.api;
    const snap: DeployedSnapshot = {
      api: { name, description, version, corsConfiguration },
      routes: st.routes,
      integrations: st.integrations,
      authorizers: st.authorizers,
    };
    if (st.api.protocolType === 'WEBSOCKET')
      Object.assign(snap, {
        routeResponses: st.routeResponses,
        integrationResponses: st.integrationResponses,
        models: st.models,
      });
    return clone(snap);
  }

  /** Freezes the API's current routes/integrations/authorizers into a new deployment. */
  deploy(st: ApiState, opts: { description?: string; autoDeployed: boolean }): Deployment {
    const d: Deployment = {
      deploymentId: newId(ID_LENGTH.deployment),
      createdDate: this.isoNow(),
      description: opts.description,
      autoDeployed: opts.autoDeployed,
      readyAt: this.now() + this.deployDelayMs,
      snapshot: this.snapshotOf(st),
    };
    st.deployments.push(d);
    return d;
  }

  /** AutoDeploy stages get a fresh deployment after every change to what a deployment freezes. */
  changed(st: ApiState): void {
    for (const stage of st.stages) if (stage.autoDeploy) this.autoDeployStage(st, stage);
  }

  autoDeployStage(st: ApiState, stage: Stage): void {
    const d = this.deploy(st, { autoDeployed: true });
    stage.deploymentId = d.deploymentId;
    stage.lastDeploymentStatusMessage = `Successfully deployed stage with deployment ID '${d.deploymentId}'`;
    stage.lastUpdatedDate = this.isoNow();
  }

  /** Tags live on the Api and Stage objects; the ARN says which. */
  taggable(arn: string): { tags: Record<string, string> } {
    checkArnScope(arn, this.partition, { account: 'none', error: badRequest });
    const m = /^arn:aws[a-z-]*:apigateway:[a-z0-9-]*::\/apis\/([^/]+)(?:\/stages\/([^/]+))?$/.exec(arn);
    if (!m) {
      // Domain names and VPC links: kept by other modules.
      const foreign = this.events.taggable('apigatewayv2', arn);
      if (foreign)
        return {
          get tags() {
            return foreign.get();
          },
          set tags(t: Record<string, string>) {
            foreign.set(t);
          },
        };
      throw notFound(`Invalid resource identifier specified ${arn}`);
    }
    const st = this.api(m[1]);
    return m[2] === undefined ? st.api : this.stage(st, m[2]);
  }

  snapshot(): V2State {
    return clone(this.state);
  }

  restore(data: unknown): void {
    const d = data as V2State | undefined;
    this.state = d && Array.isArray(d.apis) ? clone(d) : { apis: [] };
    // State saved before WebSocket support has no response or model collections.
    for (const st of this.state.apis) {
      st.routeResponses ??= {};
      st.integrationResponses ??= {};
      st.models ??= [];
    }
  }
}
