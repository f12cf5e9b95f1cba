/** Stage settings: cache size and TTL, throttling that AWS accepts and that makes sense. */
import { CACHE_SIZES_GB } from '../../model/api.js';
import type { ValidationIssue } from '../../model/issue.js';
import { issue, type ApiRule } from './context.js';

export const stageRules: ApiRule = (api, ctx) => {
  const out: ValidationIssue[] = [];
  if (Object.keys(api.stages).length === 0) {
    out.push(
      issue(ctx, `${api.key}`, {
        code: 'no-stages',
        message: `API ${api.key} has no stages, so nothing can call it`,
        hint: 'add a stage, e.g. `stages: { prod: {} }`',
      }),
    );
  }
  for (const [name, s] of Object.entries(api.stages)) {
    const base = `${api.key}/stages/${name}`;
    if (s.cache && api.kind === 'RestApi') {
      if (!(CACHE_SIZES_GB as readonly number[]).includes(s.cache.sizeGb)) {
        const nearest = [...CACHE_SIZES_GB].sort(
          (a, b) => Math.abs(a - s.cache!.sizeGb) - Math.abs(b - s.cache!.sizeGb),
        )[0];
        out.push(
          issue(ctx, `${base}/cache/sizeGb`, {
            code: 'cache-size',
            message: `stage ${name}: cache size ${s.cache.sizeGb} GB is not one API Gateway offers`,
            hint: `use one of ${CACHE_SIZES_GB.join(', ')} (nearest: ${nearest})`,
          }),
        );
      }
      const ttl = s.cache.ttlSeconds;
      if (!Number.isInteger(ttl) || ttl < 0 || ttl > 3600) {
        out.push(
          issue(ctx, `${base}/cache/ttlSeconds`, {
            code: 'cache-ttl',
            message: `stage ${name}: cache TTL ${ttl} s is outside 0–3600 s`,
            hint: 'use a whole number of seconds from 0 (no caching) to 3600',
          }),
        );
      }
    }
    const t = s.throttling;
    if (t) {
      if (!(t.rateLimit >= 0))
        out.push(
          issue(ctx, `${base}/throttling/rateLimit`, {
            code: 'throttling-negative',
            message: `stage ${name}: throttling rateLimit ${t.rateLimit} is negative`,
            hint: 'use requests per second >= 0 (0 blocks all traffic)',
          }),
        );
      if (!(t.burstLimit >= 0) || !Number.isInteger(t.burstLimit))
        out.push(
          issue(ctx, `${base}/throttling/burstLimit`, {
            code: 'throttling-negative',
            message: `stage ${name}: throttling burstLimit ${t.burstLimit} must be a whole number >= 0`,
            hint: 'use a whole number of requests >= 0',
          }),
        );
      else if (t.rateLimit >= 0 && t.burstLimit < t.rateLimit) {
        out.push(
          issue(ctx, `${base}/throttling/burstLimit`, {
            severity: 'warning',
            code: 'throttling-burst-below-rate',
            message: `stage ${name}: burstLimit ${t.burstLimit} is below rateLimit ${t.rateLimit}, so the rate can never be reached in a burst`,
            hint: `set burstLimit to at least ${t.rateLimit} (commonly 2× the rate)`,
          }),
        );
      }
    }
  }
  return out;
};
