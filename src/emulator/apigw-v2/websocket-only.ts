/**
 * Guards for the operations that exist only for WebSocket APIs (route responses, integration
 * responses, models): creating or listing them on an HTTP API is a BadRequestException; a
 * lookup by id finds nothing (NotFoundException), which is all those operations' models list.
 */
import { badRequest } from '../core/types.js';
import type { ApiState } from './types.js';
import { isWebSocket } from './websocket-api.js';

export function requireWebSocket(st: ApiState, what: string): void {
  if (!isWebSocket(st))
    throw badRequest(`${what} are supported only for WebSocket APIs; ${st.api.apiId} is an HTTP API`);
}
