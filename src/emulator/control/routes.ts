/**
 * The control API under `/_emulator/...`, a path no AWS SDK uses. JSON in, JSON out.
 *
 *   GET    /_emulator/calls?service=&operation=&write=true|false&since=SEQ   → {calls, lastSeq}
 *   DELETE /_emulator/calls
 *   GET    /_emulator/faults                                               → {faults}
 *   POST   /_emulator/faults  {operation, kind, status?, code?, nth?, count?, forMs?, latencyMs?} → {fault}
 *   DELETE /_emulator/faults
 *   POST   /_emulator/reset
 *   GET    /_emulator/state                                                → {modules, partitions}
 *          (modules: the default account 000000000000 in us-east-1, and global modules;
 *           partitions: every account/region's modules by "account/region" key)
 *   POST   /_emulator/quotas  {enabled}
 *   GET    /_emulator/settings                                             → {settings}
 *   POST   /_emulator/settings {vpcLinkPendingMs}                         → {settings}
 */
import { badRequest, type EmuRequest, type RouteDef, type ServiceName } from '../core/types.js';
import { parseFaultSpec } from '../core/faults.js';
import type { CallFilter } from '../core/call-log.js';
import type { EmulatorControl } from './helpers.js';

const SERVICES: readonly ServiceName[] = [
  'apigateway',
  'apigatewayv2',
  'cloudwatch',
  'wafv2',
  'ssm',
  'secretsmanager',
  'control',
];

function callFilter(req: EmuRequest): CallFilter {
  const q = req.query;
  const f: CallFilter = {};
  const service = q.get('service');
  if (service !== null) {
    if (!SERVICES.includes(service as ServiceName)) throw badRequest(`service must be one of ${SERVICES.join(', ')}`);
    f.service = service as ServiceName;
  }
  const operation = q.get('operation');
  if (operation !== null) f.operation = operation;
  const write = q.get('write');
  if (write !== null) {
    if (write !== 'true' && write !== 'false') throw badRequest('write must be true or false');
    f.write = write === 'true';
  }
  const since = q.get('since');
  if (since !== null) {
    const n = Number(since);
    if (!Number.isInteger(n) || n < 0) throw badRequest('since must be a call sequence number');
    f.since = n;
  }
  return f;
}

export function controlRoutes(control: EmulatorControl): RouteDef[] {
  const route = (method: string, pattern: string, operation: string, handler: RouteDef['handler']): RouteDef => ({
    service: 'control',
    protocol: 'control',
    operation,
    method,
    pattern,
    write: false,
    handler,
  });
  return [
    route('GET', '/_emulator/calls', 'ListCalls', (req) => ({
      status: 200,
      body: { calls: control.calls(callFilter(req)), lastSeq: control.lastSeq() },
    })),
    route('DELETE', '/_emulator/calls', 'ClearCalls', () => {
      control.clearCalls();
      return { status: 204 };
    }),
    route('GET', '/_emulator/faults', 'ListFaults', () => ({ status: 200, body: { faults: control.faults() } })),
    route('POST', '/_emulator/faults', 'AddFault', (req) => ({
      status: 201,
      body: { fault: control.addFault(parseFaultSpec(req.body)) },
    })),
    route('DELETE', '/_emulator/faults', 'ClearFaults', () => {
      control.clearFaults();
      return { status: 204 };
    }),
    route('POST', '/_emulator/reset', 'Reset', () => {
      control.reset();
      return { status: 204 };
    }),
    route('GET', '/_emulator/state', 'GetState', () => ({
      status: 200,
      body: { modules: control.state(), partitions: control.partitions() },
    })),
    route('GET', '/_emulator/settings', 'GetSettings', () => ({ status: 200, body: { settings: control.settings() } })),
    route('POST', '/_emulator/settings', 'SetSettings', (req) => {
      const ms = (req.body as { vpcLinkPendingMs?: unknown } | undefined)?.vpcLinkPendingMs;
      if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0)
        throw badRequest('vpcLinkPendingMs must be a number of milliseconds, 0 or more');
      return { status: 200, body: { settings: control.setSettings({ vpcLinkPendingMs: ms }) } };
    }),
    route('POST', '/_emulator/quotas', 'SetQuotas', (req) => {
      const enabled = (req.body as { enabled?: unknown } | undefined)?.enabled;
      if (typeof enabled !== 'boolean') throw badRequest('enabled must be true or false');
      control.setQuotas(enabled);
      return { status: 204 };
    }),
  ];
}
