/** Cost impact per month (pure): price tables, usage, estimate, delta, thresholds. */
export * from './prices/index.js';
export { priceTiered, meteredUnits, type TieredCost, type BandUse } from './tiers.js';
export {
  estimateMonthlyCost,
  type Estimate,
  type EstimateInput,
  type ApiEstimate,
  type CacheCost,
  type TierDetail,
} from './estimate.js';
export {
  costDelta,
  type CostReport,
  type ApiCostLine,
  type CostReason,
  type CostReasonKind,
  type CostTotals,
  type CostDeltaInput,
} from './delta.js';
export { shouldShowCost, costDeltaOutput } from './thresholds.js';
export { httpApiGaps, type HttpGap } from './http-gaps.js';
export { wafCosts, webAclNameOf, stageRequests, type WafCost, type WebAclFacts } from './waf.js';
export {
  resolveUsage,
  usageMap,
  fromMeasured,
  extrapolateToMonth,
  requestsFor,
  connectionsFor,
  type Usage,
  type UsageSource,
  type MeasuredUsage,
} from './usage.js';
export {
  webSocketMonthlyCost,
  connectionMinutes,
  connectionMinutesUsd,
  type WebSocketUsage,
  type WebSocketCost,
} from './websocket.js';
export { formatUsd, formatCount, formatPercent } from './money.js';
