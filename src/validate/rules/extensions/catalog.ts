/**
 * Every `x-amazon-apigateway-*` extension AWS documents ("OpenAPI extensions for API
 * Gateway", developer guide), and what apigw-sync does with it, per kind of API:
 *
 * - `managed`: loaded into the model, applied, read back, drift-checked, imported.
 * - `refused`: `validate` reports an error (with the reason) — apigw-sync will not manage it.
 * - `pending-warning` / `pending-error`: not read yet; `validate` says so (an error where
 *   ignoring it would weaken access control or make apply undo it on the live API). These
 *   become `managed` when the kind modules of issue 12 land.
 * - `n/a`: AWS defines it only for the other kind of API; `validate` reports an error.
 *
 * docs/extensions.md shows this table; test/unit/validate/extensions-doc.test.ts keeps the two equal.
 */
import type { OpenApiKind } from '../../../model/api.js';

export type ExtensionStatus = 'managed' | 'refused' | 'pending-warning' | 'pending-error' | 'n/a';

export interface ExtensionEntry {
  /** The extension key, or `<extension>.<member>` for the sub-objects AWS documents separately. */
  name: string;
  /** WebSocket APIs have no OpenAPI form, so no extensions. */
  status: Record<OpenApiKind, ExtensionStatus>;
  /** Why it is refused / pending / not applicable (shown in validate's message and in the docs). */
  reason?: string;
  /** The status once the kind modules of issue 12 land, where it is not simply "pending → managed". */
  afterToolSide?: ExtensionStatus;
}

const both = (s: ExtensionStatus): Record<OpenApiKind, ExtensionStatus> => ({ RestApi: s, HttpApi: s });
const rest = (s: ExtensionStatus): Record<OpenApiKind, ExtensionStatus> => ({ RestApi: s, HttpApi: 'n/a' });
const http = (s: ExtensionStatus): Record<OpenApiKind, ExtensionStatus> => ({ RestApi: 'n/a', HttpApi: s });

export const EXTENSIONS: readonly ExtensionEntry[] = [
  { name: 'x-amazon-apigateway-any-method', status: both('managed') },
  {
    name: 'x-amazon-apigateway-cors',
    status: http('managed'),
    reason: "the API's CORS configuration (api.yaml `cors:` is the same setting)",
  },
  { name: 'x-amazon-apigateway-api-key-source', status: rest('managed') },
  {
    name: 'x-amazon-apigateway-auth',
    status: both('managed'),
    reason:
      "`{type: AWS_IAM}` or `{type: NONE}` on an operation; import writes IAM authorization as API Gateway's exports do (a `sigv4` security scheme)",
  },
  { name: 'x-amazon-apigateway-authorizer', status: both('managed') },
  { name: 'x-amazon-apigateway-authtype', status: both('managed') },
  { name: 'x-amazon-apigateway-binary-media-types', status: rest('managed') },
  {
    name: 'x-amazon-apigateway-documentation',
    status: both('refused'),
    reason:
      'documentation parts only take effect through documentation versions published to a stage, change nothing a client of the API sees, and exist for REST APIs only; keep documentation in the OpenAPI description/summary fields (which apigw-sync leaves alone) or publish it outside gateway-state',
  },
  {
    name: 'x-amazon-apigateway-endpoint-access-mode',
    status: rest('refused'),
    reason:
      'endpoint access modes (with enhanced security policies) are not modelled by apigw-sync; set them outside gateway-state',
  },
  {
    name: 'x-amazon-apigateway-endpoint-configuration',
    status: both('managed'),
    reason: '`disableExecuteApiEndpoint`, and `vpcEndpointIds` of a PRIVATE REST API',
  },
  { name: 'x-amazon-apigateway-gateway-responses', status: rest('managed') },
  { name: 'x-amazon-apigateway-gateway-responses.gatewayResponse', status: rest('managed') },
  { name: 'x-amazon-apigateway-gateway-responses.responseParameters', status: rest('managed') },
  { name: 'x-amazon-apigateway-gateway-responses.responseTemplates', status: rest('managed') },
  {
    name: 'x-amazon-apigateway-importexport-version',
    status: http('managed'),
    reason: 'selects the import algorithm; `1.0` is the only version',
  },
  { name: 'x-amazon-apigateway-integration', status: both('managed') },
  {
    name: 'x-amazon-apigateway-integrations',
    status: http('managed'),
    reason: 'reusable integrations, referenced from operations by `$ref`',
  },
  {
    name: 'x-amazon-apigateway-integration.requestTemplates',
    status: { RestApi: 'managed', HttpApi: 'refused' },
    reason: 'HTTP APIs have no mapping templates; use parameter mapping (requestParameters)',
  },
  { name: 'x-amazon-apigateway-integration.requestParameters', status: both('managed') },
  { name: 'x-amazon-apigateway-integration.responses', status: rest('managed') },
  { name: 'x-amazon-apigateway-integration.response', status: rest('managed') },
  { name: 'x-amazon-apigateway-integration.responseTemplates', status: rest('managed') },
  { name: 'x-amazon-apigateway-integration.responseParameters', status: both('managed') },
  { name: 'x-amazon-apigateway-integration.tlsConfig', status: both('managed') },
  { name: 'x-amazon-apigateway-minimum-compression-size', status: rest('managed') },
  { name: 'x-amazon-apigateway-policy', status: rest('managed') },
  {
    name: 'x-amazon-apigateway-request-validator',
    status: { RestApi: 'managed', HttpApi: 'refused' },
    reason: 'HTTP APIs have no request validators',
  },
  {
    name: 'x-amazon-apigateway-request-validators',
    status: { RestApi: 'managed', HttpApi: 'refused' },
    reason: 'HTTP APIs have no request validators',
  },
  {
    name: 'x-amazon-apigateway-request-validators.requestValidator',
    status: { RestApi: 'managed', HttpApi: 'refused' },
    reason: 'HTTP APIs have no request validators',
  },
  {
    name: 'x-amazon-apigateway-security-policy',
    status: rest('refused'),
    reason: 'enhanced security policies are not modelled by apigw-sync; set them outside gateway-state',
  },
  {
    name: 'x-amazon-apigateway-tag-value',
    status: http('pending-warning'),
    afterToolSide: 'pending-warning',
    reason: 'tags come from api.yaml `tags:` (managed); OpenAPI tags are not turned into AWS tags',
  },
];

/** One status for both kinds of API once the tool side lands (the docs' last column). */
export function statusAfterToolSide(e: ExtensionEntry): ExtensionStatus {
  if (e.afterToolSide) return e.afterToolSide;
  const after = [e.status.RestApi, e.status.HttpApi]
    .filter((s) => s !== 'n/a')
    .map((s) => (s.startsWith('pending-') ? 'managed' : s));
  // Where the kinds differ (requestTemplates: REST managed, HTTP refused), the docs show the HTTP refusal's own row status.
  return (after.includes('refused') ? 'refused' : (after[0] ?? 'n/a')) as ExtensionStatus;
}

export const EXTENSION_BY_NAME: ReadonlyMap<string, ExtensionEntry> = new Map(EXTENSIONS.map((e) => [e.name, e]));

/** The extension keys (not sub-objects) a document may contain. */
export const EXTENSION_KEYS: readonly string[] = EXTENSIONS.filter((e) => !e.name.includes('.')).map((e) => e.name);
