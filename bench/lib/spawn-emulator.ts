/**
 * `apigw-sync emulator` in its own process, as users run it, so a bench's client and the
 * endpoint do not share one event loop (or one peak-memory figure). The CLI prints its URL first.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SpawnedEmulator {
  url: string;
  stop(): Promise<void>;
  /** CPU the emulator process used (Linux /proc; utime + stime in 10 ms ticks): independent of machine load. */
  cpuMs(): number | undefined;
}

export async function spawnEmulator(args: string[] = ['--no-quotas']): Promise<SpawnedEmulator> {
  const root = join(import.meta.dirname, '..', '..');
  const child = spawn(process.execPath, [join(root, 'bin', 'apigw-sync.js'), 'emulator', '--port', '0', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code} before listening`)));
  });
  return {
    url,
    cpuMs: () => {
      try {
        const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
        return (Number(fields[11]) + Number(fields[12])) * 10;
      } catch {
        return undefined;
      }
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
