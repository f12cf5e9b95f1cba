/**
 * The v1 store: lookups that fail like AWS (NotFoundException naming the identifier),
 * resource tree helpers, the deployment snapshot, and tag resolution by ARN.
 */
import { checkArnScope } from '../core/arn.js';
import { DEFAULT_PARTITION, type Partition } from '../core/partitions.js';
import { NO_RESOURCE_EVENTS, type ResourceEvents } from '../core/resource-events.js';
import { badRequest, notFound } from '../core/types.js';
import type {
  ApiState,
  Authorizer,
  Deployment,
  DeployedSnapshot,
  Method,
  Model,
  RequestValidator,
  Resource,
  Stage,
  StrMap,
  V1State,
} from './types.js';
import { clone } from './wire.js';

export class V1Store {
  state: V1State = { apis: [] };
  /** Where deletes and references are announced to the partition's other modules (domains, usage plans, VPC links, WAF). */
  events: ResourceEvents = NO_RESOURCE_EVENTS;

  /** The account and region this store serves (one store per partition, see core/partitions.ts). */
  constructor(readonly partition: Partition = DEFAULT_PARTITION) {}

  get accountId(): string {
    return this.partition.accountId;
  }

  api(restApiId: string): ApiState {
    const st = this.state.apis.find((a) => a.api.id === restApiId);
    if (!st) throw notFound(`Invalid API identifier specified ${this.accountId}:${restApiId}`);
    return st;
  }

  resource(st: ApiState, resourceId: string): Resource {
    const r = st.resources.find((x) => x.id === resourceId);
    if (!r) throw notFound(`Invalid Resource identifier specified`);
    return r;
  }

  method(st: ApiState, resourceId: string, httpMethod: string): Method {
    const m = this.resource(st, resourceId).resourceMethods?.[httpMethod.toUpperCase()];
    if (!m) throw notFound('Invalid Method identifier specified');
    return m;
  }

  authorizer(st: ApiState, id: string): Authorizer {
    const a = st.authorizers.find((x) => x.id === id);
    if (!a) throw notFound(`Invalid Authorizer identifier specified ${this.accountId}:${st.api.id}:${id}`);
    return a;
  }

  requestValidator(st: ApiState, id: string): RequestValidator {
    const v = st.requestValidators.find((x) => x.id === id);
    if (!v) throw notFound(`Invalid Request Validator identifier specified ${this.accountId}:${st.api.id}:${id}`);
    return v;
  }

  model(st: ApiState, name: string): Model {
    const m = st.models.find((x) => x.name === name);
    if (!m) throw notFound('Invalid model name specified: ' + name);
    return m;
  }

  deployment(st: ApiState, id: string): Deployment {
    const d = st.deployments.find((x) => x.id === id);
    if (!d) throw notFound('Invalid Deployment identifier specified');
    return d;
  }

  stage(st: ApiState, stageName: string): Stage {
    const s = st.stages.find((x) => x.stageName === stageName);
    if (!s) throw notFound('Invalid Stage identifier specified');
    return s;
  }

  /** The resource and all its descendants (DeleteResource cascades). */
  subtree(st: ApiState, resourceId: string): Set<string> {
    const ids = new Set([resourceId]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const r of st.resources) {
        if (r.parentId && ids.has(r.parentId) && !ids.has(r.id)) {
          ids.add(r.id);
          grew = true;
        }
      }
    }
    return ids;
  }

  /** Recomputes `path` of every descendant after a resource's pathPart or parent changed. */
  repath(st: ApiState): void {
    const byId = new Map(st.resources.map((r) => [r.id, r]));
    const pathOf = (r: Resource): string => {
      if (!r.parentId) return '/';
      const parent = byId.get(r.parentId);
      const base = parent ? pathOf(parent) : '/';
      return base === '/' ? `/${r.pathPart}` : `${base}/${r.pathPart}`;
    };
    for (const r of st.resources) r.path = pathOf(r);
  }

  /** Freezes what a deployment serves; refuses, like AWS, an API without methods, a method lacking an integration, or a PRIVATE API without a resource policy. */
  snapshot(st: ApiState): DeployedSnapshot {
    const methods = st.resources.flatMap((r) => Object.values(r.resourceMethods ?? {}));
    if (methods.length === 0) throw badRequest("The REST API doesn't contain any methods");
    if (methods.some((m) => !m.methodIntegration)) throw badRequest('No integration defined for method');
    if (st.api.endpointConfiguration.types.includes('PRIVATE') && !st.api.policy)
      throw badRequest("Private REST API doesn't have a resource policy attached to it");
    return clone({
      api: st.api,
      resources: st.resources,
      authorizers: st.authorizers,
      requestValidators: st.requestValidators,
      models: st.models,
      gatewayResponses: st.gatewayResponses ?? {},
    });
  }

  apiSummary(snap: DeployedSnapshot): Deployment['apiSummary'] {
    const out: Deployment['apiSummary'] = {};
    for (const r of snap.resources) {
      for (const [verb, m] of Object.entries(r.resourceMethods ?? {})) {
        (out[r.path] ??= {})[verb] = { authorizationType: m.authorizationType, apiKeyRequired: m.apiKeyRequired };
      }
    }
    return out;
  }

  /** Tag targets by ARN: `arn:aws:apigateway:<region>::/restapis/<id>[/stages/<name>]`. */
  taggable(arn: string): { tags: StrMap | undefined; set(tags: StrMap | undefined): void } {
    checkArnScope(arn, this.partition, { account: 'none', error: badRequest });
    const m = /^arn:aws[a-z-]*:apigateway:[a-z0-9-]*::\/restapis\/([^/]+)(?:\/stages\/([^/]+))?$/.exec(arn);
    if (!m) {
      // Usage plans, API keys, VPC links, client certificates, domain names: kept by other modules.
      const foreign = this.events.taggable('apigateway', arn);
      if (foreign)
        return {
          tags: Object.keys(foreign.get()).length > 0 ? foreign.get() : undefined,
          set: (t) => foreign.set(t ?? {}),
        };
      throw badRequest(`Invalid resource ARN: ${arn}`);
    }
    const st = this.api(m[1]);
    if (m[2] !== undefined) {
      const stage = this.stage(st, m[2]);
      return { tags: stage.tags, set: (t) => (stage.tags = t) };
    }
    return { tags: st.api.tags, set: (t) => (st.api.tags = t) };
  }
}
