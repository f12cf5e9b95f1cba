/**
 * Every AWS call the emulator answered, in order, so tests and benches can count calls and
 * prove that a dry run wrote nothing. Control-API calls are not logged.
 */
import type { CallLogEntry, ServiceName } from './types.js';

export interface CallFilter {
  service?: ServiceName;
  operation?: string;
  write?: boolean;
  /** Only entries with seq > since. */
  since?: number;
}

/** Old entries are dropped past this many, so a long-running emulator does not grow without bound. */
const MAX_ENTRIES = 100_000;

export class CallLog {
  private entries: CallLogEntry[] = [];
  private seq = 0;

  record(entry: Omit<CallLogEntry, 'seq' | 'time'>): CallLogEntry {
    const full: CallLogEntry = { seq: ++this.seq, time: new Date().toISOString(), ...entry };
    this.entries.push(full);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
    return full;
  }

  list(filter: CallFilter = {}): CallLogEntry[] {
    return this.entries.filter(
      (e) =>
        (filter.service === undefined || e.service === filter.service) &&
        (filter.operation === undefined || e.operation === filter.operation) &&
        (filter.write === undefined || e.write === filter.write) &&
        (filter.since === undefined || e.seq > filter.since),
    );
  }

  /** The seq of the latest entry: pass it as `since` later to see only newer calls. */
  lastSeq(): number {
    return this.seq;
  }

  /** Forgets the entries but keeps counting, so a `since` taken before still means "after". */
  clear(): void {
    this.entries = [];
  }
}
