/**
 * API Gateway v1 per-API and per-region limits (AWS's default quotas) that the emulator
 * enforces with LimitExceededException, so tools see the same wall they would hit on AWS.
 */
import { limitExceeded } from '../core/types.js';

export const V1_LIMITS = {
  /** Regional + private REST APIs per account and region. */
  restApisPerRegion: 600,
  resourcesPerApi: 300,
  stagesPerApi: 10,
  authorizersPerApi: 10,
} as const;

export function checkLimit(count: number, limit: number, what: string): void {
  if (count >= limit)
    throw limitExceeded(`Maximum number of ${what} reached (${limit}); delete some or request a quota increase`);
}
