/** When the PR comment shows the cost section (gateway.yaml `cost.commentThreshold`). */
import type { CostThresholds } from '../model/api.js';
import type { CostReport } from './delta.js';

/**
 * Show when |delta| ≥ usd OR |delta%| ≥ percent. Without a threshold: whenever the total
 * moves. An unknown delta on a changed API is always shown (saying it is unknown is the point),
 * and so is new spend where nothing was spent before (its percentage is unbounded).
 */
export function shouldShowCost(report: CostReport, thresholds: CostThresholds | undefined): boolean {
  const { deltaUsd, deltaPercent, beforeUsd } = report.total;
  if (deltaUsd === null) return report.apis.some((l) => l.change !== 'unchanged');
  const t = thresholds?.commentThreshold;
  if (!t || (t.usd === undefined && t.percent === undefined)) return Math.abs(deltaUsd) >= 0.005;
  const overUsd = t.usd !== undefined && Math.abs(deltaUsd) >= t.usd;
  const overPercent =
    t.percent !== undefined &&
    (deltaPercent === null ? beforeUsd === 0 && Math.abs(deltaUsd) >= 0.005 : Math.abs(deltaPercent) >= t.percent);
  return overUsd || overPercent;
}

/** The Action output `cost-delta`: USD a month with cents, or "" when unknown. */
export function costDeltaOutput(report: CostReport): string {
  return report.total.deltaUsd === null ? '' : (Math.round(report.total.deltaUsd * 100) / 100).toFixed(2);
}
