/** Report scenarios shared by the golden tests (and the rendered-PNG check). */
import { EMBEDDED_PRICES, costDelta, fromMeasured, type CostReport } from '../../../src/cost/index.js';
import type { ApiModel } from '../../../src/model/api.js';
import { gateway, route, snapshot } from '../../helpers/model-builders.js';
import { M, declared, http, rest, usageOf, ws } from './fixtures.js';
import { resolveUsage } from '../../../src/cost/index.js';

/** us-east-1: a cache resize, a REST→HTTP switch, a new HTTP API, one API untouched. */
export function mixedReport(): CostReport {
  const shop = rest('shop', { prod: 0.5 });
  const legacyRest = rest(
    'legacy',
    { prod: 0.5 },
    {
      requestValidators: { body: { name: 'body', validateRequestBody: true, validateRequestParameters: false } },
      routes: [route('RestApi', 'GET', '/items', { apiKeyRequired: true })],
    },
  );
  const legacyHttp = http('legacy', ['prod'], { name: legacyRest.name });
  const usage = usageOf({
    // 30 days in CloudWatch: 48M → × 730/720 = 48.67M a month
    shop: fromMeasured({ windowDays: 30, stages: { prod: { requests: 48 * M } } }),
    legacy: fromMeasured({ windowDays: 30, stages: { prod: { requests: 360 * M } } }),
    events: declared(50 * M, 700),
    admin: declared(2 * M),
  });
  return costDelta({
    desired: gateway([rest('shop', { prod: 6.1 }), legacyHttp, http('events'), rest('admin')], 'us-east-1'),
    live: snapshot([shop, legacyRest, rest('admin')], { region: 'us-east-1' }),
    usage,
    prices: EMBEDDED_PRICES,
  });
}

/** Seoul: request prices known, cache prices not in the team's notes. */
export function seoulReport(): CostReport {
  return costDelta({
    desired: gateway([rest('shop', { prod: 1.6 })], 'ap-northeast-2'),
    live: snapshot([rest('shop', { prod: 0.5 })], { region: 'ap-northeast-2' }),
    usage: usageOf({ shop: declared(10 * M) }),
    prices: EMBEDDED_PRICES,
  });
}

/**
 * us-east-1, WebSocket APIs: `chat` is new, its traffic declared (messages, connections and the
 * mean connection duration no metric gives); `notify` has 30 days of MessageCount and
 * ConnectCount, gains a stage, and declares no duration, so its connection minutes are unknown.
 */
export function webSocketReport(region = 'us-east-1'): CostReport {
  return costDelta({
    desired: gateway([ws('chat'), ws('notify', ['live', 'beta']), rest('shop')], region),
    live: snapshot([ws('notify'), rest('shop')], { region }),
    usage: usageOf({
      chat: resolveUsage(
        { monthlyMessages: 120 * M, monthlyConnections: 400_000, avgConnectionMinutes: 12 },
        undefined,
      ),
      // 30 days: 30M messages, 90K connections → × 730/720 a month
      notify: fromMeasured({ windowDays: 30, stages: { live: { requests: 30 * M, connections: 90_000 } } }),
      shop: declared(5 * M),
    }),
    prices: EMBEDDED_PRICES,
  });
}

const ACL = (name: string, id: string) => `arn:aws:wafv2:us-east-1:123456789012:regional/webacl/${name}/${id}`;

/** A REST API with AWS WAF on its stages, priced with AWS's table. */
function withWaf(api: ApiModel, acls: Record<string, string>): ApiModel {
  for (const [stage, arn] of Object.entries(acls)) api.stages[stage] = { ...api.stages[stage], webAclArn: arn };
  return api;
}

/**
 * us-east-1, AWS WAF: shop's two stages get one web ACL (4 rules: its fees split over both),
 * admin's web ACL goes, and billing's web ACL cannot be read (its rule count is unknown).
 */
export function wafReport(): CostReport {
  const shopWaf = ACL('shop-waf', '1111');
  const adminWaf = ACL('admin-waf', '2222');
  const billingWaf = ACL('billing-waf', '3333');
  return costDelta({
    desired: gateway(
      [
        withWaf(rest('shop', { prod: undefined, staging: undefined }), { prod: shopWaf, staging: shopWaf }),
        rest('admin'),
        withWaf(rest('billing'), { prod: billingWaf }),
      ],
      'us-east-1',
    ),
    live: snapshot(
      [
        rest('shop', { prod: undefined, staging: undefined }),
        withWaf(rest('admin'), { prod: adminWaf }),
        rest('billing'),
      ],
      { region: 'us-east-1' },
    ),
    usage: usageOf({
      shop: fromMeasured({ windowDays: 30, stages: { prod: { requests: 30 * M }, staging: { requests: 1 * M } } }),
      admin: declared(2 * M),
      billing: declared(5 * M),
    }),
    prices: EMBEDDED_PRICES,
    webAcls: {
      [shopWaf]: { name: 'shop-waf', rules: 4 },
      [adminWaf]: { name: 'admin-waf', rules: 1 },
      [billingWaf]: { error: 'AccessDeniedException: not authorized to perform wafv2:GetWebACL' },
    },
  });
}

/** A region without any table. */
export function unknownRegionReport(): CostReport {
  return costDelta({
    desired: gateway([rest('shop', { prod: 6.1 })], 'eu-west-3'),
    live: snapshot([rest('shop', { prod: 0.5 })], { region: 'eu-west-3' }),
    usage: new Map(),
    prices: EMBEDDED_PRICES,
  });
}
