/** A v1 route definition in one line: method, path pattern, operation, write flag, handler. */
import type { RouteDef } from '../core/types.js';

export function route(
  method: string,
  pattern: string,
  operation: string,
  write: boolean,
  handler: RouteDef['handler'],
): RouteDef {
  return { service: 'apigateway', protocol: 'rest-json', method, pattern, operation, write, handler };
}

export const API = '/restapis/{restApiId}';
export const RES = `${API}/resources/{resourceId}`;
export const METHOD = `${RES}/methods/{httpMethod}`;
