/**
 * What API Gateway and AWS WAF refuse in a stage's settings, caught before apply writes
 * anything: route settings for routes the API does not have, settings a flavour has not
 * (HTTP APIs have no execution logs and no cache), limits AWS refuses, access log
 * destinations and formats AWS refuses, and web ACLs that cannot protect a REST stage.
 * (Logging without the account's CloudWatch Logs role is an account setting: apply checks it
 * with one GetAccount before its first write, see src/aws/apply/logging-role.ts.)
 */
import type { ApiModel, StageModel } from '../../model/api.js';
import type { ValidationIssue } from '../../model/issue.js';
import type { RouteSettingsModel } from '../../kinds/stage/model.js';
import { didYouMean } from '../../state/did-you-mean.js';
import { has, issue, type ApiRule, type RuleContext } from './context.js';

const HTTP_NO_EXEC_LOGS =
  'HTTP APIs have no execution logs (AWS: "Execution logs are not supported on protocolType HTTP")';

export const stageSettingRules: ApiRule = (api, ctx) => {
  const out: ValidationIssue[] = [];
  for (const [name, s] of Object.entries(api.stages)) {
    const base = `${api.key}/stages/${name}`;
    out.push(...routeSettingIssues(api, name, s, ctx));
    if (s.logging?.dataTrace && api.kind !== 'HttpApi') {
      out.push(
        issue(ctx, `${base}/logging`, {
          severity: 'warning',
          code: 'data-trace',
          message: `stage ${name}: dataTrace logs full request and response bodies, which can hold personal data and credentials`,
          hint: 'turn it on to troubleshoot, then off again (AWS advises against data tracing in production)',
        }),
      );
    }
    if (s.accessLog) out.push(...accessLogIssues(api, name, s.accessLog, ctx));
    if (s.webAclArn && api.kind === 'RestApi') out.push(...webAclIssues(name, s.webAclArn, `${base}/webAclArn`, ctx));
  }
  return out;
};

function routeSettingIssues(api: ApiModel, stage: string, s: StageModel, ctx: RuleContext): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  // WebSocket APIs key route settings by route key (`sendmessage`), like their routes.
  const ws = api.kind === 'WebSocketApi';
  const routes = Object.keys(ws ? api.wsRoutes : api.routes);
  for (const [rk, e] of Object.entries(s.routeSettings ?? {})) {
    const key = `${api.key}/stages/${stage}/routeSettings/${rk}`;
    const where = `stage ${stage}: routeSettings "${rk}"`;
    if (rk === '*/*') {
      out.push(
        issue(ctx, key, {
          code: 'route-settings-all',
          message: `${where} is the stage-wide entry`,
          hint: 'set stage-wide values on the stage itself (throttling, detailedMetrics, logging, cache); routeSettings keys are routes such as "GET /pets/{id}"',
        }),
      );
      continue;
    }
    if (!(ws ? api.wsRoutes[rk] : api.routes[rk])) {
      const guess = didYouMean(rk, routes);
      out.push(
        issue(ctx, key, {
          code: 'route-settings-unknown-route',
          message: `${where} names no route of ${api.key}${api.kind !== 'RestApi' ? ' (AWS: "Unable to find Route by key")' : ''}`,
          hint: guess
            ? `did you mean "${guess}"?`
            : `use a route key of the API, e.g. ${
                routes
                  .slice(0, 2)
                  .map((r) => `"${r}"`)
                  .join(', ') || (ws ? '"sendmessage"' : '"GET /pets"')
              }`,
        }),
      );
    }
    out.push(...entryIssues(api, where, key, e, s, ctx));
  }
  return out;
}

function entryIssues(
  api: ApiModel,
  where: string,
  key: string,
  e: RouteSettingsModel,
  s: StageModel,
  ctx: RuleContext,
): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const t = e.throttling;
  if (t) {
    const unset = t.rateLimit === -1 && t.burstLimit === -1;
    if (unset && api.kind === 'HttpApi') {
      out.push(
        issue(ctx, `${key}/throttling`, {
          code: 'route-throttling-unset',
          message: `${where}: -1 on an HTTP API means "not set", so the route has the stage's throttling`,
          hint: "remove `throttling` from the route to inherit the stage's limits",
        }),
      );
    } else if (!unset) {
      if (!(t.rateLimit >= 0))
        out.push(
          issue(ctx, `${key}/throttling/rateLimit`, {
            code: 'throttling-negative',
            message: `${where}: throttling rateLimit ${t.rateLimit} is negative`,
            hint:
              api.kind === 'RestApi'
                ? 'use requests per second >= 0, or -1 for both limits (not throttled at the method level)'
                : 'use requests per second >= 0',
          }),
        );
      if (!(t.burstLimit >= 0) || !Number.isInteger(t.burstLimit))
        out.push(
          issue(ctx, `${key}/throttling/burstLimit`, {
            code: 'throttling-negative',
            message: `${where}: throttling burstLimit ${t.burstLimit} must be a whole number >= 0`,
            hint: 'use a whole number of requests >= 0',
          }),
        );
    }
  }
  if (api.kind === 'HttpApi') {
    if (e.logging)
      out.push(
        issue(ctx, `${key}/logging`, {
          code: 'http-api-execution-logs',
          message: `${where}: ${HTTP_NO_EXEC_LOGS}`,
          hint: "remove `logging`; log requests with the stage's `accessLog`",
        }),
      );
    if (e.caching)
      out.push(
        issue(ctx, `${key}/caching`, {
          code: 'http-api-cache',
          message: `${where}: HTTP APIs have no API cache`,
          hint: 'remove `caching`, or use `kind: RestApi`',
        }),
      );
  }
  if (api.kind === 'WebSocketApi' && e.caching)
    out.push(
      issue(ctx, `${key}/caching`, {
        code: 'websocket-cache',
        message: `${where}: WebSocket APIs have no API cache`,
        hint: 'remove `caching`',
      }),
    );
  const ttl = e.caching?.ttlSeconds;
  if (ttl !== undefined && (!Number.isInteger(ttl) || ttl < 0 || ttl > 3600)) {
    out.push(
      issue(ctx, `${key}/caching/ttlSeconds`, {
        code: 'cache-ttl',
        message: `${where}: cache TTL ${ttl} s is outside 0–3600 s`,
        hint: 'use a whole number of seconds from 0 (no caching) to 3600',
      }),
    );
  }
  if (api.kind === 'RestApi' && e.caching?.enabled && !s.cache) {
    out.push(
      issue(ctx, `${key}/caching`, {
        severity: 'warning',
        code: 'route-caching-no-cache',
        message: `${where}: caching is enabled, but the stage has no cache cluster, so nothing is cached`,
        hint: 'add `cache: { sizeGb: 0.5 }` to the stage (add `allMethods: false` to cache only this route)',
      }),
    );
  }
  if (Object.keys(e).length === 0) {
    out.push(
      issue(ctx, key, {
        severity: 'warning',
        code: 'route-settings-empty',
        message: `${where} sets nothing: the route has every stage-wide setting`,
        hint: 'remove the entry, or set throttling, detailedMetrics, logging or caching',
      }),
    );
  }
  return out;
}

/**
 * Access logs as API Gateway takes them: a CloudWatch Logs log group of the state's region
 * (REST also a Firehose stream named amazon-apigateway-…; HTTP APIs log to CloudWatch Logs
 * only), and a one-line format with $context.requestId or $context.extendedRequestId.
 */
function accessLogIssues(
  api: ApiModel,
  stage: string,
  l: NonNullable<StageModel['accessLog']>,
  ctx: RuleContext,
): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const key = `${api.key}/stages/${stage}/accessLog`;
  const at = (m: string) => (has(ctx, `${key}/${m}`) ? `${key}/${m}` : key);
  const region = ctx.model.region;
  const m = /^arn:aws[a-z-]*:(logs|firehose):([a-z0-9-]*):(\d{12}):(.+)$/.exec(l.destinationArn);
  const logGroup = m?.[1] === 'logs' && /^log-group:[\w./#-]{1,512}(:\*)?$/.test(m[4]);
  const firehose = m?.[1] === 'firehose' && /^deliverystream\/amazon-apigateway-[\w.-]+$/.test(m[4]);
  if (!logGroup && !firehose) {
    out.push(
      issue(ctx, at('destinationArn'), {
        code: 'access-log-destination',
        message: `stage ${stage}: access log destination ${l.destinationArn} is not ${api.kind === 'RestApi' ? 'a CloudWatch Logs log group or a Firehose stream named amazon-apigateway-…' : 'a CloudWatch Logs log group'}`,
        hint: `use arn:aws:logs:${region}:<account>:log-group:<name>${api.kind === 'RestApi' ? ` or arn:aws:firehose:${region}:<account>:deliverystream/amazon-apigateway-<name>` : ''}`,
      }),
    );
  } else if (firehose && api.kind === 'HttpApi') {
    out.push(
      issue(ctx, at('destinationArn'), {
        code: 'access-log-destination',
        message: `stage ${stage}: HTTP APIs send access logs to CloudWatch Logs only, not to Firehose`,
        hint: `use a log group, arn:aws:logs:${region}:<account>:log-group:<name> (a subscription filter can forward it to Firehose)`,
      }),
    );
  } else if (m && m[2] !== region) {
    out.push(
      issue(ctx, at('destinationArn'), {
        code: 'access-log-region',
        message: `stage ${stage}: access log destination is in ${m[2] || '(no region)'}, the API in ${region}`,
        hint: `use a ${m[1] === 'logs' ? 'log group' : 'Firehose stream'} in ${region}`,
      }),
    );
  }
  if (/[\r\n]./s.test(l.format)) {
    out.push(
      issue(ctx, at('format'), {
        code: 'access-log-format',
        message: `stage ${stage}: the access log format spans several lines (AWS: "Access Log format must be single line, new line character is allowed only at end of the format")`,
        hint: 'write the format on one line, e.g. a JSON object with `>-` or one quoted string',
      }),
    );
  }
  if (!/\$context\.(requestId|extendedRequestId)\b/.test(l.format)) {
    out.push(
      issue(ctx, at('format'), {
        code: 'access-log-format',
        message: `stage ${stage}: the access log format has neither $context.requestId nor $context.extendedRequestId, which API Gateway requires`,
        hint: 'add "requestId":"$context.requestId" to the format',
      }),
    );
  }
  return out;
}

/** A REGIONAL WAFv2 web ACL of the state's region: what AssociateWebACL takes for a REST stage. */
function webAclIssues(stage: string, arn: string, key: string, ctx: RuleContext): ValidationIssue[] {
  const region = ctx.model.region;
  const m = /^arn:aws[a-z-]*:(wafv2|waf-regional|waf):([a-z0-9-]*):(\d{12}):(regional|global)?\/?webacl\/(.+)$/.exec(
    arn,
  );
  const example = `arn:aws:wafv2:${region}:<account>:regional/webacl/<name>/<id>`;
  if (!m)
    return [
      issue(ctx, key, {
        code: 'web-acl-arn',
        message: `stage ${stage}: webAclArn ${arn} is not an AWS WAF web ACL ARN`,
        hint: `use the ARN of a REGIONAL web ACL, ${example}`,
      }),
    ];
  if (m[1] !== 'wafv2')
    return [
      issue(ctx, key, {
        code: 'web-acl-classic',
        message: `stage ${stage}: ${arn} is an AWS WAF Classic web ACL; apigw-sync associates WAFv2 web ACLs`,
        hint: `migrate the web ACL to AWS WAF (wafv2) and use its ARN, ${example}`,
      }),
    ];
  if (m[4] === 'global')
    return [
      issue(ctx, key, {
        code: 'web-acl-scope',
        message: `stage ${stage}: ${arn} is a CLOUDFRONT web ACL, which protects CloudFront distributions, not API Gateway stages`,
        hint: `use a REGIONAL web ACL in ${region}, ${example}`,
      }),
    ];
  if (m[2] !== region)
    return [
      issue(ctx, key, {
        code: 'web-acl-region',
        message: `stage ${stage}: web ACL is in ${m[2]}, the API in ${region}; a regional web ACL protects resources of its own region`,
        hint: `use a web ACL in ${region}`,
      }),
    ];
  return [];
}
