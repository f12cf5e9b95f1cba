/**
 * The plan as JSON for machines that display it (`plan --format json`): secrets masked,
 * plus the short fingerprint people compare. For a plan to apply later, write the
 * unmasked plan file with plan/serialize.ts instead.
 */
import type { Plan } from '../model/plan.js';
import { shortFingerprint } from '../plan/fingerprint.js';
import { maskPlan } from './mask.js';

export function renderPlanJson(plan: Plan): string {
  const masked = maskPlan(plan);
  return `${JSON.stringify({ ...masked, fingerprintShort: shortFingerprint(plan.fingerprint) }, null, 2)}\n`;
}
