/**
 * Declared backend health: per deployment, per integration-URI prefix, or for everything.
 * A deployment rule beats a URI rule (the "new deployment returns 5xx" case), the longest
 * URI prefix beats shorter ones, and a catch-all rule beats the built-in healthy default.
 */
import { badRequest } from '../core/types.js';

export interface BackendHealth {
  /** Fraction of requests answered 5xx (0..1). */
  errorRate: number;
  /** Fraction answered 4xx (0..1). */
  clientErrorRate: number;
  /** Mean integration latency in ms (±20% seeded jitter per request). */
  latencyMs: number;
  /**
   * Fraction of calls that never get an answer (a timeout, an unreachable host, a Lambda that
   * cannot be invoked): WebSocket APIs count them as ExecutionError, HTTP and REST APIs answer 5xx.
   */
  executionErrorRate?: number;
}

export interface BackendRule extends BackendHealth {
  uri?: string;
  deploymentId?: string;
}

export const HEALTHY: BackendHealth = { errorRate: 0, clientErrorRate: 0, latencyMs: 20 };

function rate(v: unknown, field: string, fallback?: number): number {
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1)
    throw badRequest(`${field} must be a number between 0 and 1`);
  return v;
}

export function readRule(body: unknown): BackendRule {
  const b = (body ?? {}) as Record<string, unknown>;
  if (b.uri !== undefined && typeof b.uri !== 'string')
    throw badRequest('uri must be a string (an integration URI prefix)');
  if (b.deploymentId !== undefined && typeof b.deploymentId !== 'string')
    throw badRequest('deploymentId must be a string');
  const latencyMs = b.latencyMs ?? HEALTHY.latencyMs;
  if (typeof latencyMs !== 'number' || !Number.isFinite(latencyMs) || latencyMs < 0)
    throw badRequest('latencyMs must be a non-negative number');
  const rule: BackendRule = {
    errorRate: rate(b.errorRate, 'errorRate', 0),
    clientErrorRate: rate(b.clientErrorRate, 'clientErrorRate', 0),
    latencyMs,
    ...(b.executionErrorRate !== undefined
      ? { executionErrorRate: rate(b.executionErrorRate, 'executionErrorRate') }
      : {}),
    ...(b.uri !== undefined ? { uri: b.uri as string } : {}),
    ...(b.deploymentId !== undefined ? { deploymentId: b.deploymentId as string } : {}),
  };
  if (rule.errorRate + rule.clientErrorRate + (rule.executionErrorRate ?? 0) > 1)
    throw badRequest('errorRate + clientErrorRate + executionErrorRate must not exceed 1');
  return rule;
}

export class Backends {
  rules: BackendRule[] = [];

  /** Replaces the rule with the same target (same uri and deploymentId). */
  put(rule: BackendRule): void {
    this.rules = this.rules.filter((r) => r.uri !== rule.uri || r.deploymentId !== rule.deploymentId);
    this.rules.push(rule);
  }

  healthOf(deploymentId: string, uri: string | undefined): BackendHealth {
    const byDeployment = this.rules.find((r) => r.deploymentId === deploymentId && r.uri === undefined);
    const byBoth = this.rules.find(
      (r) => r.deploymentId === deploymentId && r.uri !== undefined && uri?.startsWith(r.uri),
    );
    if (byBoth) return byBoth;
    if (byDeployment) return byDeployment;
    const byUri = this.rules
      .filter((r) => r.deploymentId === undefined && r.uri !== undefined && uri !== undefined && uri.startsWith(r.uri))
      .sort((a, b) => b.uri!.length - a.uri!.length)[0];
    if (byUri) return byUri;
    return this.rules.find((r) => r.deploymentId === undefined && r.uri === undefined) ?? HEALTHY;
  }
}
