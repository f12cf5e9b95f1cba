/**
 * The emulator's control surface, shared by the HTTP control API (`/_emulator/...`) and the
 * in-process helpers `startEmulator()` returns: call log, faults, reset, state snapshot.
 */
import type { CallFilter } from '../core/call-log.js';
import type { ActiveFault, FaultSpec } from '../core/faults.js';
import type { CallLogEntry, ServiceModule } from '../core/types.js';
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
  /** Every module's state as plain JSON (what `--state-file` stores). */
  state(): Record<string, unknown>;
  /** Turns quota enforcement on or off at run time. */
  setQuotas(enabled: boolean): void;
  /** A module by name, for in-process tests that need its typed store. */
  module<T extends ServiceModule = ServiceModule>(name: string): T | undefined;
}

export function createControl(engine: Engine, initial: Map<string, unknown>, onChange: () => void): EmulatorControl {
  const byName = (name: string) => engine.modules.find((m) => m.name === name);
  return {
    calls: (filter) => engine.callLog.list(filter),
    lastSeq: () => engine.callLog.lastSeq(),
    clearCalls: () => engine.callLog.clear(),
    addFault: (spec) => engine.faults.add(spec),
    faults: () => engine.faults.list(),
    clearFaults: () => engine.faults.clear(),
    reset: () => {
      for (const m of engine.modules) {
        if (m.reset) m.reset();
        else m.restore(structuredClone(initial.get(m.name)));
      }
      engine.callLog.clear();
      engine.faults.clear();
      engine.quotas.reset();
      onChange();
    },
    state: () => Object.fromEntries(engine.modules.map((m) => [m.name, m.snapshot()])),
    setQuotas: (enabled) => {
      engine.quotasEnabled = enabled;
    },
    module: <T extends ServiceModule = ServiceModule>(name: string) => byName(name) as T | undefined,
  };
}
