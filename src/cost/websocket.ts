/**
 * WebSocket APIs: messages metered in 32 KB steps, plus connection minutes. The model has no
 * WebSocket kind yet, so nothing calls this from the delta; it prices declared figures.
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

export function webSocketMonthlyCost(price: WebSocketPrice, u: WebSocketUsage): WebSocketCost {
  const messages = priceTiered(meteredUnits(u.messages, u.avgMessageKb, price.messageMeteringKb), price.messageTiers);
  const connectionUsd = (u.connectionMinutes / MILLION) * price.connectionMinuteUsdPerMillion;
  return { messages, connectionUsd, totalUsd: messages.usd === null ? null : messages.usd + connectionUsd };
}
