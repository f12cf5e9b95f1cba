/**
 * WebSocket APIs: messages (sent and received) metered in 32 KB steps and tiered like requests,
 * plus connection minutes at a flat rate. AWS bills connection minutes but publishes no metric
 * of them: the estimate multiplies ConnectCount by the mean connection duration the state
 * declares (`usage.avgConnectionMinutes`), and says so; without one, the minutes are unpriced.
 */
import { MILLION, type WebSocketPrice } from './prices/types.js';
import { meteredUnits, priceTiered, type TieredCost } from './tiers.js';

export interface WebSocketUsage {
  messages: number;
  avgMessageKb?: number;
  connectionMinutes: number;
}

export interface WebSocketCost {
  messages: TieredCost;
  connectionUsd: number;
  /** null when the message volume passes the last known band. */
  totalUsd: number | null;
}

/** Connection minutes a month: connections × the declared mean duration; undefined when no duration is declared. */
export function connectionMinutes(connections: number, avgMinutes: number | undefined): number | undefined {
  if (connections === 0) return 0;
  return avgMinutes === undefined ? undefined : connections * avgMinutes;
}

export function connectionMinutesUsd(price: WebSocketPrice, minutes: number): number {
  return (minutes / MILLION) * price.connectionMinuteUsdPerMillion;
}

/** One API priced on its own (the estimate tiers messages account-wide instead). */
export function webSocketMonthlyCost(price: WebSocketPrice, u: WebSocketUsage): WebSocketCost {
  const messages = priceTiered(meteredUnits(u.messages, u.avgMessageKb, price.messageMeteringKb), price.messageTiers);
  const connectionUsd = connectionMinutesUsd(price, u.connectionMinutes);
  return { messages, connectionUsd, totalUsd: messages.usd === null ? null : messages.usd + connectionUsd };
}
