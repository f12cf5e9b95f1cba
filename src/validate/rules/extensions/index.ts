/**
 * The extension rules: every `x-amazon-apigateway-*` key of an API's OpenAPI files is
 * looked up in the catalog (unknown → error with a suggestion; for the other kind of API,
 * refused, or not managed yet → said so, never silently ignored), and its value is checked
 * the way API Gateway checks it, so apply does not meet the refusal half-way through.
 */
import type { ApiModel, OpenApiKind } from '../../../model/api.js';
import type { ValidationIssue } from '../../../model/issue.js';
import type { SourceLocation } from '../../../model/errors.js';
import { locateIn, type SourceDoc } from '../../../state/yaml-source.js';
import { didYouMean } from '../../../state/did-you-mean.js';
import { at, issue, type ApiRule } from '../context.js';
import { EXTENSION_BY_NAME, EXTENSION_KEYS, type ExtensionEntry } from './catalog.js';
import { checkGatewayResponses } from './gateway-responses.js';
import {
  checkCorsExtension,
  checkHttpResponseParameters,
  checkImportExportVersion,
  corsProblems,
  REQUEST_KEY_HINT,
  requestParameterKeyProblem,
} from './http-settings.js';
import {
  checkApiKeySource,
  checkBinaryMediaTypes,
  checkCompressionSize,
  checkEndpointConfiguration,
  checkPolicy,
  privateWithoutPolicy,
} from './rest-settings.js';
import { docIssue, isObj, scanExtensions, type Occurrence } from './scan.js';

type OpenApiModel = ApiModel & { kind: OpenApiKind };
const isOpenApiKind = (api: ApiModel): api is OpenApiModel => api.kind !== 'WebSocketApi';

/** What one API's scan learns on the way (for the model checks after it). */
interface Scan {
  /** Where the AWS service integrations (refused as a whole) are declared, as file:line:col. */
  serviceIntegrations: Set<string>;
}

type Check = (src: SourceDoc, occ: Occurrence, api: OpenApiModel, scan: Scan) => ValidationIssue[];

const VALUE_CHECKS: Record<string, Check> = {
  'x-amazon-apigateway-gateway-responses': checkGatewayResponses,
  'x-amazon-apigateway-policy': checkPolicy,
  'x-amazon-apigateway-endpoint-configuration': checkEndpointConfiguration,
  'x-amazon-apigateway-minimum-compression-size': checkCompressionSize,
  'x-amazon-apigateway-api-key-source': checkApiKeySource,
  'x-amazon-apigateway-binary-media-types': checkBinaryMediaTypes,
  'x-amazon-apigateway-cors': checkCorsExtension,
  'x-amazon-apigateway-importexport-version': checkImportExportVersion,
  'x-amazon-apigateway-auth': checkAuth,
  'x-amazon-apigateway-tag-value': (src, occ) =>
    typeof occ.value === 'string'
      ? []
      : [
          docIssue(src, occ.path, {
            key: false,
            code: 'tag-value-invalid',
            message: 'x-amazon-apigateway-tag-value must be a string',
            hint: 'quote the value',
          }),
        ],
  'x-amazon-apigateway-integration': (src, occ, api, scan) => integrationMembers(src, occ.path, occ.value, api, scan),
  'x-amazon-apigateway-integrations': (src, occ, api, scan) =>
    Object.entries(isObj(occ.value) ? occ.value : {}).flatMap(([name, i]) =>
      integrationMembers(src, [...occ.path, name], i, api, scan),
    ),
};

/** Refusals a model rule already reports (at the same place): not said twice. */
const REPORTED_BY_MODEL_RULES: Record<string, ReadonlySet<string>> = {
  HttpApi: new Set(['x-amazon-apigateway-request-validator', 'x-amazon-apigateway-request-validators']),
  RestApi: new Set(),
};

const OTHER_KIND = { RestApi: 'HTTP', HttpApi: 'REST' } as const;

function statusIssue(
  src: SourceDoc,
  path: ReadonlyArray<string | number>,
  entry: ExtensionEntry,
  api: OpenApiModel,
): ValidationIssue | undefined {
  const status = entry.status[api.kind];
  const why = entry.reason ? `: ${entry.reason}` : '';
  switch (status) {
    case 'managed':
      return undefined;
    case 'n/a':
      return docIssue(src, path, {
        code: 'extension-not-for-kind',
        message: `${entry.name} applies to ${OTHER_KIND[api.kind]} APIs only; AWS ignores it on a ${api.kind}`,
        hint: 'remove it (or change `kind` in api.yaml)',
      });
    case 'refused':
      return docIssue(src, path, {
        code: 'extension-refused',
        message: `${entry.name} is not managed by apigw-sync${why}`,
        hint: 'remove it from the OpenAPI file',
      });
    case 'pending-error':
      return docIssue(src, path, {
        code: 'extension-not-managed',
        message: `${entry.name} is not managed by apigw-sync yet${why}`,
        hint: 'remove it until apigw-sync manages it (docs/extensions.md lists the status of every extension)',
      });
    case 'pending-warning':
      return docIssue(src, path, {
        severity: 'warning',
        code: 'extension-not-managed',
        message: `${entry.name} is not managed by apigw-sync yet${why}`,
        hint: 'nothing to change in gateway-state; until apigw-sync manages it, change this setting in AWS (docs/extensions.md)',
      });
  }
}

function checkOccurrence(src: SourceDoc, occ: Occurrence, api: OpenApiModel, scan: Scan): ValidationIssue[] {
  const entry = EXTENSION_BY_NAME.get(occ.name);
  if (!entry || occ.name.includes('.')) {
    const near = didYouMean(occ.name, EXTENSION_KEYS);
    return [
      docIssue(src, occ.path, {
        code: 'extension-unknown',
        message: `${occ.name} is not an API Gateway extension`,
        hint: near ? `did you mean ${near}?` : 'see docs/extensions.md for the extensions API Gateway documents',
      }),
    ];
  }
  if (REPORTED_BY_MODEL_RULES[api.kind].has(occ.name)) return [];
  const status = statusIssue(src, occ.path, entry, api);
  if (entry.status[api.kind] === 'n/a' || entry.status[api.kind] === 'refused') return status ? [status] : [];
  return [...(status ? [status] : []), ...(VALUE_CHECKS[occ.name]?.(src, occ, api, scan) ?? [])];
}

const where = (l: SourceLocation) => `${l.file}:${l.line}:${l.column}`;

/** Members of an integration object that AWS documents separately, or that apigw-sync does not model. */
function integrationMembers(
  src: SourceDoc,
  path: ReadonlyArray<string | number>,
  value: unknown,
  api: OpenApiModel,
  scan: Scan,
): ValidationIssue[] {
  if (!isObj(value)) return [];
  const out: ValidationIssue[] = [];
  const member = (name: string) => {
    const entry = EXTENSION_BY_NAME.get(`x-amazon-apigateway-integration.${name}`);
    const i = entry && statusIssue(src, [...path, name], entry, api);
    if (i) out.push(i);
  };
  if (value.tlsConfig !== undefined) member('tlsConfig');
  if (api.kind === 'HttpApi') {
    if (value.responseParameters !== undefined) {
      member('responseParameters');
      out.push(...checkHttpResponseParameters(src, [...path, 'responseParameters'], value.responseParameters));
    }
    if (value.integrationSubtype !== undefined) {
      scan.serviceIntegrations.add(where(locateIn(src, path, { key: true })));
      out.push(
        docIssue(src, [...path, 'integrationSubtype'], {
          code: 'http-integration-subtype',
          message: `AWS service integrations (integrationSubtype ${JSON.stringify(value.integrationSubtype)}) are not managed by apigw-sync; apply would create a Lambda integration instead`,
          hint: 'front the AWS service with a Lambda function (aws_proxy), or manage this route outside gateway-state',
        }),
      );
    }
  }
  return out;
}

function checkAuth(src: SourceDoc, occ: Occurrence): ValidationIssue[] {
  const type = isObj(occ.value) ? occ.value.type : undefined;
  if (typeof type === 'string' && ['NONE', 'AWS_IAM'].includes(type.toUpperCase())) return [];
  return [
    docIssue(src, occ.path, {
      code: 'auth-type-invalid',
      message: `x-amazon-apigateway-auth type ${JSON.stringify(type)} is neither NONE nor AWS_IAM`,
      hint: 'use { type: AWS_IAM } (IAM permissions) or { type: NONE } (open access)',
    }),
  ];
}

export const extensionRules: ApiRule = (api, ctx) => {
  // WebSocket APIs have no OpenAPI documents, so no extensions.
  if (!isOpenApiKind(api)) return [];
  const docs = ctx.documents?.[api.key] ?? [];
  const out: ValidationIssue[] = [];
  const scan: Scan = { serviceIntegrations: new Set() };
  for (const src of docs)
    for (const occ of scanExtensions(src.value)) out.push(...checkOccurrence(src, occ, api, scan));
  out.push(...privateWithoutPolicy(api, docs, () => at(ctx, `${api.key}/endpointType`)));
  if (api.kind === 'HttpApi') {
    // CORS declared in api.yaml (managed): the same refusals as the extension.
    for (const p of corsProblems(api.cors ?? {}))
      out.push(issue(ctx, `${api.key}/cors`, { code: p.code, message: p.message, hint: p.hint }));
    for (const [rk, r] of Object.entries(api.routes)) {
      const keys = Object.keys(r.integration.requestParameters);
      // A service integration takes the service's parameter names; it is refused as a whole above.
      if (
        keys.length === 0 ||
        (scan.serviceIntegrations.size > 0 &&
          scan.serviceIntegrations.has(where(at(ctx, `${api.key}/routes/${rk}/integration`))))
      )
        continue;
      for (const key of keys) {
        const problem = requestParameterKeyProblem(key);
        if (problem)
          out.push(
            issue(ctx, `${api.key}/routes/${rk}/integration/requestParameters`, {
              code: 'http-request-parameter',
              message: `${rk}: ${problem}`,
              hint: REQUEST_KEY_HINT,
            }),
          );
      }
    }
  }
  return out;
};
