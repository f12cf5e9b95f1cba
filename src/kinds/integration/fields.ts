import type { FieldTable, Obj, ReadContext, StateColumn } from '../field.js';
import { scalarOps } from '../patch.js';
import type { IntegrationModel, TlsConfigModel } from './model.js';
import {
  obj,
  contentHandlingOf,
  integrationTypeOf,
  passthroughOf,
  someStr,
  statusMaps,
  str,
  strMap,
} from './values.js';

/** x-amazon-apigateway-integration: a member of the extension object; a map or list is written only when it has entries. */
/* eslint-disable @typescript-eslint/no-explicit-any -- one helper for rows of every value type */
const ext = (
  member: string,
  fromExt: (v: unknown) => any,
  emit?: (v: any) => unknown,
): StateColumn<IntegrationModel, any> => ({ ext: member, fromExt, emit });
/* eslint-enable @typescript-eslint/no-explicit-any */
const nonEmpty = (v: object) => (Object.keys(v).length ? (Array.isArray(v) ? [...v] : { ...v }) : undefined);

/** API Gateway's default (and maximum unless raised) integration timeouts. */
export const DEFAULT_TIMEOUT_MS = { RestApi: 29000, HttpApi: 30000, WebSocketApi: 29000 } as const;

export const DEFAULT_PASSTHROUGH = 'WHEN_NO_MATCH';
const PROXY_TYPES = new Set(['HTTP_PROXY', 'AWS_PROXY']);

const upper = (v: unknown) => (typeof v === 'string' && v ? v.toUpperCase() : undefined);

/**
 * Proxy integrations ignore the pass-through behaviour; AWS still reports its default, which the
 * state omits for them (REST `passthroughBehavior`/`type`, WebSocket `PassthroughBehavior`/`IntegrationType`).
 */
function readPassthrough(
  w: Obj,
  pbMember: string,
  typeMember: string,
  declared: IntegrationModel | undefined,
): IntegrationModel['passthroughBehavior'] {
  const pb = ((w[pbMember] as string | undefined) ?? DEFAULT_PASSTHROUGH) as IntegrationModel['passthroughBehavior'];
  return !PROXY_TYPES.has(String(w[typeMember] ?? 'MOCK')) ||
    pb !== DEFAULT_PASSTHROUGH ||
    declared?.passthroughBehavior !== undefined
    ? pb
    : undefined;
}

/** HTTP APIs: AWS_PROXY (Lambda) integrations default to payload format 2.0, the others to 1.0. */
export const defaultPayloadFormat = (type: string) => (type === 'AWS_PROXY' ? '2.0' : '1.0');

/** UpdateIntegration (v2) merges maps: a key left out stays, so a removed key is sent with `gone` (`""`, `{}`). */
function mergedMapUpdate<V>(member: string, gone: V) {
  return (b: Record<string, V> | undefined, a: Record<string, V> | undefined) => ({
    [member]: {
      ...Object.fromEntries(
        Object.keys(b ?? {})
          .filter((k) => !(k in (a ?? {})))
          .map((k) => [k, gone]),
      ),
      ...(a ?? {}),
    },
  });
}

/** The extension's tlsConfig → the model (false / empty settings are AWS's defaults: absent). */
function tlsOf(v: unknown): TlsConfigModel | undefined {
  const o = obj(v);
  const t: TlsConfigModel = {};
  if (o.insecureSkipVerification === true) t.insecureSkipVerification = true;
  if (typeof o.serverNameToVerify === 'string' && o.serverNameToVerify) t.serverNameToVerify = o.serverNameToVerify;
  return Object.keys(t).length ? t : undefined;
}

/**
 * REST: PutIntegration creates it whole; a new type replaces it whole (`INTEGRATION_RECREATE_ON`);
 * other changes are UpdateIntegration patches. HTTP: Create/UpdateIntegration with every member.
 * `responses` are their own kind (integration-response), written after the integration.
 */
export const integrationFields: FieldTable<IntegrationModel> = {
  type: {
    rest: { wire: 'type', default: 'MOCK' },
    http: { wire: 'IntegrationType', default: 'MOCK' },
    ws: { wire: 'IntegrationType', default: 'MOCK' },
    state: ext('type', integrationTypeOf, (v) => v.toLowerCase()),
  },
  uri: {
    rest: { wire: 'uri', omitEmpty: true, path: '/uri' },
    http: { wire: 'IntegrationUri', omitEmpty: true },
    ws: { wire: 'IntegrationUri', omitEmpty: true },
    state: ext('uri', str),
  },
  httpMethod: {
    state: ext('httpMethod', (v) => str(v)?.toUpperCase() || undefined),
    rest: {
      wire: 'httpMethod',
      createAs: 'integrationHttpMethod',
      read: (w) => upper(w.httpMethod),
      path: '/httpMethod',
    },
    http: { wire: 'IntegrationMethod', read: (w) => upper(w.IntegrationMethod) },
    ws: { wire: 'IntegrationMethod', read: (w) => upper(w.IntegrationMethod) },
  },
  passthroughBehavior: {
    state: ext('passthroughBehavior', passthroughOf, (v) => v?.toLowerCase()),
    rest: {
      wire: 'passthroughBehavior',
      path: '/passthroughBehavior',
      read: (w, ctx) => readPassthrough(w, 'passthroughBehavior', 'type', ctx.declared),
    },
    ws: {
      wire: 'PassthroughBehavior',
      read: (w, ctx) => readPassthrough(w, 'PassthroughBehavior', 'IntegrationType', ctx.declared),
    },
  },
  requestParameters: {
    userKeys: true,
    state: ext('requestParameters', strMap, nonEmpty),
    rest: { wire: 'requestParameters', default: {}, path: '/requestParameters', style: 'map' },
    http: { wire: 'RequestParameters', default: {}, omitEmpty: true, update: mergedMapUpdate('RequestParameters', '') },
    ws: { wire: 'RequestParameters', default: {}, omitEmpty: true, update: mergedMapUpdate('RequestParameters', '') },
  },
  requestTemplates: {
    state: ext('requestTemplates', strMap, nonEmpty),
    rest: { wire: 'requestTemplates', default: {}, path: '/requestTemplates', style: 'map' },
    // Kept for HTTP APIs too (read, never written), so validate can refuse them with a useful message.
    http: { wire: 'RequestTemplates', default: {}, create: false },
    ws: { wire: 'RequestTemplates', default: {}, omitEmpty: true },
  },
  responses: {},
  timeoutInMillis: {
    state: ext('timeoutInMillis', (v) =>
      typeof v === 'number' ? v : v === undefined || v === null ? undefined : Number(v),
    ),
    rest: { wire: 'timeoutInMillis', default: DEFAULT_TIMEOUT_MS.RestApi, path: '/timeoutInMillis' },
    http: { wire: 'TimeoutInMillis', default: DEFAULT_TIMEOUT_MS.HttpApi },
    ws: { wire: 'TimeoutInMillis', default: DEFAULT_TIMEOUT_MS.WebSocketApi },
  },
  connectionType: {
    rest: { wire: 'connectionType', default: 'INTERNET', path: '/connectionType' },
    http: { wire: 'ConnectionType', default: 'INTERNET' },
    ws: { wire: 'ConnectionType', default: 'INTERNET' },
    state: ext('connectionType', (v) => (str(v)?.toUpperCase() === 'VPC_LINK' ? 'VPC_LINK' : 'INTERNET')),
  },
  connectionId: {
    state: ext('connectionId', someStr),
    // Read as the link's name instead (below) when the state names the link and AWS's id is that link's.
    rest: {
      read: (w, ctx) => (linkName(w.connectionType, w.connectionId, ctx) ? undefined : someStr(w.connectionId)),
      create: (v) => (v ? { connectionId: v } : {}),
      patch: (b, a, ctx) => (ctx.after.vpcLink ? [] : scalarOps('/connectionId', b, a)),
    },
    http: {
      wire: 'ConnectionId',
      omitEmpty: true,
      read: (w, ctx) => (linkName(w.ConnectionType, w.ConnectionId, ctx) ? undefined : someStr(w.ConnectionId)),
    },
    ws: { wire: 'ConnectionId', omitEmpty: true },
  },
  vpcLink: {
    state: ext('vpcLink', someStr),
    rest: {
      read: (w, ctx) => linkName(w.connectionType, w.connectionId, ctx),
      create: (v, _i, ctx) => (v ? { connectionId: ctx.ids.requireId('vpcLink', v) } : {}),
      patch: (_b, a, ctx) =>
        a ? [{ op: 'replace', path: '/connectionId', value: ctx.ids.requireId('vpcLink', a) }] : [],
    },
    http: {
      read: (w, ctx) => linkName(w.ConnectionType, w.ConnectionId, ctx),
      create: (v, _i, ctx) => (v ? { ConnectionId: ctx.ids.requireId('vpcLink', v) } : {}),
    },
  },
  contentHandling: {
    state: ext('contentHandling', contentHandlingOf),
    rest: { wire: 'contentHandling', omitEmpty: true, path: '/contentHandling' },
    http: { wire: 'ContentHandlingStrategy', omitEmpty: true, create: false },
    ws: { wire: 'ContentHandlingStrategy', omitEmpty: true, clear: '' },
  },
  credentials: {
    rest: { wire: 'credentials', omitEmpty: true, path: '/credentials' },
    http: { wire: 'CredentialsArn', omitEmpty: true },
    ws: { wire: 'CredentialsArn', omitEmpty: true, clear: '' },
    state: ext('credentials', someStr),
  },
  cacheKeyParameters: {
    state: ext('cacheKeyParameters', (v) => (Array.isArray(v) ? v.map(String) : undefined), nonEmpty),
    rest: { wire: 'cacheKeyParameters', default: [], omitEmpty: true, path: '/cacheKeyParameters', style: 'set' },
    http: { read: () => [], create: false },
    ws: { read: () => [], create: false },
  },
  responseParameters: {
    state: ext('responseParameters', statusMaps),
    http: {
      read: (w) => statusMaps(w.ResponseParameters),
      create: (v) => ({ ResponseParameters: v }),
      update: mergedMapUpdate<Record<string, string>>('ResponseParameters', {}),
    },
  },
  tlsConfig: {
    state: ext('tlsConfig', tlsOf),
    rest: {
      read: (w) => tlsOf(w.tlsConfig),
      create: (v) => ({ tlsConfig: v?.insecureSkipVerification ? { insecureSkipVerification: true } : undefined }),
      patch: (_b, a) => [
        {
          op: 'replace',
          path: '/tlsConfig/insecureSkipVerification',
          value: String(a?.insecureSkipVerification === true),
        },
      ],
    },
    http: {
      read: (w) => tlsOf({ serverNameToVerify: obj(w.TlsConfig).ServerNameToVerify }),
      create: (v) => ({ TlsConfig: v?.serverNameToVerify ? { ServerNameToVerify: v.serverNameToVerify } : undefined }),
      update: (_b, a) => ({ TlsConfig: { ServerNameToVerify: a?.serverNameToVerify ?? '' } }),
    },
  },
  payloadFormatVersion: {
    state: ext('payloadFormatVersion', str),
    http: {
      wire: 'PayloadFormatVersion',
      read: (w: Obj) =>
        (w.PayloadFormatVersion as string | undefined) ?? defaultPayloadFormat(String(w.IntegrationType ?? 'MOCK')),
      create: (v, i) => ({ PayloadFormatVersion: v ?? defaultPayloadFormat(i.type) }),
    },
  },
  templateSelectionExpression: {
    ws: { wire: 'TemplateSelectionExpression', omitEmpty: true, clear: '' },
    state: ext('templateSelectionExpression', someStr),
  },
};

/**
 * The VPC link's name for an integration AWS reports with a link id, when the state names its
 * link (`vpcLink`) and the id is a link of this directory's; otherwise the id stays an id.
 */
function linkName(type: unknown, id: unknown, ctx: ReadContext<IntegrationModel>): string | undefined {
  if (type !== 'VPC_LINK' || typeof id !== 'string' || !id || ctx.declared?.vpcLink === undefined) return undefined;
  return ctx.nameOf?.('vpcLink', id);
}

/** REST fields UpdateIntegration cannot change: a new value replaces the integration (PutIntegration). */
export const INTEGRATION_RECREATE_ON: ReadonlyArray<keyof IntegrationModel> = ['type'];
