/**
 * An SDK request handler that keeps every raw HTTP exchange (status, headers, body bytes),
 * so the contract test judges what the emulator put on the wire, not what the SDK's
 * deserializers forgave. The body is handed on to the SDK unchanged.
 */
import { NodeHttpHandler } from '@smithy/node-http-handler';
type HttpRequest = Parameters<NodeHttpHandler['handle']>[0];
type HttpResponse = Awaited<ReturnType<NodeHttpHandler['handle']>>['response'];
import { Readable } from 'node:stream';

export interface Exchange {
  method: string;
  path: string;
  status: number;
  headers: Record<string, string>;
  body: string;
}

export class CapturingHandler extends NodeHttpHandler {
  readonly exchanges: Exchange[] = [];

  override async handle(
    request: HttpRequest,
    options?: { abortSignal?: AbortSignal },
  ): Promise<{ response: HttpResponse }> {
    const { response } = await super.handle(request, options as never);
    const chunks: Buffer[] = [];
    for await (const c of response.body as Readable) chunks.push(Buffer.from(c as Uint8Array));
    const bytes = Buffer.concat(chunks);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(response.headers)) headers[k.toLowerCase()] = String(v);
    this.exchanges.push({
      method: request.method,
      path: request.path,
      status: response.statusCode,
      headers,
      body: bytes.toString('utf8'),
    });
    response.body = Readable.from([bytes]);
    return { response };
  }

  take(): Exchange[] {
    return this.exchanges.splice(0);
  }
}
