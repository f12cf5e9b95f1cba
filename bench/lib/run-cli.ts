/**
 * The compiled CLI as a user runs it, measured: wall time of the whole process and its peak
 * RSS (reported by report-rss.mjs, preloaded; it costs one small module load).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const root = join(import.meta.dirname, '..', '..');
const BIN = join(root, 'bin', 'apigw-sync.js');
const REPORT_RSS = join(root, 'bench', 'lib', 'report-rss.mjs');

/** Compiles src/ into dist/ first, so the bench measures the source it runs with. */
export function buildCli(): void {
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), 'js'], { cwd: root, stdio: 'inherit' });
}

export interface MeasuredRun {
  status: number | null;
  stdout: string;
  stderr: string;
  wallMs: number;
  peakRssMb: number;
}

/** One run of `apigw-sync <args>`; with `rss` false nothing is preloaded (pure start-up timing). */
export function runMeasured(args: string[], opts: { rss?: boolean; env?: NodeJS.ProcessEnv } = {}): MeasuredRun {
  const pre = opts.rss === false ? [] : ['--import', REPORT_RSS];
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [...pre, BIN, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: opts.env ?? process.env,
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = Math.round((performance.now() - t0) * 10) / 10;
  const peak = Number(/__PEAK_RSS_MB__=(\d+)/.exec(r.stderr ?? '')?.[1] ?? NaN);
  return {
    status: r.status,
    stdout: r.stdout,
    stderr: (r.stderr ?? '').replace(/\n?__PEAK_RSS_MB__=\d+\n/, ''),
    wallMs,
    peakRssMb: peak,
  };
}

/** Wall time of `node <args>` (no CLI), for the start-up baseline. */
export function runNode(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${r.stderr}`);
  return Math.round((performance.now() - t0) * 10) / 10;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : Math.round(((s[m - 1] + s[m]) / 2) * 10) / 10;
}
