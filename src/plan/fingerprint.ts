/**
 * The plan fingerprint: sha256 over canonical JSON (sorted keys) of what the plan was
 * built from — the desired GatewayModel and the live API models. `apply --plan-fingerprint`
 * recomputes it before writing, so what is applied is exactly what was reviewed.
 *
 * Left out on purpose: live ids and the tool's own tags (the lock tag is written by the
 * apply that checks the fingerprint, and ids do not change what the plan does), and the
 * unmanaged list (a plan never acts on it).
 */
import { createHash } from 'node:crypto';
import type { GatewayModel } from '../model/api.js';
import type { LiveSnapshot } from '../model/live.js';
import { canonicalJson } from '../model/canonical.js';

/** Characters of the fingerprint shown to people; the full hash is stored. */
export const SHORT_FINGERPRINT_LENGTH = 12;

export function planFingerprint(desired: GatewayModel, live: LiveSnapshot): string {
  const liveModels: Record<string, unknown> = {};
  for (const [key, api] of Object.entries(live.apis)) liveModels[key] = api.model;
  const input = canonicalJson({ desired, live: { region: live.region, apis: liveModels } });
  return createHash('sha256').update(input).digest('hex');
}

export function shortFingerprint(fingerprint: string): string {
  return fingerprint.slice(0, SHORT_FINGERPRINT_LENGTH);
}

/** True when `given` (full or a prefix of at least 12 hex chars, as shown to reviewers) names `actual`. */
export function fingerprintMatches(given: string, actual: string): boolean {
  const g = given.trim().toLowerCase();
  return g.length >= SHORT_FINGERPRINT_LENGTH && /^[0-9a-f]+$/.test(g) && actual.startsWith(g);
}
