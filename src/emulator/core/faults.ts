/**
 * Injected faults, so tests can prove how clients behave when AWS misbehaves.
 *
 * A fault applies to the calls of one operation (`*` = every non-control operation), from the
 * `nth` matching call on (1 = the next one), at most `count` times (default: once, or
 * unlimited while a `forMs` window is open), and only inside the `forMs` window if given.
 *
 * - error:    answer `status` (default 500) with `code` (default InternalFailure).
 * - throttle: answer TooManyRequestsException (json-1.0 services: Throttling).
 * - latency:  delay the call by `latencyMs`, then run it normally.
 * - conflict: ConflictException when the call is a write to an API (restApiId/apiId) while
 *             another write to that API is still in flight; the fault also holds each write
 *             to an API open for `latencyMs` (default 200) so the overlap is observable. With
 *             `nth`, the nth call conflicts regardless, as if another tool had written.
 */
import { badRequest } from './types.js';

export type FaultKind = 'error' | 'throttle' | 'latency' | 'conflict';

export interface FaultSpec {
  operation: string;
  kind: FaultKind;
  status?: number;
  code?: string;
  message?: string;
  nth?: number;
  count?: number;
  forMs?: number;
  latencyMs?: number;
}

export interface ActiveFault extends FaultSpec {
  id: number;
  /** Matching calls seen so far. */
  seen: number;
  /** Times the fault fired. */
  fired: number;
  /** Epoch ms after which the fault no longer applies. */
  until?: number;
}

const KINDS: readonly FaultKind[] = ['error', 'throttle', 'latency', 'conflict'];

function positiveInt(v: unknown, field: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
    throw badRequest(`${field} must be a non-negative integer`);
  return v;
}

export function parseFaultSpec(raw: unknown): FaultSpec {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw badRequest('A fault is a JSON object');
  const o = raw as Record<string, unknown>;
  if (typeof o.operation !== 'string' || o.operation === '')
    throw badRequest('fault.operation is required (an operation name or "*")');
  if (typeof o.kind !== 'string' || !KINDS.includes(o.kind as FaultKind)) {
    throw badRequest(`fault.kind must be one of ${KINDS.join(', ')}`);
  }
  const status = positiveInt(o.status, 'fault.status');
  if (status !== undefined && (status < 400 || status > 599)) throw badRequest('fault.status must be 400..599');
  if (o.code !== undefined && typeof o.code !== 'string') throw badRequest('fault.code must be a string');
  if (o.message !== undefined && typeof o.message !== 'string') throw badRequest('fault.message must be a string');
  const nth = positiveInt(o.nth, 'fault.nth');
  if (nth === 0) throw badRequest('fault.nth counts from 1');
  return {
    operation: o.operation,
    kind: o.kind as FaultKind,
    status,
    code: o.code as string | undefined,
    message: o.message as string | undefined,
    nth,
    count: positiveInt(o.count, 'fault.count'),
    forMs: positiveInt(o.forMs, 'fault.forMs'),
    latencyMs: positiveInt(o.latencyMs, 'fault.latencyMs'),
  };
}

export class Faults {
  private faults: ActiveFault[] = [];
  private nextId = 1;

  constructor(private readonly now: () => number = Date.now) {}

  add(spec: FaultSpec): ActiveFault {
    const f: ActiveFault = {
      ...spec,
      id: this.nextId++,
      seen: 0,
      fired: 0,
      until: spec.forMs !== undefined ? this.now() + spec.forMs : undefined,
    };
    this.faults.push(f);
    return f;
  }

  list(): ActiveFault[] {
    this.expire();
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
  }

  private expire(): void {
    const t = this.now();
    this.faults = this.faults.filter((f) => {
      if (f.until !== undefined && t > f.until) return false;
      const limit = f.count ?? (f.forMs !== undefined ? Infinity : 1);
      return f.fired < limit;
    });
  }

  /** Whether any conflict fault watches this operation (so the core tracks in-flight writes). */
  conflictWatch(operation: string): ActiveFault | undefined {
    this.expire();
    return this.faults.find((f) => f.kind === 'conflict' && (f.operation === operation || f.operation === '*'));
  }

  /**
   * The faults that fire for this call, each counted once. A conflict fault without `nth`
   * fires only when `concurrent` says another write to the same API is in flight.
   */
  fire(operation: string, opts: { concurrent: boolean }): ActiveFault[] {
    this.expire();
    const fired: ActiveFault[] = [];
    for (const f of this.faults) {
      if (f.operation !== operation && f.operation !== '*') continue;
      f.seen += 1;
      if (f.nth !== undefined && f.seen < f.nth) continue;
      if (f.kind === 'conflict' && f.nth === undefined && !opts.concurrent) continue;
      if (f.kind === 'conflict' && f.nth !== undefined && f.seen !== f.nth && !opts.concurrent) continue;
      f.fired += 1;
      fired.push({ ...f });
    }
    return fired;
  }
}
