import type { EmuRequest, EmuResponse, RouteDef } from '../core/types.js';

type Handler = (req: EmuRequest, params: Record<string, string>) => EmuResponse | Promise<EmuResponse>;

/** A CloudWatch operation: AWS JSON 1.0, POST /, selected by `X-Amz-Target: GraniteServiceVersion20100801.<Op>`. */
export function cwRoute(operation: string, write: boolean, handler: Handler): RouteDef {
  return {
    service: 'cloudwatch',
    protocol: 'json-1.0',
    operation,
    method: 'POST',
    pattern: '/',
    target: `GraniteServiceVersion20100801.${operation}`,
    write,
    handler,
  };
}
