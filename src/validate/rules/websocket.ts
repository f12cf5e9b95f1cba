/**
 * WebSocket APIs: what API Gateway refuses (or what has no meaning) on them, caught at
 * validate so apply never meets the refusal half-way. AWS's own wording is quoted where it is
 * known ("Currently, authorization is restricted to the $connect route only", "The provided
 * route key is not formatted properly"); the sources are in scripts/aws-models/coverage-notes.md.
 */
import { PREDEFINED_ROUTE_KEYS, type ApiModel, type WebSocketRouteModel } from '../../model/api.js';
import type { ValidationIssue } from '../../model/issue.js';
import { didYouMean } from '../../state/did-you-mean.js';
import { has, issue, type ApiRule, type RuleContext } from './context.js';
import { TIMEOUT_LIMITS } from './timeouts.js';

const ROUTE_PARAMETER = /^route\.request\.(header|querystring)\.[^\s]+$/;
const INTEGRATION_PARAMETER = /^integration\.request\.(header|querystring|path)\.[^\s]+$/;
const IDENTITY_SOURCE =
  /^(route\.request\.(header|querystring)\.[^\s]+|stageVariables\.[A-Za-z0-9_]+|context\.[A-Za-z0-9_.]+)$/;
const LAMBDA_URI = /^arn:aws[a-z-]*:apigateway:[a-z0-9-]+:lambda:path\/\d{4}-\d{2}-\d{2}\/functions\/.+\/invocations$/;
const SERVICE_URI = /^arn:aws[a-z-]*:apigateway:[a-z0-9-]+:[a-z0-9.-]+:(path|action)\/.+$/;

/** Route settings of WebSocket stages are checked with the others' (stage-settings.ts). */
export const webSocketRules: ApiRule = (api, ctx) =>
  api.kind === 'WebSocketApi' ? [...apiIssues(api, ctx), ...routeIssues(api, ctx)] : [];

function apiIssues(api: ApiModel, ctx: RuleContext): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const k = api.key;
  const useOther = 'a WebSocket API has none';
  if (api.cors || has(ctx, `${k}/cors`))
    out.push(
      issue(ctx, `${k}/cors`, {
        code: 'websocket-cors',
        message: 'WebSocket APIs have no CORS configuration (AWS: "supported only for HTTP APIs")',
        hint: 'remove `cors`; browsers do not apply CORS to WebSocket connections — check the Origin header in the $connect authorizer instead',
      }),
    );
  if (Object.keys(api.requestValidators).length > 0 || has(ctx, `${k}/requestValidators`))
    out.push(
      issue(ctx, `${k}/requestValidators`, {
        code: 'websocket-request-validator',
        message: 'WebSocket APIs have no request validators',
        hint: `remove \`requestValidators\`; validate messages with requestModels and models (${useOther})`,
      }),
    );
  for (const key of ['apiKeys', 'usagePlans']) {
    if (has(ctx, `${k}/${key}`))
      out.push(
        issue(ctx, `${k}/${key}`, {
          code: 'websocket-not-managed',
          message: `${key} are not managed by apigw-sync for WebSocket APIs`,
          hint: `remove \`${key}\`; \`apiKeyRequired\` on $connect is managed, the keys and usage plans are not`,
        }),
      );
  }
  if (Object.keys(api.gatewayResponses).length > 0 || has(ctx, `${k}/gatewayResponses`)) {
    out.push(
      issue(ctx, `${k}/gatewayResponses`, {
        code: 'websocket-gateway-responses',
        message: 'WebSocket APIs have no gateway responses (REST APIs only)',
        hint: 'remove `gatewayResponses`; answer errors from the $connect authorizer or with a route response',
      }),
    );
  }
  if (has(ctx, `${k}/binaryMediaTypes`))
    out.push(
      issue(ctx, `${k}/binaryMediaTypes`, {
        code: 'websocket-binary-media-types',
        message: 'WebSocket APIs have no binary media types',
        hint: 'remove `binaryMediaTypes`; a WebSocket integration converts payloads with `contentHandling`',
      }),
    );
  const rse = api.routeSelectionExpression;
  if (rse !== undefined) {
    const vars = [...rse.matchAll(/\$\{([^}]*)\}|(?<!\\)\$(request\.[A-Za-z0-9_.\-[\]]+)/g)].map((m) => m[1] ?? m[2]);
    const bad = vars.find((v) => !/^request\.body(\.|\[|$)/.test(v));
    if (bad)
      out.push(
        issue(ctx, `${k}/routeSelectionExpression`, {
          code: 'websocket-route-selection',
          message: `routeSelectionExpression ${rse} selects on ${bad}: WebSocket APIs select routes on the message body`,
          hint: 'use e.g. `$request.body.action`, or `${request.body.type}/${request.body.action}`',
        }),
      );
  }
  for (const [name, a] of Object.entries(api.authorizers)) {
    const key = `${k}/authorizers/${name}`;
    if (a.type !== 'REQUEST') {
      out.push(
        issue(ctx, key, {
          code: 'websocket-authorizer-type',
          message: `authorizer ${name}: WebSocket APIs have REQUEST (Lambda) authorizers only, not ${a.type}`,
          hint:
            a.type === 'JWT'
              ? 'use a REQUEST authorizer whose Lambda checks the token (e.g. from route.request.querystring.token)'
              : 'use type REQUEST with a Lambda authorizerUri',
        }),
      );
      continue;
    }
    if (a.authorizerUri && !LAMBDA_URI.test(a.authorizerUri))
      out.push(
        issue(ctx, key, {
          code: 'websocket-authorizer-uri',
          message: `authorizer ${name}: authorizerUri is not a Lambda invocation URI`,
          hint: 'use arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<function arn>/invocations',
        }),
      );
    for (const s of a.identitySource) {
      if (IDENTITY_SOURCE.test(s)) continue;
      const form = s.startsWith('$request.')
        ? ` (the WebSocket form is ${s.replace(/^\$request\./, 'route.request.')})`
        : s.startsWith('method.request.')
          ? ` (the WebSocket form is ${s.replace(/^method\.request\./, 'route.request.')})`
          : '';
      out.push(
        issue(ctx, key, {
          code: 'websocket-identity-source',
          message: `authorizer ${name}: identity source ${s} is not a WebSocket one${form}`,
          hint: 'use route.request.header.<name>, route.request.querystring.<name>, stageVariables.<name> or context.<name>',
        }),
      );
    }
    if (a.resultTtlSeconds !== undefined || a.identityValidationExpression !== undefined) {
      out.push(
        issue(ctx, key, {
          code: 'websocket-authorizer-cache',
          message: `authorizer ${name}: WebSocket authorizers have no result caching or identity validation expression (AWS: "supported only for HTTP API Lambda authorizers")`,
          hint: 'remove resultTtlSeconds / identityValidationExpression',
        }),
      );
    }
  }
  for (const [name, s] of Object.entries(api.stages)) {
    if (s.cache || has(ctx, `${k}/stages/${name}/cache`))
      out.push(
        issue(ctx, `${k}/stages/${name}/cache`, {
          code: 'websocket-cache',
          message: `stage ${name}: WebSocket APIs have no stage cache`,
          hint: 'remove `cache`',
        }),
      );
    if (has(ctx, `${k}/stages/${name}/canary`))
      out.push(
        issue(ctx, `${k}/stages/${name}/canary`, {
          code: 'websocket-canary',
          message: `stage ${name}: WebSocket APIs have no canary traffic split`,
          hint: 'drop `canary`: apigw-sync rolls WebSocket APIs out by deploying, baking while alarms watch, and rolling back',
        }),
      );
  }
  if (api.rollout && api.rollout.steps.some((p) => p < 100)) {
    out.push(
      issue(ctx, `${k}/rollout/steps`, {
        code: 'websocket-canary',
        message: 'WebSocket APIs cannot send a percentage of traffic (or of connections) to a canary',
        hint: 'set `steps: [100]` (deploy, bake while alarms watch, roll back on alarm), or leave `steps` out',
      }),
    );
  }
  return out;
}

function routeIssues(api: ApiModel, ctx: RuleContext): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const names = Object.keys(api.authorizers);
  const models = Object.keys(api.models);
  for (const [rk, r] of Object.entries(api.wsRoutes)) {
    const base = `${api.key}/routes/${rk}`;
    const push = (sub: string, i: { code: string; message: string; hint: string; severity?: 'warning' }) =>
      out.push(issue(ctx, sub ? `${base}/${sub}` : base, i));
    if (rk.startsWith('$') && !(PREDEFINED_ROUTE_KEYS as readonly string[]).includes(rk)) {
      const guess = didYouMean(rk, [...PREDEFINED_ROUTE_KEYS]);
      push('', {
        code: 'websocket-route-key',
        message: `route key ${rk}: "The provided route key is not formatted properly" (AWS) — only $connect, $disconnect and $default may start with $`,
        hint: guess ? `did you mean ${guess}?` : 'name a custom route without the leading $, e.g. sendmessage',
      });
    }
    if (/\s/.test(rk))
      push('', {
        code: 'websocket-route-key',
        message: `route key "${rk}" has white space`,
        hint: 'use a key without spaces, e.g. sendmessage (it is matched against the value the route selection expression picks)',
      });
    if (r.authorization.type !== 'NONE' && rk !== '$connect') {
      push('authorization', {
        code: 'websocket-authorization',
        message: `${rk}: "Currently, authorization is restricted to the $connect route only" (AWS)`,
        hint: 'move the authorizer (or AWS_IAM) to $connect: a connection is authorized once, when it opens',
      });
    }
    const az = r.authorization.authorizer;
    if (az && !(az in api.authorizers)) {
      const g = didYouMean(az, names);
      push('authorization', {
        code: 'authorizer-undefined',
        message: `${rk} uses authorizer "${az}", which is not defined`,
        hint: `define it in api.yaml \`authorizers:\` (${g ? `did you mean "${g}"?` : names.length ? `defined: ${names.join(', ')}` : 'none is defined'})`,
      });
    }
    if (r.apiKeyRequired && rk !== '$connect') {
      push('apiKeyRequired', {
        severity: 'warning',
        code: 'websocket-api-key-route',
        message: `${rk}: API keys are checked when a client connects, so apiKeyRequired matters on $connect only`,
        hint: 'set apiKeyRequired on $connect and remove it here',
      });
    }
    for (const p of Object.keys(r.requestParameters)) {
      if (!ROUTE_PARAMETER.test(p))
        push('requestParameters', {
          code: 'websocket-request-parameter',
          message: `${rk}: request parameter ${p} is not route.request.header.<name> or route.request.querystring.<name>`,
          hint: 'name a header or query string of the connection request, e.g. route.request.querystring.token',
        });
      else if (rk !== '$connect')
        push('requestParameters', {
          severity: 'warning',
          code: 'websocket-request-parameter',
          message: `${rk}: request parameters come from the connection request, so they are checked on $connect only`,
          hint: 'declare them on $connect',
        });
    }
    for (const [sel, m] of [
      ...Object.entries(r.requestModels),
      ...Object.values(r.responses).flatMap((x) => Object.entries(x.responseModels)),
    ]) {
      if (!models.includes(m))
        push('requestModels', {
          code: 'model-undefined',
          message: `${rk}: ${sel} names model "${m}", which is not defined`,
          hint: `add it under \`models:\` in the routes file${models.length ? ` (defined: ${models.join(', ')})` : ''}`,
        });
    }
    for (const key of Object.keys(r.responses)) {
      if (key !== '$default')
        push(`responses/${key}`, {
          code: 'websocket-route-response-key',
          message: `${rk}: route response key ${key}: "You can only define the $default route response for WebSocket APIs" (AWS)`,
          hint: 'use the key $default',
        });
    }
    if (Object.keys(r.responses).length > 0 && !r.routeResponseSelectionExpression) {
      push('responses', {
        severity: 'warning',
        code: 'websocket-one-way',
        message: `${rk} has a route response but no routeResponseSelectionExpression, so it never answers the client`,
        hint: 'add `routeResponseSelectionExpression: $default` to make the route two-way, or remove `responses`',
      });
    }
    out.push(...integrationIssues(api, ctx, rk, r));
  }
  return out;
}

function integrationIssues(api: ApiModel, ctx: RuleContext, rk: string, r: WebSocketRouteModel): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const base = `${api.key}/routes/${rk}/integration`;
  const i = r.integration;
  const push = (sub: string, x: { code: string; message: string; hint: string }) =>
    out.push(issue(ctx, sub ? `${base}/${sub}` : base, x));
  const { min, max } = TIMEOUT_LIMITS.WebSocketApi;
  if (!Number.isInteger(i.timeoutInMillis) || i.timeoutInMillis < min || i.timeoutInMillis > max) {
    push('timeoutInMillis', {
      code: 'integration-timeout',
      message: `${rk}: integration timeout ${i.timeoutInMillis} ms is outside ${min}–${max} ms for WebSocket APIs`,
      hint: `use a whole number of milliseconds from ${min} to ${max}`,
    });
  }
  if (i.type !== 'MOCK' && !i.uri)
    push('uri', {
      code: 'integration-uri-missing',
      message: `${rk}: a ${i.type.toLowerCase()} integration needs a uri`,
      hint: i.type.startsWith('AWS')
        ? 'set uri to the Lambda invocation ARN (arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<function arn>/invocations)'
        : 'set uri to the backend URL',
    });
  if (i.uri && (i.type === 'AWS' || i.type === 'AWS_PROXY')) {
    if (!LAMBDA_URI.test(i.uri) && !SERVICE_URI.test(i.uri))
      push('uri', {
        code: 'integration-uri',
        message: `${rk}: ${i.uri} is not an API Gateway service URI`,
        hint: 'use arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<function arn>/invocations for a Lambda',
      });
    else if (LAMBDA_URI.test(i.uri) && i.httpMethod && i.httpMethod !== 'POST')
      push('httpMethod', {
        code: 'integration-method',
        message: `${rk}: "if you use a Lambda integration, you must set the integration method to POST" (AWS)`,
        hint: 'remove httpMethod (POST is the default) or set it to POST',
      });
  }
  if (
    i.uri &&
    (i.type === 'HTTP' || i.type === 'HTTP_PROXY') &&
    i.connectionType !== 'VPC_LINK' &&
    !/^https?:\/\/\S+$/.test(i.uri)
  ) {
    push('uri', {
      code: 'integration-uri',
      message: `${rk}: ${i.type.toLowerCase()} integrations need an http(s) URL, not ${i.uri}`,
      hint: 'use e.g. https://backend.example.com/messages',
    });
  }
  if (i.type === 'MOCK' && i.uri)
    push('uri', { code: 'integration-uri', message: `${rk}: a mock integration has no uri`, hint: 'remove uri' });
  if (i.connectionType === 'VPC_LINK' && !i.connectionId)
    push('connectionType', {
      code: 'integration-vpc-link',
      message: `${rk}: a VPC_LINK integration needs a connectionId (a REST API VPC link id)`,
      hint: 'set connectionId, or use connectionType INTERNET',
    });
  for (const p of Object.keys(i.requestParameters)) {
    if (!INTEGRATION_PARAMETER.test(p))
      push('requestParameters', {
        code: 'websocket-integration-parameter',
        message: `${rk}: integration request parameter ${p} is not integration.request.header.<name>, .querystring.<name> or .path.<name>`,
        hint: 'map e.g. integration.request.header.x-user: route.request.querystring.user',
      });
  }
  for (const key of Object.keys(r.integrationResponses)) {
    if (key === '$default') continue;
    const m = /^\/(.+)\/$/.exec(key);
    let ok = m !== null;
    if (m) {
      try {
        new RegExp(m[1]);
      } catch {
        ok = false;
      }
    }
    if (!ok)
      push(`responses/${key}`, {
        code: 'websocket-integration-response-key',
        message: `${rk}: integration response key ${key} is neither $default nor a /regular expression/`,
        hint: 'use $default (the catch-all) or e.g. /4\\d\\d/ to match the status code (or Lambda error message)',
      });
  }
  if (Object.keys(r.integrationResponses).length > 0 && (i.type === 'AWS_PROXY' || i.type === 'HTTP_PROXY')) {
    push('responses', {
      code: 'websocket-proxy-responses',
      message: `${rk}: a ${i.type.toLowerCase()} integration passes its answer through; integration responses apply to aws, http and mock integrations`,
      hint: 'remove `responses`, or use a non-proxy integration type',
    });
  }
  return out;
}
