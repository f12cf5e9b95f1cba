import type { EmuRequest, EmuResponse, RouteDef } from '../core/types.js';

type Handler = (req: EmuRequest, params: Record<string, string>) => EmuResponse | Promise<EmuResponse>;

/** A v2 management route: rest-json under /v2, named by its real operation (quotas and faults key on it). */
export function v2Route(
  operation: string,
  method: string,
  pattern: string,
  write: boolean,
  handler: Handler,
): RouteDef {
  return { service: 'apigatewayv2', protocol: 'rest-json', operation, method, pattern, write, handler };
}
