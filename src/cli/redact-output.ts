/**
 * The last line of defence for API key values: everything the CLI writes to stdout and
 * stderr passes redactKnownValues, which replaces every value this process has read
 * (src/aws/key-values/secret.ts) with `(sensitive)`. Nothing is expected to reach it — the
 * model never holds a value and SecretValue prints `(sensitive)` — but a path nobody foresaw
 * (an SDK error quoting a request) would still print no value.
 */
import { redactKnownValues } from '../aws/key-values/secret.js';

type Write = typeof process.stdout.write;

/** A `write` that redacts known values from text chunks (Buffers are decoded as UTF-8 first). */
export function redactingWrite(write: Write, stream: NodeJS.WriteStream): Write {
  return function (this: unknown, chunk: unknown, ...rest: unknown[]) {
    const text =
      typeof chunk === 'string' ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : undefined;
    const out = text === undefined ? chunk : redactKnownValues(text);
    return (write as (...a: unknown[]) => boolean).call(stream, out, ...rest);
  } as Write;
}

export function redactProcessOutput(): void {
  process.stdout.write = redactingWrite(process.stdout.write, process.stdout);
  process.stderr.write = redactingWrite(process.stderr.write, process.stderr);
}
