/**
 * `x-amazon-apigateway-integration` both ways. In: the extension (or a service file's
 * integration defaults) → the normalized IntegrationModel: AWS enum spellings, explicit AWS
 * defaults, maps present. Out: the model → the extension as API Gateway exports it.
 */
import type { ApiKind } from '../api/model.js';
import type { IntegrationResponseModel } from '../integration-response/model.js';
import { DEFAULT_TIMEOUT_MS } from './fields.js';
import type { IntegrationModel, IntegrationType } from './model.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
const strMap = (v: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries(obj(v)).filter(([, x]) => x !== null && x !== undefined).map(([k, x]) => [k, String(x)]));

const TYPES: readonly IntegrationType[] = ['HTTP', 'HTTP_PROXY', 'AWS', 'AWS_PROXY', 'MOCK'];

export function integrationTypeOf(v: unknown): IntegrationType | undefined {
  const t = str(v)?.toUpperCase();
  return TYPES.find((x) => x === t);
}

function contentHandling(v: unknown): IntegrationModel['contentHandling'] {
  const s = str(v)?.toUpperCase();
  return s === 'CONVERT_TO_BINARY' || s === 'CONVERT_TO_TEXT' ? s : undefined;
}

function passthrough(v: unknown): IntegrationModel['passthroughBehavior'] {
  const s = str(v)?.toUpperCase();
  return s === 'WHEN_NO_MATCH' || s === 'WHEN_NO_TEMPLATES' || s === 'NEVER' ? s : undefined;
}

/**
 * Normalizes an integration object in the extension's shape. `routeMethod` fills the
 * backend method of proxy integrations that omit it (API Gateway needs one).
 */
export function normalizeIntegration(raw: unknown, opts: { kind: ApiKind; routeMethod: string }): IntegrationModel {
  const x = obj(raw);
  const type = integrationTypeOf(x.type) ?? 'HTTP_PROXY';
  const rest = opts.kind === 'RestApi';
  const m: IntegrationModel = {
    type,
    requestParameters: strMap(x.requestParameters),
    // Kept for HTTP APIs too, so the validator can reject them there with a useful message.
    requestTemplates: strMap(x.requestTemplates),
    responses: {},
    timeoutInMillis: typeof x.timeoutInMillis === 'number' ? x.timeoutInMillis : Number(x.timeoutInMillis ?? DEFAULT_TIMEOUT_MS[opts.kind]),
    connectionType: str(x.connectionType)?.toUpperCase() === 'VPC_LINK' ? 'VPC_LINK' : 'INTERNET',
    cacheKeyParameters: Array.isArray(x.cacheKeyParameters) ? x.cacheKeyParameters.map(String) : [],
  };
  const uri = str(x.uri);
  if (uri !== undefined) m.uri = uri;
  const method = str(x.httpMethod ?? x.integrationMethod)?.toUpperCase();
  if (method) m.httpMethod = method;
  else if (type === 'AWS_PROXY' || type === 'AWS') m.httpMethod = 'POST';
  else if (type !== 'MOCK') m.httpMethod = opts.routeMethod;
  if (rest && type !== 'HTTP_PROXY' && type !== 'AWS_PROXY') m.passthroughBehavior = passthrough(x.passthroughBehavior) ?? 'WHEN_NO_MATCH';
  else if (rest && passthrough(x.passthroughBehavior)) m.passthroughBehavior = passthrough(x.passthroughBehavior);
  const connId = str(x.connectionId);
  if (connId) m.connectionId = connId;
  const ch = contentHandling(x.contentHandling);
  if (ch) m.contentHandling = ch;
  const cred = str(x.credentials);
  if (cred) m.credentials = cred;
  if (!rest) m.payloadFormatVersion = str(x.payloadFormatVersion) ?? (type === 'AWS_PROXY' ? '2.0' : '1.0');
  if (rest) {
    for (const [pattern, r] of Object.entries(obj(x.responses))) {
      const rr = obj(r);
      const resp: IntegrationResponseModel = {
        statusCode: str(rr.statusCode) ?? '200',
        responseParameters: strMap(rr.responseParameters),
        responseTemplates: strMap(rr.responseTemplates),
      };
      const rch = contentHandling(rr.contentHandling);
      if (rch) resp.contentHandling = rch;
      m.responses[pattern] = resp;
    }
  }
  return m;
}

/** Out: the model → `x-amazon-apigateway-integration` as API Gateway exports it (loads back to the same model). */
export function emitIntegration(i: IntegrationModel, opts: { rest: boolean }): Obj {
  const x: Obj = { type: i.type.toLowerCase() };
  if (i.uri !== undefined) x.uri = i.uri;
  if (i.httpMethod !== undefined) x.httpMethod = i.httpMethod;
  if (opts.rest && i.passthroughBehavior !== undefined) x.passthroughBehavior = i.passthroughBehavior.toLowerCase();
  if (Object.keys(i.requestParameters).length) x.requestParameters = { ...i.requestParameters };
  if (Object.keys(i.requestTemplates).length) x.requestTemplates = { ...i.requestTemplates };
  if (Object.keys(i.responses).length) {
    x.responses = Object.fromEntries(
      Object.entries(i.responses).map(([pattern, r]) => {
        const o: Obj = { statusCode: r.statusCode };
        if (Object.keys(r.responseParameters).length) o.responseParameters = { ...r.responseParameters };
        if (Object.keys(r.responseTemplates).length) o.responseTemplates = { ...r.responseTemplates };
        if (r.contentHandling) o.contentHandling = r.contentHandling;
        return [pattern, o];
      }),
    );
  }
  x.timeoutInMillis = i.timeoutInMillis;
  x.connectionType = i.connectionType;
  if (i.connectionId !== undefined) x.connectionId = i.connectionId;
  if (i.contentHandling !== undefined) x.contentHandling = i.contentHandling;
  if (i.credentials !== undefined) x.credentials = i.credentials;
  if (i.cacheKeyParameters.length) x.cacheKeyParameters = [...i.cacheKeyParameters];
  if (i.payloadFormatVersion !== undefined) x.payloadFormatVersion = i.payloadFormatVersion;
  return x;
}

