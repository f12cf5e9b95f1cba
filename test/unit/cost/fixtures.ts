/** Shared builders for cost tests: APIs with stages and caches, and usage maps. */
import type { ApiModel, CacheSizeGb, RouteModel } from '../../../src/model/api.js';
import type { Usage } from '../../../src/cost/index.js';
import { api, stage } from '../../helpers/model-builders.js';

/** What the shared `api()` builder accepts: routes as a list. */
type ApiOver = Partial<Omit<ApiModel, 'routes'>> & { routes?: RouteModel[] };

export const M = 1_000_000;
export const B = 1_000_000_000;

export function rest(
  key: string,
  stages: Record<string, CacheSizeGb | undefined> = { prod: undefined },
  over: ApiOver = {},
): ApiModel {
  return api(key, 'RestApi', {
    stages: Object.fromEntries(
      Object.entries(stages).map(([n, gb]) => [
        n,
        stage(n, gb === undefined ? {} : { cache: { sizeGb: gb, ttlSeconds: 300 } }),
      ]),
    ),
    ...over,
  });
}

export function http(key: string, stages: string[] = ['prod'], over: ApiOver = {}): ApiModel {
  return api(key, 'HttpApi', { stages: Object.fromEntries(stages.map((n) => [n, stage(n)])), ...over });
}

/** A WebSocket API (its routes do not matter to cost). */
export function ws(key: string, stages: string[] = ['live'], over: ApiOver = {}): ApiModel {
  return api(key, 'WebSocketApi', { stages: Object.fromEntries(stages.map((n) => [n, stage(n)])), ...over });
}

export const declared = (monthlyRequests: number, avgResponseKb?: number): Usage => ({
  source: 'declared',
  monthlyRequests,
  ...(avgResponseKb === undefined ? {} : { avgResponseKb, avgResponseKbSource: 'declared' as const }),
});

export const usageOf = (entries: Record<string, Usage>) => new Map(Object.entries(entries));
