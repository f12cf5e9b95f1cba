/**
 * An AWS JSON 1.1 operation (WAFv2, SSM, Secrets Manager): POST /, selected by
 * `X-Amz-Target: <prefix>.<Operation>`, the input the JSON body. A body that is not a JSON
 * object is the protocol's SerializationException.
 */
import { AwsError, type EmuRequest, type EmuResponse, type RouteDef, type ServiceName } from './types.js';

export type JsonHandler = (body: Record<string, unknown>, req: EmuRequest) => EmuResponse | Promise<EmuResponse>;

export function json11Route(
  service: ServiceName,
  targetPrefix: string,
  operation: string,
  write: boolean,
  handler: JsonHandler,
): RouteDef {
  return {
    service,
    protocol: 'json-1.1',
    operation,
    method: 'POST',
    pattern: '/',
    target: `${targetPrefix}.${operation}`,
    write,
    handler: (req) => {
      const b = req.body;
      if (b !== undefined && (typeof b !== 'object' || b === null || Array.isArray(b)))
        throw new AwsError(400, 'SerializationException', 'Request body must be a JSON object');
      return handler((b ?? {}) as Record<string, unknown>, req);
    },
  };
}

export const jsonOk = (body: unknown = {}) => ({ status: 200, body });
