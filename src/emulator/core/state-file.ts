/**
 * Persisting the modules' state to a JSON file so live state survives a restart: written
 * after changes (debounced, so a burst of writes costs one file write) and atomically
 * (temp file + rename, so a crash never leaves half a file).
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

export interface StateFileContent {
  version: 1;
  modules: Record<string, unknown>;
}

export function readStateFile(path: string): StateFileContent | undefined {
  if (!existsSync(path)) return undefined;
  const text = readFileSync(path, 'utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new Error(`State file ${path} is not valid JSON (${(e as Error).message}); delete it to start empty`, { cause: e });
  }
  const o = parsed as Partial<StateFileContent>;
  if (o?.version !== 1 || typeof o.modules !== 'object' || o.modules === null) {
    throw new Error(`State file ${path} is not an emulator state file (expected {"version":1,"modules":{...}})`);
  }
  return o as StateFileContent;
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
