import type { FieldTable, Obj } from '../field.js';
import { deepEqual } from '../../model/canonical.js';
import type { ApiHeaderModel, CorsModel } from './model.js';
import { compactPolicy, livePolicy, policyDocument, policyText, policyTightened } from './policy.js';

/** The API's fields: its header without `kind` (the API's identity, not a field). */
export type ApiFieldsModel = Omit<ApiHeaderModel, 'kind'>;
type Header = ApiFieldsModel;

/** What AWS (and the state, when it says nothing) takes for a WebSocket API. */
export const WEBSOCKET_DEFAULTS = {
  routeSelectionExpression: '$request.body.action',
  apiKeySelectionExpression: '$request.header.x-api-key',
} as const;

const corsInput = (c: CorsModel) => ({
  AllowOrigins: c.allowOrigins,
  AllowMethods: c.allowMethods,
  AllowHeaders: c.allowHeaders,
  ExposeHeaders: c.exposeHeaders,
  AllowCredentials: c.allowCredentials,
  MaxAge: c.maxAge,
});

function corsOf(c: Obj | undefined): CorsModel | undefined {
  if (!c) return undefined;
  const list = (v: unknown) => [...((v as string[] | undefined) ?? [])];
  const m: CorsModel = {
    allowOrigins: list(c.AllowOrigins),
    allowMethods: list(c.AllowMethods),
    allowHeaders: list(c.AllowHeaders),
    exposeHeaders: list(c.ExposeHeaders),
  };
  if (c.AllowCredentials !== undefined) m.allowCredentials = c.AllowCredentials as boolean;
  if (c.MaxAge !== undefined) m.maxAge = c.MaxAge as number;
  return m;
}

/** api.yaml or x-amazon-apigateway-cors (same member names) → the model, which always has all four lists. */
function corsModel(v: unknown): CorsModel | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const c = v as Obj;
  const list = (x: unknown) => (Array.isArray(x) ? x.map(String) : []);
  const m: CorsModel = {
    allowOrigins: list(c.allowOrigins),
    allowMethods: list(c.allowMethods),
    allowHeaders: list(c.allowHeaders),
    exposeHeaders: list(c.exposeHeaders),
  };
  if (typeof c.allowCredentials === 'boolean') m.allowCredentials = c.allowCredentials;
  if (typeof c.maxAge === 'number') m.maxAge = c.maxAge;
  return m;
}

/** The endpoint configuration extension's member `name` (OpenAPI 3: on the server object; Swagger 2: top level). */
const endpointConfiguration = <T>(name: string, of: (v: unknown) => T | undefined) => ({
  ext: 'x-amazon-apigateway-endpoint-configuration',
  at: 'server' as const,
  fromExt: (v: unknown) => (typeof v === 'object' && v !== null ? of((v as Obj)[name]) : undefined),
  emitTo: 'openapi' as const,
});

const sortedIds = (v: unknown): string[] | undefined =>
  Array.isArray(v) && v.length ? v.map(String).sort() : undefined;

function corsNarrowed(b: CorsModel, a: CorsModel | undefined): boolean {
  if (!a) return true;
  const lost = (x: string[], y: string[]) => x.some((v) => !y.includes(v) && !y.includes('*'));
  return (
    lost(b.allowOrigins, a.allowOrigins) || lost(b.allowMethods, a.allowMethods) || lost(b.allowHeaders, a.allowHeaders)
  );
}

const ENDPOINT_TYPE: FieldTable<Header>['endpointType'] = {
  rest: {
    read: (w) =>
      ((w.endpointConfiguration as { types?: string[] } | undefined)?.types?.[0] ??
        'EDGE') as ApiHeaderModel['endpointType'],
    create: (v) => ({ endpointConfiguration: v ? { types: [v] } : undefined }),
    patch: (b, a) =>
      a && b && b !== a ? [{ op: 'replace', path: `/endpointConfiguration/types/${b}`, value: a }] : [],
  },
  // HTTP APIs have no endpoint configuration in AWS (always regional): the state's word stands.
  http: { read: (_w, ctx) => ctx.declared?.endpointType, create: false },
  // REST: what the state omits is EDGE, what CreateRestApi and ImportRestApi create (adopting an API AWS imported shows no change).
  state: {
    load: (file, _f, flavour) => (flavour === 'RestApi' ? (file ?? 'EDGE') : file),
    emit: (v, flavour) => (flavour === 'RestApi' && v !== 'EDGE' ? v : undefined),
  },
  breaking: (b, a) =>
    b.endpointType && a.endpointType && b.endpointType !== a.endpointType ? 'endpoint type changed' : undefined,
};

/**
 * The API's own fields (REST: CreateRestApi / UpdateRestApi patch; HTTP: CreateApi /
 * UpdateApi). `kind` is the API's identity, not a field: changing it replaces the API.
 */
export const apiFields: FieldTable<Header> = {
  name: {
    rest: { wire: 'name', default: '', path: '/name' },
    http: { wire: 'Name', default: '' },
    ws: { wire: 'Name', default: '' },
    state: {},
  },
  description: {
    rest: { wire: 'description', omitEmpty: true, path: '/description' },
    http: { wire: 'Description', omitEmpty: true, clear: '' },
    ws: { wire: 'Description', omitEmpty: true, clear: '' },
    // api.yaml, else `info.description` of the API's one OpenAPI file (what ImportRestApi / ImportApi take; a WebSocket API has none).
    state: {
      ext: 'description',
      at: 'info',
      oneFile: true,
      fromExt: (v) => (typeof v === 'string' && v !== '' ? v : undefined),
      emitTo: 'openapi',
    },
  },
  endpointType: ENDPOINT_TYPE,
  binaryMediaTypes: {
    state: {
      ext: 'x-amazon-apigateway-binary-media-types',
      fromExt: (v) => (Array.isArray(v) ? v.map(String) : undefined),
      merge: (a, b) => [...a, ...b.filter((t) => !a.includes(t))],
      load: (file = [], fromFiles = []) => [...file, ...fromFiles.filter((t) => !file.includes(t))],
      emit: (v) => (v.length ? [...v] : undefined),
      emitTo: 'openapi',
    },
    rest: { wire: 'binaryMediaTypes', default: [], omitEmpty: true, path: '/binaryMediaTypes', style: 'set' },
    http: { read: () => [], create: false },
    ws: { read: () => [], create: false },
    redeploy: (b, a, flavour) =>
      flavour === 'RestApi' && !deepEqual([...b.binaryMediaTypes].sort(), [...a.binaryMediaTypes].sort())
        ? 'binary media types changed'
        : undefined,
  },
  apiKeySource: {
    rest: { wire: 'apiKeySource', default: 'HEADER', path: '/apiKeySource' },
    state: {
      ext: 'x-amazon-apigateway-api-key-source',
      fromExt: (v) => {
        const s = typeof v === 'string' ? v.toUpperCase() : undefined;
        return s === 'HEADER' || s === 'AUTHORIZER' ? s : undefined;
      },
      load: (file, fromFiles, flavour) => (flavour === 'RestApi' ? (file ?? fromFiles ?? 'HEADER') : undefined),
      emit: (v, flavour) => (flavour === 'RestApi' && v !== 'HEADER' ? v : undefined),
      emitTo: 'openapi',
    },
  },
  disableExecuteApiEndpoint: {
    state: {
      ...endpointConfiguration('disableExecuteApiEndpoint', (v) => (typeof v === 'boolean' ? v : undefined)),
      load: (file, fromFiles) => file ?? fromFiles ?? false,
      emit: (v) => (v ? { disableExecuteApiEndpoint: true } : undefined),
    },
    rest: { wire: 'disableExecuteApiEndpoint', default: false, path: '/disableExecuteApiEndpoint' },
    http: { wire: 'DisableExecuteApiEndpoint', default: false, clear: false },
    ws: { wire: 'DisableExecuteApiEndpoint', default: false, clear: false },
    redeploy: (b, a, flavour) =>
      flavour === 'RestApi' && Boolean(b.disableExecuteApiEndpoint) !== Boolean(a.disableExecuteApiEndpoint)
        ? 'execute-api endpoint setting changed'
        : undefined,
    breaking: (b, a) =>
      !b.disableExecuteApiEndpoint && a.disableExecuteApiEndpoint ? 'default execute-api endpoint disabled' : undefined,
  },
  vpcEndpointIds: {
    rest: {
      read: (w) => sortedIds((w.endpointConfiguration as Obj | undefined)?.vpcEndpointIds),
      create: (v) => (v?.length ? { endpointConfiguration: { vpcEndpointIds: [...v] } } : {}),
      // UpdateRestApi takes the id as the value (`add /endpointConfiguration/vpcEndpointIds vpce-…`).
      patch: (b = [], a = []) => [
        ...a
          .filter((id) => !b.includes(id))
          .map((value) => ({ op: 'add' as const, path: '/endpointConfiguration/vpcEndpointIds', value })),
        ...b
          .filter((id) => !a.includes(id))
          .map((value) => ({ op: 'remove' as const, path: '/endpointConfiguration/vpcEndpointIds', value })),
      ],
    },
    state: {
      ...endpointConfiguration('vpcEndpointIds', sortedIds),
      load: (file, fromFiles) => sortedIds(file) ?? fromFiles,
      emit: (v) => (v?.length ? { vpcEndpointIds: [...v] } : undefined),
    },
    breaking: (b, a) =>
      (b.vpcEndpointIds ?? []).some((id) => !(a.vpcEndpointIds ?? []).includes(id))
        ? 'VPC endpoint association removed'
        : undefined,
  },
  policy: {
    rest: {
      read: (w, ctx) => livePolicy(w.policy, String(w.id ?? ''), ctx.declared?.policy),
      create: (v) => ({ policy: v === undefined ? undefined : compactPolicy(v) }),
      // `replace /policy ""` removes it.
      patch: (_b, a) => [{ op: 'replace', path: '/policy', value: a === undefined ? '' : compactPolicy(a) }],
    },
    state: {
      ext: 'x-amazon-apigateway-policy',
      fromExt: policyText,
      load: (file, fromFiles) => (file !== undefined ? policyText(file) : fromFiles),
      emit: (v) => (v === undefined ? undefined : policyDocument(v)),
      emitTo: 'openapi',
    },
    // AWS: "after you update the resource policy, you need to deploy the API".
    redeploy: (b, a, flavour) =>
      flavour === 'RestApi' && b.policy !== a.policy ? 'resource policy changed' : undefined,
    breaking: (b, a) => policyTightened(b.policy, a.policy),
  },
  minimumCompressionSize: {
    rest: { wire: 'minimumCompressionSize', path: '/minimumCompressionSize' },
    state: {
      ext: 'x-amazon-apigateway-minimum-compression-size',
      fromExt: (v) => (typeof v === 'number' ? v : undefined),
      emitTo: 'openapi',
    },
    redeploy: (b, a, flavour) =>
      flavour === 'RestApi' && b.minimumCompressionSize !== a.minimumCompressionSize
        ? 'minimum compression size changed'
        : undefined,
  },
  cors: {
    http: {
      read: (w) => corsOf(w.CorsConfiguration as Obj | undefined),
      create: (v) => ({ CorsConfiguration: v ? corsInput(v) : undefined }),
      // Removing CORS is DeleteCorsConfiguration, not an UpdateApi member (see the HTTP executor).
      update: (_b, a) => (a ? { CorsConfiguration: corsInput(a) } : {}),
    },
    state: {
      // api.yaml (or the extension) may leave any list out: the model always has all four.
      ext: 'x-amazon-apigateway-cors',
      fromExt: corsModel,
      load: (file, fromFiles) => (file !== undefined ? corsModel(file) : fromFiles),
      emit: (cors) => {
        const c = cors!;
        const o: Obj = {};
        for (const k of ['allowOrigins', 'allowMethods', 'allowHeaders', 'exposeHeaders'] as const)
          if (c[k].length) o[k] = [...c[k]];
        if (c.allowCredentials !== undefined) o.allowCredentials = c.allowCredentials;
        if (c.maxAge !== undefined) o.maxAge = c.maxAge;
        return o;
      },
      emitTo: 'openapi',
    },
    breaking: (b, a) => (b.cors && corsNarrowed(b.cors, a.cors) ? 'CORS narrowed' : undefined),
  },
  routeSelectionExpression: {
    // AWS requires one for a WebSocket API; the state's default is the one AWS's guide uses.
    ws: { wire: 'RouteSelectionExpression' },
    state: {
      load: (file, _f, flavour) =>
        flavour === 'WebSocketApi' ? (file ?? WEBSOCKET_DEFAULTS.routeSelectionExpression) : file,
      emit: (v) => (v === WEBSOCKET_DEFAULTS.routeSelectionExpression ? undefined : v),
    },
    redeploy: (b, a, flavour) =>
      flavour === 'WebSocketApi' && b.routeSelectionExpression !== a.routeSelectionExpression
        ? 'route selection expression changed'
        : undefined,
    breaking: (b, a) =>
      b.routeSelectionExpression !== a.routeSelectionExpression
        ? 'messages are routed by another expression'
        : undefined,
  },
  apiKeySelectionExpression: {
    ws: { wire: 'ApiKeySelectionExpression', default: WEBSOCKET_DEFAULTS.apiKeySelectionExpression },
    state: {
      load: (file, _f, flavour) =>
        flavour === 'WebSocketApi' ? (file ?? WEBSOCKET_DEFAULTS.apiKeySelectionExpression) : file,
      emit: (v) => (v === WEBSOCKET_DEFAULTS.apiKeySelectionExpression ? undefined : v),
    },
    redeploy: (b, a, flavour) =>
      flavour === 'WebSocketApi' && b.apiKeySelectionExpression !== a.apiKeySelectionExpression
        ? 'API key selection expression changed'
        : undefined,
    breaking: (b, a) =>
      b.apiKeySelectionExpression !== a.apiKeySelectionExpression ? 'API keys are read from another place' : undefined,
  },
  disableSchemaValidation: {
    ws: { wire: 'DisableSchemaValidation', default: false, clear: false },
    state: {
      load: (file, _f, flavour) => (flavour === 'WebSocketApi' ? (file ?? false) : file),
      emit: (v) => (v ? true : undefined),
    },
  },
};
