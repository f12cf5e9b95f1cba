/**
 * JSON Schema for editors (yaml-language-server), generated from the zod schemas so the
 * two can never disagree. `npm run schema` writes them; a test fails when they are stale.
 */
import { z } from 'zod';
import { apiSchema, gatewaySchema } from '../state/schema.js';
import { environmentSchema } from '../state/environments/schema.js';
import { wsRoutesFileSchema } from '../kinds/ws-route/schema.js';
import { ACCOUNT_KINDS } from '../kinds/registry.js';

const BASE = 'https://github.com/apigw-sync/apigw-sync/schema';

function toJson(schema: z.ZodType, id: string, title: string): Record<string, unknown> {
  // io: 'input' — describe what a person writes (defaults make keys optional).
  const js = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { $id: `${BASE}/${id}`, title, ...js };
}

/** File name under schema/ → its JSON text. */
export function jsonSchemas(): Record<string, string> {
  const gateway = toJson(gatewaySchema, 'gateway.schema.json', 'apigw-sync gateway.yaml');
  const api = toJson(apiSchema, 'api.schema.json', 'apigw-sync apis/<api>/api.yaml');
  const environment = toJson(environmentSchema, 'environment.schema.json', 'apigw-sync environments/<name>.yaml');
  const wsRoutes = toJson(
    wsRoutesFileSchema,
    'websocket-routes.schema.json',
    'apigw-sync routes file of a WebSocket API (apis/<api>/routes.yaml)',
  );
  // One schema per account-scope folder: `<dir>.schema.json` (e.g. client-certificates.schema.json).
  const account = ACCOUNT_KINDS.flatMap((k) => {
    const st = k.account.state;
    return st
      ? [[st.dir, toJson(st.schema, `${st.dir}.schema.json`, `apigw-sync ${st.dir}/<name>.yaml`)] as const]
      : [];
  });
  const strip = ({ $id: _i, $schema: _s, ...rest }: Record<string, unknown>) => rest;
  const bundle = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `${BASE}/gateway-state.schema.json`,
    title:
      "apigw-sync gateway-state (gateway.yaml, an api.yaml, a WebSocket API's routes file, an account-scope file or an environment file)",
    $defs: {
      gateway: strip(gateway),
      api: strip(api),
      websocketRoutes: strip(wsRoutes),
      environment: strip(environment),
      ...Object.fromEntries(account.map(([dir, js]) => [dir, strip(js)])),
    },
    anyOf: [
      { $ref: '#/$defs/gateway' },
      { $ref: '#/$defs/api' },
      { $ref: '#/$defs/websocketRoutes' },
      { $ref: '#/$defs/environment' },
      ...account.map(([dir]) => ({ $ref: `#/$defs/${dir}` })),
    ],
  };
  const text = (o: unknown) => `${JSON.stringify(o, null, 2)}\n`;
  return {
    'gateway.schema.json': text(gateway),
    'api.schema.json': text(api),
    'websocket-routes.schema.json': text(wsRoutes),
    'environment.schema.json': text(environment),
    ...Object.fromEntries(account.map(([dir, js]) => [`${dir}.schema.json`, text(js)])),
    'gateway-state.schema.json': text(bundle),
  };
}
