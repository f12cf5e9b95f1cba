/**
 * The monthly cost of applying gateway-state: one use case for `apigw-sync cost`, the App's
 * plan comment and the Action's, so all three price the same way with the same prices.
 *
 * Prices: the file given (`cost --prices`, the Action's `prices` input), else the state's own
 * `prices.json` when it has one (`apigw-sync prices refresh --out gateway-state/prices.json`,
 * committed: the App and the Action read the repository), else the embedded tables; a file
 * wins region by region. Usage: CloudWatch Count over the last `days`; cost is advisory, so
 * when CloudWatch cannot be read the declared `usage:` is priced and a note says so.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AwsClients } from '../aws/clients.js';
import { readUsage, usageTargets } from '../aws/usage.js';
import {
  EMBEDDED_PRICES,
  costDelta,
  parsePriceFile,
  usageMap,
  withOverrides,
  type CostReport,
  type MeasuredUsage,
  type PriceBook,
  type WebAclFacts,
} from '../cost/index.js';
import type { GatewayModel } from '../model/api.js';
import type { LiveSnapshot } from '../model/live.js';

/** Where a refreshed price file lives inside gateway-state (the loader ignores it). */
export const STATE_PRICE_FILE = 'prices.json';

export interface CostOptions {
  /** The gateway-state directory (its prices.json is used when `pricesFile` is not given). */
  dir: string;
  desired: GatewayModel;
  live: LiveSnapshot;
  /** For CloudWatch usage; without clients only the declared `usage:` is priced. */
  clients?: AwsClients;
  /** A price file from `apigw-sync prices refresh`. */
  pricesFile?: string;
  /** false: declared usage only, no CloudWatch. */
  usage?: boolean;
  days?: number;
  now?: Date;
}

export interface CostEstimate {
  report: CostReport;
  /** The price file used on top of the embedded tables, if any. */
  pricesFile?: string;
  /** Lines for the reader (why CloudWatch usage is missing). */
  notes: string[];
}

/** The web ACLs REST stages name on either side: one GetWebACL each, for its rule count (the monthly fee per rule). */
async function webAclFacts(o: CostOptions): Promise<Record<string, WebAclFacts>> {
  const arns = new Set<string>();
  for (const api of [...Object.values(o.desired.apis), ...Object.values(o.live.apis).map((l) => l.model)]) {
    for (const s of Object.values(api.stages)) if (api.kind === 'RestApi' && s.webAclArn) arns.add(s.webAclArn);
  }
  if (!arns.size || !o.clients) return {};
  const { readWebAcls } = await import('../aws/web-acl.js');
  return readWebAcls(o.clients.wafv2, [...arns]);
}

/** The embedded tables, with the given price file (or the state's prices.json) over them. */
export async function loadPrices(o: {
  dir?: string;
  pricesFile?: string;
}): Promise<{ prices: PriceBook; file?: string }> {
  const inState = o.dir ? join(o.dir, STATE_PRICE_FILE) : undefined;
  const file = o.pricesFile ?? (inState && existsSync(inState) ? inState : undefined);
  if (!file) return { prices: EMBEDDED_PRICES };
  return { prices: withOverrides(EMBEDDED_PRICES, parsePriceFile(await readFile(file, 'utf8'), file)), file };
}

export async function estimateCost(o: CostOptions): Promise<CostEstimate> {
  const { prices, file } = await loadPrices(o);
  const notes: string[] = [];
  let measured = new Map<string, MeasuredUsage>();
  if (o.usage !== false && o.clients) {
    try {
      measured = await readUsage(o.clients.cloudwatch, usageTargets(o.live), {
        days: o.days ?? 30,
        ...(o.now ? { now: o.now } : {}),
      });
    } catch (e) {
      notes.push(
        `note: CloudWatch usage could not be read (${(e as Error).message.split('\n')[0]}); using declared usage only`,
      );
    }
  }
  const report = costDelta({
    desired: o.desired,
    live: o.live,
    usage: usageMap({ desired: o.desired, live: o.live, measured }),
    prices,
    webAcls: await webAclFacts(o),
  });
  return { report, notes, ...(file ? { pricesFile: file } : {}) };
}
