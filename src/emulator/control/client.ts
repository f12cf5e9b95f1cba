/**
 * A tiny fetch-based client for the emulator's control API, for tests and benches that talk
 * to an emulator in another process (`apigw-sync emulator`). In-process code can use the
 * `control` helpers `startEmulator()` returns instead; both speak the same operations.
 */
import type { CallFilter } from '../core/call-log.js';
import type { ActiveFault, FaultSpec } from '../core/faults.js';
import type { CallLogEntry, EmulatorSettings } from '../core/types.js';

export class EmulatorControlError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message} (HTTP ${status})`);
  }
}

export class EmulatorClient {
  constructor(private readonly baseUrl: string) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(new URL(path, this.baseUrl), {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const parsed = text ? (JSON.parse(text) as unknown) : undefined;
    if (!res.ok) {
      const e = (parsed ?? {}) as { error?: string; message?: string };
      throw new EmulatorControlError(res.status, e.error ?? 'Error', e.message ?? text);
    }
    return parsed as T;
  }

  async calls(filter: CallFilter = {}): Promise<CallLogEntry[]> {
    const q = new URLSearchParams();
    if (filter.service) q.set('service', filter.service);
    if (filter.operation) q.set('operation', filter.operation);
    if (filter.write !== undefined) q.set('write', String(filter.write));
    if (filter.since !== undefined) q.set('since', String(filter.since));
    const qs = q.toString();
    return (await this.call<{ calls: CallLogEntry[] }>('GET', `/_emulator/calls${qs ? `?${qs}` : ''}`)).calls;
  }

  /** The seq of the latest logged call (pass as `since` to see only later calls). */
  async lastSeq(): Promise<number> {
    return (await this.call<{ lastSeq: number }>('GET', '/_emulator/calls?since=999999999')).lastSeq;
  }

  async clearCalls(): Promise<void> {
    await this.call('DELETE', '/_emulator/calls');
  }

  async addFault(spec: FaultSpec): Promise<ActiveFault> {
    return (await this.call<{ fault: ActiveFault }>('POST', '/_emulator/faults', spec)).fault;
  }

  async faults(): Promise<ActiveFault[]> {
    return (await this.call<{ faults: ActiveFault[] }>('GET', '/_emulator/faults')).faults;
  }

  async clearFaults(): Promise<void> {
    await this.call('DELETE', '/_emulator/faults');
  }

  async reset(): Promise<void> {
    await this.call('POST', '/_emulator/reset');
  }

  async state(): Promise<Record<string, unknown>> {
    return (await this.call<{ modules: Record<string, unknown> }>('GET', '/_emulator/state')).modules;
  }

  async settings(): Promise<EmulatorSettings> {
    return (await this.call<{ settings: EmulatorSettings }>('GET', '/_emulator/settings')).settings;
  }

  /** Changes how long new VPC links stay PENDING (ms), e.g. large to test an apply's timeout. */
  async setVpcLinkPendingMs(ms: number): Promise<EmulatorSettings> {
    return (await this.call<{ settings: EmulatorSettings }>('POST', '/_emulator/settings', { vpcLinkPendingMs: ms }))
      .settings;
  }

  async setQuotas(enabled: boolean): Promise<void> {
    await this.call('POST', '/_emulator/quotas', { enabled });
  }
}
