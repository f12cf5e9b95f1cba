/**
 * An API key value in memory. The string is reachable only through `reveal()`, which the
 * few places that send it to AWS or hash it call; every accidental route to an output —
 * string interpolation, JSON.stringify, util.inspect / console.log, an error message built
 * from it — prints `(sensitive)` instead.
 *
 * Every value ever held is also remembered for the process's last line of defence
 * (`redactKnownValues`, used by the CLI on everything it writes): should a value reach an
 * output by a path nobody foresaw, it is replaced there too.
 */
import { timingSafeEqual } from 'node:crypto';
import { inspect } from 'node:util';

export const SENSITIVE = '(sensitive)';

/** Values seen by this process (a handful: one per declared key and live key compared). */
const KNOWN = new Set<string>();

export class SecretValue {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
    // Short strings would redact ordinary words; AWS's minimum for a key value is 20.
    if (value.length >= 8) KNOWN.add(value);
  }

  /** The value itself: only for the AWS call that needs it, or the hash. */
  reveal(): string {
    return this.#value;
  }

  /** Constant-time comparison (the lengths may differ: that much is not secret). */
  equals(other: SecretValue): boolean {
    const a = Buffer.from(this.#value, 'utf8');
    const b = Buffer.from(other.reveal(), 'utf8');
    return a.length === b.length && timingSafeEqual(a, b);
  }

  toString(): string {
    return SENSITIVE;
  }

  toJSON(): string {
    return SENSITIVE;
  }

  [inspect.custom](): string {
    return `SecretValue ${SENSITIVE}`;
  }
}

/** Replaces every value this process has held with `(sensitive)`. */
export function redactKnownValues(text: string): string {
  if (KNOWN.size === 0) return text;
  let out = text;
  for (const v of KNOWN) if (out.includes(v)) out = out.split(v).join(SENSITIVE);
  return out;
}

/** True when `text` contains a value this process has held. */
export function containsKnownValue(text: string): boolean {
  for (const v of KNOWN) if (text.includes(v)) return true;
  return false;
}
