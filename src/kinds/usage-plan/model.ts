/**
 * A usage plan (REST, account scope): who may call which API stages how often. API stages
 * are named by the API's folder key and a stage the API declares; AWS's ids are the
 * executor's business.
 */

export interface ThrottleModel {
  /** Steady-state requests per second. */
  rateLimit: number;
  /** Requests allowed in a burst above the rate. */
  burstLimit: number;
}

export type QuotaPeriod = 'DAY' | 'WEEK' | 'MONTH';

export interface QuotaModel {
  /** Requests per period. */
  limit: number;
  period: QuotaPeriod;
  /** Days the period starts after its natural start: 0 for DAY, 0–6 for WEEK, 0–27 for MONTH. */
  offset: number;
}

/** One API stage in a plan, with its own per-method throttles. */
export interface UsagePlanStageModel {
  /** The API's folder key under `apis/`. */
  api: string;
  stage: string;
  /** Keyed by route key as elsewhere in the state (`GET /pets`, `* /*` for every method); AWS keys them `/pets/GET`. */
  methodThrottles: Record<string, ThrottleModel>;
}

export interface UsagePlanModel {
  /** The plan's name in AWS (the record key). */
  name: string;
  description?: string;
  throttle?: ThrottleModel;
  quota?: QuotaModel;
  /** Keyed `<api>/<stage>` (API folder key and stage name). */
  apiStages: Record<string, UsagePlanStageModel>;
  /** User tags; the tool's own (`apigw-sync:`) are never part of the model. */
  tags: Record<string, string>;
}

/** The model key of an API stage in a plan. */
export const apiStageKey = (api: string, stage: string): string => `${api}/${stage}`;
