/**
 * Integrations of HTTP APIs: HTTP_PROXY and AWS_PROXY, with AWS's defaults (payload format
 * 1.0 for HTTP_PROXY, required for AWS_PROXY; 30 s timeout; INTERNET connection). Deleting
 * one that a route still targets is a ConflictException, as on AWS.
 */
import { badRequest, conflict, type RouteDef } from '../core/types.js';
import { ID_LENGTH, newId } from './ids.js';
import { page } from './paging.js';
import { v2Route } from './route-def.js';
import type { V2Store } from './store.js';
import type { Integration } from './types.js';
import { bodyOf, compact, json, optNum, optObj, optStr, optStrMap, type Body } from './wire.js';
import { checkParameterMapping, mergeParameterMaps } from './parameter-mapping.js';
import { isWebSocket } from './websocket-api.js';
import { buildWebSocketIntegration } from './websocket-integrations.js';

export const integrationWire = (i: Integration) => compact({ ...i });

const HTTP_API_TYPES = ['HTTP_PROXY', 'AWS_PROXY'];
const METHODS = ['ANY', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/** The writable fields of an integration as a request carries them. */
export type IntegrationInput = Partial<Omit<Integration, 'integrationId'>>;

export function readIntegrationInput(b: Body): IntegrationInput {
  const rp = optObj(b, 'responseParameters');
  const responseParameters = rp
    ? Object.fromEntries(Object.keys(rp).map((code) => [code, optStrMap(rp, code) ?? {}]))
    : undefined;
  const tls = optObj(b, 'tlsConfig');
  return compact({
    integrationType: optStr(b, 'integrationType') as Integration['integrationType'] | undefined,
    integrationUri: optStr(b, 'integrationUri'),
    integrationMethod: optStr(b, 'integrationMethod'),
    integrationSubtype: optStr(b, 'integrationSubtype'),
    connectionType: optStr(b, 'connectionType') as Integration['connectionType'] | undefined,
    connectionId: optStr(b, 'connectionId'),
    credentialsArn: optStr(b, 'credentialsArn'),
    description: optStr(b, 'description'),
    payloadFormatVersion: optStr(b, 'payloadFormatVersion'),
    timeoutInMillis: optNum(b, 'timeoutInMillis'),
    requestParameters: optStrMap(b, 'requestParameters'),
    responseParameters,
    requestTemplates: optStrMap(b, 'requestTemplates'),
    templateSelectionExpression: optStr(b, 'templateSelectionExpression'),
    passthroughBehavior: optStr(b, 'passthroughBehavior'),
    contentHandlingStrategy: optStr(b, 'contentHandlingStrategy'),
    tlsConfig: tls ? compact({ serverNameToVerify: optStr(tls, 'serverNameToVerify') }) : undefined,
  });
}

/** Applies defaults and validates; `base` is the current integration on update. */
export function buildIntegration(input: IntegrationInput, base?: Integration): Integration {
  const merged = { ...base, ...input } as IntegrationInput;
  const type = merged.integrationType;
  if (!type) throw badRequest('integrationType is required');
  if (!HTTP_API_TYPES.includes(type)) {
    throw badRequest(`Integration type ${type} is not supported for HTTP APIs; use HTTP_PROXY or AWS_PROXY`);
  }
  if (!merged.integrationUri) throw badRequest(`integrationUri is required for ${type} integrations`);
  if (type === 'AWS_PROXY') {
    if (!merged.payloadFormatVersion)
      throw badRequest('PayloadFormatVersion is required for AWS_PROXY integrations; use 1.0 or 2.0');
    if (!['1.0', '2.0'].includes(merged.payloadFormatVersion)) {
      throw badRequest(`Invalid payloadFormatVersion ${merged.payloadFormatVersion}; must be 1.0 or 2.0`);
    }
    merged.integrationMethod ??= 'POST';
  } else {
    merged.payloadFormatVersion ??= '1.0';
    if (merged.payloadFormatVersion !== '1.0') {
      throw badRequest(
        `Invalid payloadFormatVersion ${merged.payloadFormatVersion} for HTTP_PROXY; only 1.0 is supported`,
      );
    }
    if (!merged.integrationMethod) throw badRequest('integrationMethod is required for HTTP_PROXY integrations');
    if (!/^https?:\/\//.test(merged.integrationUri) && merged.connectionType !== 'VPC_LINK') {
      throw badRequest(`Invalid integrationUri ${merged.integrationUri}; HTTP_PROXY needs an http(s) URL`);
    }
  }
  if (merged.integrationMethod && !METHODS.includes(merged.integrationMethod)) {
    throw badRequest(`Invalid integrationMethod ${merged.integrationMethod}`);
  }
  merged.connectionType ??= 'INTERNET';
  if (!['INTERNET', 'VPC_LINK'].includes(merged.connectionType))
    throw badRequest(`Invalid connectionType ${merged.connectionType}`);
  if (merged.connectionType === 'VPC_LINK' && !merged.connectionId)
    throw badRequest('connectionId is required when connectionType is VPC_LINK');
  checkParameterMapping(merged);
  merged.timeoutInMillis ??= 30000;
  if (!Number.isInteger(merged.timeoutInMillis) || merged.timeoutInMillis < 50 || merged.timeoutInMillis > 30000) {
    throw badRequest(`Invalid timeoutInMillis ${merged.timeoutInMillis}; must be between 50 and 30000`);
  }
  return { ...(merged as Integration), integrationId: base?.integrationId ?? newId(ID_LENGTH.integration) };
}

export const targetOf = (integrationId: string) => `integrations/${integrationId}`;

export function integrationRoutes(store: V2Store): RouteDef[] {
  return [
    v2Route('CreateIntegration', 'POST', '/v2/apis/{apiId}/integrations', true, (req, p) => {
      const st = store.api(p.apiId);
      const input = readIntegrationInput(bodyOf(req));
      const integration = isWebSocket(st) ? buildWebSocketIntegration(input) : buildIntegration(input);
      store.events.guard({ type: 'http-integration.put', apiId: st.api.apiId, integration });
      st.integrations.push(integration);
      store.changed(st);
      return json(201, integrationWire(integration));
    }),
    v2Route('GetIntegrations', 'GET', '/v2/apis/{apiId}/integrations', false, (req, p) => {
      const pg = page(store.api(p.apiId).integrations, req);
      return json(200, compact({ items: pg.items.map(integrationWire), nextToken: pg.nextToken }));
    }),
    v2Route('GetIntegration', 'GET', '/v2/apis/{apiId}/integrations/{integrationId}', false, (_req, p) => {
      const st = store.api(p.apiId);
      return json(200, integrationWire(store.integration(st, p.integrationId)));
    }),
    v2Route('UpdateIntegration', 'PATCH', '/v2/apis/{apiId}/integrations/{integrationId}', true, (req, p) => {
      const st = store.api(p.apiId);
      const current = store.integration(st, p.integrationId);
      const input = readIntegrationInput(bodyOf(req));
      const merged = { ...input, ...mergeParameterMaps(current, input) };
      // WebSocket: request parameters merge (a key set to "" is removed), request templates replace.
      const next = isWebSocket(st) ? buildWebSocketIntegration(merged, current) : buildIntegration(merged, current);
      for (const k of ['requestParameters', 'responseParameters'] as const)
        if (next[k] && Object.keys(next[k]!).length === 0) delete next[k];
      store.events.guard({ type: 'http-integration.put', apiId: st.api.apiId, integration: next });
      st.integrations[st.integrations.indexOf(current)] = next;
      store.changed(st);
      return json(200, integrationWire(next));
    }),
    v2Route('DeleteIntegration', 'DELETE', '/v2/apis/{apiId}/integrations/{integrationId}', true, (_req, p) => {
      const st = store.api(p.apiId);
      const integration = store.integration(st, p.integrationId);
      const users = st.routes.filter((r) => r.target === targetOf(integration.integrationId));
      if (users.length > 0) {
        throw conflict(
          `Cannot delete Integration ${integration.integrationId}: it is the target of route(s) ${users.map((r) => `${r.routeId} (${r.routeKey})`).join(', ')}. Change or delete those routes first.`,
        );
      }
      st.integrations = st.integrations.filter((x) => x !== integration);
      delete st.integrationResponses[integration.integrationId];
      store.changed(st);
      return json(204);
    }),
  ];
}
