/**
 * Persisting the modules' state to a JSON file so live state survives a restart: written
 * after changes (debounced, so a burst of writes costs one file write) and atomically
 * (temp file + rename, so a crash never leaves half a file).
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

/**
 * Version 2 keeps each account's and region's resources apart:
 * `{"version":2,"partitions":{"000000000000/us-east-1":{"apigateway":{…},…}},"global":{"traffic":{…}}}`.
 * Version 1 (one `modules` object for every region together) is refused with a clear message:
 * it cannot say which region its resources belong to.
 */
export const STATE_FILE_VERSION = 2;

export interface StateFileContent {
  version: typeof STATE_FILE_VERSION;
  partitions: Record<string, Record<string, unknown>>;
  global: Record<string, unknown>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function readStateFile(path: string): StateFileContent | undefined {
  if (!existsSync(path)) return undefined;
  const text = readFileSync(path, 'utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new Error(`State file ${path} is not valid JSON (${(e as Error).message}); delete it to start empty`, {
      cause: e,
    });
  }
  const o = parsed as { version?: unknown; modules?: unknown; partitions?: unknown; global?: unknown } | null;
  if (o?.version === 1 && isObject(o.modules)) {
    throw new Error(
      `State file ${path} was written by an older emulator (version 1) that kept every region's resources together; ` +
        'this emulator keeps them per account and region and cannot tell which region they belong to. Delete the file (or move it aside) to start empty.',
    );
  }
  if (o?.version !== STATE_FILE_VERSION || !isObject(o.partitions) || !Object.values(o.partitions).every(isObject)) {
    throw new Error(
      `State file ${path} is not an emulator state file (expected {"version":2,"partitions":{"<account>/<region>":{...}},"global":{...}})`,
    );
  }
  return {
    version: STATE_FILE_VERSION,
    partitions: o.partitions as Record<string, Record<string, unknown>>,
    global: isObject(o.global) ? o.global : {},
  };
}

export function writeStateFileAtomically(path: string, content: StateFileContent): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(content));
  renameSync(tmp, path);
}

export class DebouncedWriter {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly write: () => void,
    private readonly delayMs = 100,
  ) {}

  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.write();
    }, this.delayMs);
  }

  /** Writes now if a write is pending (on stop). */
  flush(): void {
    if (!this.timer) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.write();
  }
}
