/**
 * The usage-plan store of one account and region: lookups that fail like AWS, the checks on an
 * API stage a plan names (it exists, as a REST API stage), on per-method throttle keys and on
 * quotas, and AWS's rule that one API key reaches one API stage through one plan only.
 */
import type { ApigwV1Module } from '../apigw-v1/index.js';
import { DEFAULT_PARTITION, type Partition } from '../core/partitions.js';
import { badRequest, notFound, type ModuleContext, type ResourceEvent } from '../core/types.js';
import type { ApiKey, ApiStage, QuotaSettings, ThrottleSettings, UsagePlan, UsagePlansState } from './types.js';

/** AWS's published limits (REST API quotas): keys per region, plans per region, plans per key. */
export const USAGE_LIMITS = { apiKeysPerRegion: 10_000, usagePlansPerRegion: 300, usagePlansPerKey: 10 } as const;

const METHOD_THROTTLE_KEY = /^\/.*\/(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY|\*)$/;

export class UsagePlansStore {
  state: UsagePlansState = { apiKeys: [], usagePlans: [], usagePlanKeys: [] };
  readonly partition: Partition;

  constructor(private readonly ctx?: ModuleContext) {
    this.partition = ctx?.partition ?? DEFAULT_PARTITION;
  }

  apiKey(id: string): ApiKey {
    const k = this.state.apiKeys.find((x) => x.id === id);
    if (!k) throw notFound('Invalid API Key identifier specified');
    return k;
  }

  usagePlan(id: string): UsagePlan {
    const p = this.state.usagePlans.find((x) => x.id === id);
    if (!p) throw notFound('Invalid Usage Plan ID specified');
    return p;
  }

  plansOfKey(keyId: string): UsagePlan[] {
    return this.state.usagePlanKeys.filter((k) => k.keyId === keyId).map((k) => this.usagePlan(k.usagePlanId));
  }

  keysOfPlan(planId: string): ApiKey[] {
    return this.state.usagePlanKeys.filter((k) => k.usagePlanId === planId).map((k) => this.apiKey(k.keyId));
  }

  private v1() {
    return this.ctx?.module<ApigwV1Module>('apigateway')?.store;
  }

  /** A plan's API stage must be an existing REST API stage (AWS's message keeps its own placeholders filled). */
  checkApiStage(s: ApiStage, planName: string): void {
    const st = this.v1()?.state.apis.find((a) => a.api.id === s.apiId);
    if (!s.apiId || !s.stage || !st || !st.stages.some((x) => x.stageName === s.stage)) {
      throw badRequest(
        `Invalid API Stage {api: ${s.apiId ?? ''}, stage: ${s.stage ?? ''}} specified for usageplan ${planName}`,
      );
    }
    for (const [key, t] of Object.entries(s.throttle ?? {})) {
      if (!METHOD_THROTTLE_KEY.test(key))
        throw badRequest(
          `Invalid method throttle key ${key}: use {resourcePath}/{httpMethod}, for example /pets/GET or //GET for the root resource`,
        );
      checkThrottle(t, `throttle ${key}`);
    }
  }

  checkPlan(p: UsagePlan): void {
    const seen = new Set<string>();
    for (const s of p.apiStages) {
      this.checkApiStage(s, p.name);
      const id = `${s.apiId}:${s.stage}`;
      if (seen.has(id)) throw badRequest(`API Stage ${id} is listed twice in usage plan ${p.name}`);
      seen.add(id);
    }
    if (p.throttle) checkThrottle(p.throttle, 'throttle');
    if (p.quota) checkQuota(p.quota);
  }

  /** "A given API key can only be associated with one usage plan for each stage of your API." */
  checkKeyStages(keyId: string, plans: UsagePlan[]): void {
    const owner = new Map<string, string>();
    for (const p of plans) {
      for (const s of p.apiStages) {
        const id = `${s.apiId}:${s.stage}`;
        const other = owner.get(id);
        if (other && other !== p.id)
          throw badRequest(
            `Usage Plan ${p.id} cannot be added because API Key ${keyId} cannot reference multiple Usage Plans with the same API Stage: ${id}`,
          );
        owner.set(id, p.id);
      }
    }
  }

  /** A stage (or an API) a usage plan names cannot go (our reading; see the coverage notes): remove it from the plans first. */
  guard(event: ResourceEvent): void {
    if (event.type !== 'rest-stage.delete' && event.type !== 'rest-api.delete') return;
    const apiId = event.restApiId;
    const stage = event.type === 'rest-stage.delete' ? event.stageName : undefined;
    const users = this.state.usagePlans.filter((p) =>
      p.apiStages.some((s) => s.apiId === apiId && (stage === undefined || s.stage === stage)),
    );
    if (users.length === 0) return;
    const what = stage === undefined ? `RestApi ${apiId}` : `stage ${stage}`;
    throw badRequest(
      `Deleting ${what} failed. Please remove it from the usage plans that name it: ${users.map((p) => p.id).join(', ')}`,
    );
  }
}

export function checkThrottle(t: ThrottleSettings, what: string): void {
  if (t.burstLimit !== undefined && (!Number.isInteger(t.burstLimit) || t.burstLimit < 0))
    throw badRequest(`Invalid ${what} burstLimit ${t.burstLimit}: a whole number, 0 or more`);
  if (t.rateLimit !== undefined && !(t.rateLimit >= 0))
    throw badRequest(`Invalid ${what} rateLimit ${t.rateLimit}: 0 or more`);
}

/** Quota rules (Terraform's provider mirrors them): a period and a limit; offset 0 for DAY, 0–6 for WEEK, 0–27 for MONTH. */
export function checkQuota(q: QuotaSettings): void {
  if (!['DAY', 'WEEK', 'MONTH'].includes(q.period))
    throw badRequest('Usage Plan quota period must be one of DAY, WEEK or MONTH');
  if (!Number.isInteger(q.limit) || q.limit < 0)
    throw badRequest('Usage Plan quota limit must be a whole number, 0 or more');
  if (q.period === 'DAY' && q.offset !== 0) throw badRequest('Usage Plan quota offset must be zero in the DAY period');
  if (q.period === 'WEEK' && (q.offset < 0 || q.offset > 6))
    throw badRequest('Usage Plan quota offset must be between 0 and 6 inclusive in the WEEK period');
  if (q.period === 'MONTH' && (q.offset < 0 || q.offset > 27))
    throw badRequest('Usage Plan quota offset must be between 0 and 27 inclusive in the MONTH period');
}
