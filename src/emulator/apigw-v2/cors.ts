/**
 * HTTP API CORS: the checks API Gateway makes on a CorsConfiguration (CreateApi, UpdateApi,
 * ImportApi/ReimportApi from `x-amazon-apigateway-cors`), with AWS's messages.
 */
import { badRequest } from '../core/types.js';
import type { Cors } from './types.js';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', '*'];

export function checkCors(c: Cors): Cors {
  if (c.allowCredentials === true && (c.allowOrigins ?? []).includes('*')) {
    throw badRequest("allow-credentials is not supported if 'allow-origin' is *");
  }
  if (c.maxAge !== undefined && (!Number.isInteger(c.maxAge) || c.maxAge < -1 || c.maxAge > 86400)) {
    throw badRequest(`Invalid maxAge ${c.maxAge}; it must be between -1 and 86400 seconds`);
  }
  for (const m of c.allowMethods ?? []) {
    if (!METHODS.includes(m.toUpperCase()))
      throw badRequest(`Invalid allowMethods value ${m}; use HTTP methods (GET, POST, …) or *`);
  }
  return c;
}

const strList = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.map(String) : undefined);

/** `x-amazon-apigateway-cors` → CorsConfiguration (only the members AWS knows). */
export function corsFromExtension(raw: unknown): Cors | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const x = raw as Record<string, unknown>;
  const c: Cors = {};
  if (typeof x.allowCredentials === 'boolean') c.allowCredentials = x.allowCredentials;
  const lists = ['allowHeaders', 'allowMethods', 'allowOrigins', 'exposeHeaders'] as const;
  for (const k of lists) {
    const v = strList(x[k]);
    if (v) c[k] = v;
  }
  if (typeof x.maxAge === 'number') c.maxAge = x.maxAge;
  return checkCors(c);
}
