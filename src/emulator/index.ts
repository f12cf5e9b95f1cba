/**
 * startEmulator(): the local AWS endpoint in-process (tests, demo) or behind the CLI.
 *
 *   const emu = await startEmulator({ port: 0 });
 *   new APIGatewayClient({ endpoint: emu.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
 *   ...
 *   await emu.stop();
 */
import type { AddressInfo } from 'node:net';
import { createHttpServer, Engine } from './server.js';
import { createControl, type EmulatorControl } from './control/helpers.js';
import { controlRoutes } from './control/routes.js';
import { Partitions } from './core/partitions.js';
import { DebouncedWriter, readStateFile, STATE_FILE_VERSION, writeStateFileAtomically } from './core/state-file.js';
import { DEFAULT_SETTINGS, type EmulatorSettings, type ModuleFactory, type SeedWebAcl } from './core/types.js';
import { defaultModules } from './modules.js';

export interface StartEmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Enforce API Gateway's control-plane quotas (default true). */
  quotas?: boolean;
  /** Multiplies the quotas' refill rates: 1 = AWS's real rates, >1 faster for tests. */
  quotaScale?: number;
  /** Persist live state here (read at start, written after changes). */
  stateFile?: string;
  /** The modules to load; default: every module listed in src/emulator/modules.ts. */
  modules?: ModuleFactory[];
  /**
   * How long a new VPC link (REST and HTTP) stays PENDING before AVAILABLE, in ms (default
   * 1000; AWS takes 2–4 minutes). Changeable while running: `control.setSettings({ vpcLinkPendingMs })`.
   */
  vpcLinkPendingMs?: number;
  /**
   * The CloudWatch Logs role every account's API Gateway settings (GetAccount) start with;
   * `{account}` is replaced by the account id. Default: a role is set, so REST stage logging
   * works; null: none, so enabling REST logging is refused until UpdateAccount sets one.
   */
  cloudWatchRoleArn?: string | null;
  /**
   * Web ACLs (WAFv2) every account and region starts with, so a state can name their ARN.
   * Default: EXAMPLE_WEB_ACL, the one the example gateway-state's REST stage names (as the
   * CloudWatch Logs role above is set by default, so the example works as it stands); [] for none.
   */
  webAcls?: SeedWebAcl[];
}

export interface RunningEmulator {
  url: string;
  port: number;
  control: EmulatorControl;
  stop(): Promise<void>;
}

export async function startEmulator(opts: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const host = opts.host ?? '127.0.0.1';
  let writer: DebouncedWriter | undefined;
  const changed = () => writer?.schedule();
  const settings: EmulatorSettings = {
    vpcLinkPendingMs: opts.vpcLinkPendingMs ?? DEFAULT_SETTINGS.vpcLinkPendingMs,
    cloudWatchRoleArn:
      opts.cloudWatchRoleArn === undefined ? DEFAULT_SETTINGS.cloudWatchRoleArn : opts.cloudWatchRoleArn,
    webAcls: structuredClone(opts.webAcls ?? DEFAULT_SETTINGS.webAcls),
  };
  const partitions = new Partitions(opts.modules ?? defaultModules, changed, settings);
  const initial = new Map(partitions.prototypes().map((m) => [m.name, structuredClone(m.snapshot())]));

  if (opts.stateFile) {
    const file = opts.stateFile;
    const saved = readStateFile(file);
    if (saved) partitions.restore(saved);
    writer = new DebouncedWriter(() =>
      writeStateFileAtomically(file, { version: STATE_FILE_VERSION, ...partitions.snapshot() }),
    );
  }

  const engine = new Engine(partitions, {
    quotas: opts.quotas ?? true,
    quotaScale: opts.quotaScale ?? 1,
    onChange: changed,
  });
  const control = createControl(engine, initial, changed);
  engine.addRoutes('control', controlRoutes(control));

  const server = createHttpServer(engine);
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    port,
    control,
    stop: async () => {
      writer?.flush();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type { EmulatorControl } from './control/helpers.js';
export type { EmulatorSettings, SeedWebAcl } from './core/types.js';
export { EXAMPLE_WEB_ACL } from './core/types.js';
export type { FaultSpec } from './core/faults.js';
export type { CallFilter } from './core/call-log.js';
export { DEFAULT_ACCOUNT_ID, DEFAULT_REGION, type Partition } from './core/partitions.js';
export { ACCOUNT_QUOTA, OPERATION_QUOTAS, minimumSeconds } from './core/quotas.js';
