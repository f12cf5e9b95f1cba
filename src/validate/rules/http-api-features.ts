/**
 * REST-only features declared on an HttpApi are rejected with what to do instead, and
 * HTTP-only ones on a RestApi likewise: the two products differ, and AWS would refuse
 * (or silently ignore) them at apply time, which is too late.
 */
import type { ValidationIssue } from '../../model/issue.js';
import { has, issue, type ApiRule } from './context.js';

export const httpApiFeatureRules: ApiRule = (api, ctx) => {
  const out: ValidationIssue[] = [];
  const k = api.key;
  if (api.kind === 'HttpApi') {
    const useRest = 'use `kind: RestApi`';
    for (const [name, s] of Object.entries(api.stages)) {
      if (s.cache)
        out.push(
          issue(ctx, `${k}/stages/${name}/cache`, {
            code: 'http-api-cache',
            message: `stage ${name}: HTTP APIs have no API cache`,
            hint: `${useRest} for a stage cache, or cache in the backend or a CloudFront distribution in front of the HTTP API`,
          }),
        );
      if (s.logging)
        out.push(
          issue(ctx, `${k}/stages/${name}/logging`, {
            code: 'http-api-execution-logs',
            message: `stage ${name}: HTTP APIs have no execution logs (AWS: "Execution logs are not supported on protocolType HTTP")`,
            hint: `remove \`logging\` and log requests with the stage's \`accessLog\`, or ${useRest}`,
          }),
        );
      if (s.webAclArn)
        out.push(
          issue(ctx, `${k}/stages/${name}/webAclArn`, {
            code: 'http-api-waf',
            message: `stage ${name}: AWS WAF cannot protect an HTTP API stage (AssociateWebACL takes REST API stages, not HTTP APIs)`,
            hint: `${useRest}, or put a CloudFront distribution with the web ACL in front of the HTTP API`,
          }),
        );
      if (has(ctx, `${k}/stages/${name}/canary`))
        out.push(
          issue(ctx, `${k}/stages/${name}/canary`, {
            code: 'http-api-canary',
            message: `stage ${name}: HTTP APIs have no canary traffic split`,
            hint: `${useRest}, or drop \`canary\`: apigw-sync rolls HTTP APIs out by deploying, baking while alarms watch, and rolling back`,
          }),
        );
    }
    if (api.rollout && api.rollout.steps.some((p) => p < 100)) {
      out.push(
        issue(ctx, `${k}/rollout/steps`, {
          code: 'http-api-canary',
          message: 'HTTP APIs cannot send a percentage of traffic to a canary',
          hint: `${useRest} for percentage steps, or set \`steps: [100]\` (deploy, bake while alarms watch, roll back on alarm)`,
        }),
      );
    }
    if (Object.keys(api.requestValidators).length > 0 || has(ctx, `${k}/requestValidators`)) {
      out.push(
        issue(ctx, `${k}/requestValidators`, {
          code: 'http-api-request-validator',
          message: 'HTTP APIs have no request validators',
          hint: `${useRest}, or validate in the backend (or a Lambda authorizer)`,
        }),
      );
    }
    if (has(ctx, `${k}/gatewayResponses`)) {
      out.push(
        issue(ctx, `${k}/gatewayResponses`, {
          code: 'http-api-gateway-responses',
          message: 'HTTP APIs have no gateway responses',
          hint: `${useRest}, or shape error responses in the backend or a Lambda authorizer`,
        }),
      );
    }
    if (has(ctx, `${k}/apiKeys`) || has(ctx, `${k}/usagePlans`)) {
      out.push(
        issue(ctx, has(ctx, `${k}/apiKeys`) ? `${k}/apiKeys` : `${k}/usagePlans`, {
          code: 'http-api-api-keys',
          message: 'HTTP APIs have no API keys or usage plans',
          hint: `${useRest}, or protect the API with a JWT or Lambda authorizer and per-route throttling`,
        }),
      );
    }
    if (api.endpointType && api.endpointType !== 'REGIONAL') {
      out.push(
        issue(ctx, `${k}/endpointType`, {
          code: 'http-api-endpoint-type',
          message: `HTTP APIs are always regional; endpointType ${api.endpointType} is not available`,
          hint: `remove endpointType, or ${useRest}`,
        }),
      );
    }
    for (const [rk, r] of Object.entries(api.routes)) {
      const base = `${k}/routes/${rk}`;
      if (r.apiKeyRequired)
        out.push(
          issue(ctx, `${base}/authorization`, {
            code: 'http-api-api-keys',
            message: `${rk}: HTTP APIs cannot require an API key`,
            hint: `${useRest}, or use a JWT or Lambda authorizer`,
          }),
        );
      if (r.requestValidator)
        out.push(
          issue(ctx, `${base}/requestValidator`, {
            code: 'http-api-request-validator',
            message: `${rk}: HTTP APIs have no request validators`,
            hint: `${useRest}, or remove x-amazon-apigateway-request-validator`,
          }),
        );
      if (Object.keys(r.integration.requestTemplates).length > 0)
        out.push(
          issue(ctx, `${base}/integration/requestTemplates`, {
            code: 'http-api-mapping-template',
            message: `${rk}: HTTP APIs have no mapping templates`,
            hint: `${useRest}, or use parameter mapping (requestParameters such as overwrite:header.x) which HTTP APIs offer`,
          }),
        );
      if (r.integration.type === 'HTTP' || r.integration.type === 'AWS' || r.integration.type === 'MOCK') {
        out.push(
          issue(ctx, `${base}/integration/type`, {
            code: 'http-api-integration-type',
            message: `${rk}: HTTP APIs support only HTTP_PROXY and AWS_PROXY integrations, not ${r.integration.type}`,
            hint: `use http_proxy or aws_proxy, or ${useRest}`,
          }),
        );
      }
    }
    for (const [name, a] of Object.entries(api.authorizers)) {
      if (a.type === 'TOKEN' || a.type === 'COGNITO_USER_POOLS') {
        out.push(
          issue(ctx, `${k}/authorizers/${name}`, {
            code: 'http-api-authorizer-type',
            message: `authorizer ${name}: HTTP APIs have no ${a.type} authorizers`,
            hint:
              a.type === 'COGNITO_USER_POOLS'
                ? 'use type JWT with the user pool as issuer (https://cognito-idp.<region>.amazonaws.com/<pool id>) and the app client id as audience'
                : 'use a REQUEST (Lambda) authorizer with identitySource $request.header.Authorization',
          }),
        );
      }
    }
  } else if (api.kind === 'RestApi') {
    for (const [name, a] of Object.entries(api.authorizers)) {
      if (a.type === 'JWT')
        out.push(
          issue(ctx, `${k}/authorizers/${name}`, {
            code: 'rest-api-jwt',
            message: `authorizer ${name}: REST APIs have no JWT authorizers`,
            hint: 'use a COGNITO_USER_POOLS authorizer, or a TOKEN/REQUEST Lambda authorizer that checks the JWT',
          }),
        );
    }
    // Declared in the wrong place: say where they go rather than silently ignore them.
    for (const key of ['apiKeys', 'usagePlans']) {
      if (has(ctx, `${k}/${key}`))
        out.push(
          issue(ctx, `${k}/${key}`, {
            severity: 'warning',
            code: 'not-managed',
            message: `${key} in api.yaml have no effect: usage plans and API keys belong to the account, not to one API`,
            hint: "declare plans in gateway-state/usage-plans/<name>.yaml (with this API's stages under apiStages) and keys in gateway-state/api-keys/<name>.yaml, then remove this key",
          }),
        );
    }
    for (const name of Object.keys(api.stages)) {
      if (has(ctx, `${k}/stages/${name}/canary`))
        out.push(
          issue(ctx, `${k}/stages/${name}/canary`, {
            severity: 'warning',
            code: 'not-managed',
            message: `stage ${name}: a standing canary is not managed; apigw-sync creates and removes canaries itself during a rollout`,
            hint: 'remove `canary` and declare the traffic steps in `rollout.steps`',
          }),
        );
    }
    if (api.cors)
      out.push(
        issue(ctx, `${k}/cors`, {
          code: 'rest-api-cors',
          message: 'REST APIs have no API-level CORS setting',
          hint: 'declare OPTIONS methods (mock integrations returning the Access-Control-* headers), or use an HttpApi',
        }),
      );
  }
  return out;
};
