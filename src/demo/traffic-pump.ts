/**
 * Keeps simulated requests flowing to a stage of the local AWS endpoint while a rollout
 * runs, the way real clients would: a batch every `everyMs` through the emulator's control
 * API (`POST /_emulator/traffic`). Only for the emulator; never pointed at AWS.
 */
export interface TrafficPump {
  stop(): Promise<void>;
  /** Requests sent so far. */
  readonly sent: number;
}

export interface TrafficPumpOptions {
  endpoint: string;
  apiId: string;
  stage: string;
  /** Requests a batch (WebSocket APIs: messages). */
  requestsPerBatch: number;
  /** WebSocket APIs: clients that connect in each batch (their $connect, then $disconnect). */
  connectionsPerBatch?: number;
  everyMs: number;
}

export function startTrafficPump(o: TrafficPumpOptions): TrafficPump {
  let sent = 0;
  let stopped = false;
  let inFlight: Promise<void> = Promise.resolve();
  const send = async () => {
    const res = await fetch(`${o.endpoint}/_emulator/traffic`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        apiId: o.apiId,
        stage: o.stage,
        requests: o.requestsPerBatch,
        ...(o.connectionsPerBatch ? { connections: o.connectionsPerBatch } : {}),
      }),
    });
    if (!res.ok) throw new Error(`simulated traffic refused: ${res.status} ${await res.text()}`);
    sent += o.requestsPerBatch;
  };
  const timer = setInterval(() => {
    if (stopped) return;
    inFlight = inFlight.then(send).catch(() => undefined);
  }, o.everyMs);
  return {
    get sent() {
      return sent;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await inFlight;
    },
  };
}

/** Declares how an integration backend answers (`/_emulator/backends`): "this URI returns 5xx". */
export async function setBackendHealth(
  endpoint: string,
  rule: { uri?: string; deploymentId?: string; errorRate: number; latencyMs?: number; executionErrorRate?: number },
): Promise<void> {
  const res = await fetch(`${endpoint}/_emulator/backends`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(rule),
  });
  if (!res.ok) throw new Error(`backend health refused: ${res.status} ${await res.text()}`);
}
