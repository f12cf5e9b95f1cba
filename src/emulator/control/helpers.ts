/**
 * The emulator's control surface, shared by the HTTP control API (`/_emulator/...`) and the
 * in-process helpers `startEmulator()` returns: call log, faults, reset, state snapshot.
 */
import type { CallFilter } from '../core/call-log.js';
import type { ActiveFault, FaultSpec } from '../core/faults.js';
import { DEFAULT_PARTITION, type Partition } from '../core/partitions.js';
import type { CallLogEntry, EmulatorSettings, ServiceModule } from '../core/types.js';
import type { Engine } from '../server.js';

export interface EmulatorControl {
  calls(filter?: CallFilter): CallLogEntry[];
  /** The seq of the latest call: pass as `since` to see only later calls. */
  lastSeq(): number;
  clearCalls(): void;
  addFault(spec: FaultSpec): ActiveFault;
  faults(): ActiveFault[];
  clearFaults(): void;
  /** Empties every module, the call log, faults and quota buckets. */
  reset(): void;
  /** The default account and region's modules' state (and the global modules'), as plain JSON. */
  state(): Record<string, unknown>;
  /** Every partition's modules' state by `account/region` key (what `--state-file` stores). */
  partitions(): Record<string, Record<string, unknown>>;
  /** Turns quota enforcement on or off at run time. */
  setQuotas(enabled: boolean): void;
  /** The emulator-wide settings (VPC link pending time, CloudWatch role, seeded web ACLs). */
  settings(): EmulatorSettings;
  /** Changes settings while running: `vpcLinkPendingMs` applies to links created afterwards. */
  setSettings(patch: Partial<Pick<EmulatorSettings, 'vpcLinkPendingMs'>>): EmulatorSettings;
  /** A module by name, for in-process tests that need its typed store (default: account 000000000000, us-east-1). */
  module<T extends ServiceModule = ServiceModule>(name: string, partition?: Partition): T | undefined;
}

export function createControl(engine: Engine, initial: Map<string, unknown>, onChange: () => void): EmulatorControl {
  return {
    calls: (filter) => engine.callLog.list(filter),
    lastSeq: () => engine.callLog.lastSeq(),
    clearCalls: () => engine.callLog.clear(),
    addFault: (spec) => engine.faults.add(spec),
    faults: () => engine.faults.list(),
    clearFaults: () => engine.faults.clear(),
    reset: () => {
      engine.partitions.reset((m) => initial.get(m.name));
      engine.callLog.clear();
      engine.faults.clear();
      engine.resetQuotas();
      onChange();
    },
    state: () => Object.fromEntries(engine.modules.map((m) => [m.name, m.snapshot()])),
    partitions: () => engine.partitions.snapshot().partitions,
    setQuotas: (enabled) => {
      engine.quotasEnabled = enabled;
    },
    module: <T extends ServiceModule = ServiceModule>(name: string, partition: Partition = DEFAULT_PARTITION) =>
      engine.partitions.module<T>(partition, name),
    settings: () => structuredClone(engine.partitions.settings),
    setSettings: (patch) => {
      if (patch.vpcLinkPendingMs !== undefined) {
        if (!Number.isFinite(patch.vpcLinkPendingMs) || patch.vpcLinkPendingMs < 0)
          throw new Error('vpcLinkPendingMs must be 0 or more');
        engine.partitions.settings.vpcLinkPendingMs = patch.vpcLinkPendingMs;
      }
      return structuredClone(engine.partitions.settings);
    },
  };
}
