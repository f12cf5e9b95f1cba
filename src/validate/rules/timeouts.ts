/** Integration timeouts: REST 50–29,000 ms (the default quota), HTTP APIs 50–30,000 ms. */
import type { ValidationIssue } from '../../model/issue.js';
import { issue, type ApiRule } from './context.js';

export const TIMEOUT_LIMITS = {
  RestApi: { min: 50, max: 29000 },
  HttpApi: { min: 50, max: 30000 },
  WebSocketApi: { min: 50, max: 29000 },
} as const;

export const timeoutRules: ApiRule = (api, ctx) => {
  const out: ValidationIssue[] = [];
  const { min, max } = TIMEOUT_LIMITS[api.kind];
  for (const [rk, r] of Object.entries(api.routes)) {
    const t = r.integration.timeoutInMillis;
    if (!Number.isInteger(t) || t < min || t > max) {
      out.push(
        issue(ctx, `${api.key}/routes/${rk}/integration/timeoutInMillis`, {
          code: 'integration-timeout',
          message: `${rk}: integration timeout ${t} ms is outside ${min}–${max} ms for ${api.kind === 'RestApi' ? 'REST' : 'HTTP'} APIs`,
          hint:
            api.kind === 'RestApi' && t > max
              ? `use at most ${max} ms (longer needs a raised quota for a Regional REST API), or make the backend answer asynchronously`
              : `use a whole number of milliseconds from ${min} to ${max}`,
        }),
      );
    }
  }
  return out;
};
