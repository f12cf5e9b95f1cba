/**
 * `npm run bench`: every scenario in its own Node process (so peak memory means something),
 * against the local AWS endpoint with AWS's quotas on (scaled where a script says so).
 * Writes bench/results.json (raw figures + machine) and BENCHMARKS.md (the table), and prints
 * the table. A scenario that misses its target is reported as such, never hidden.
 *
 *   npm run bench                # all scenarios
 *   npm run bench -- diff apply  # only these; their rows replace the same scenarios' rows of the last run
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpus, freemem, loadavg, totalmem, type as osType, release } from 'node:os';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderBenchMarkdown, type BenchRow } from './lib/table.js';
import { SCENARIOS } from './lib/scenarios.js';

const root = join(import.meta.dirname, '..');
const only = process.argv.slice(2);
// Scenarios that run the CLI or the endpoint as a user does use the compiled dist/: build it from this source first.
execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), 'js'], { cwd: root, stdio: 'inherit' });
const rows: BenchRow[] = [];
const raw: Record<string, unknown> = {};
const started = Date.now();

for (const s of SCENARIOS.filter((x) => only.length === 0 || only.includes(x.id))) {
  process.stderr.write(`bench: ${s.id} …\n`);
  const t0 = Date.now();
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--import', './bench/lib/report-rss.mjs', `bench/${s.script}`, ...(s.args ?? [])],
    {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      timeout: 10 * 60_000,
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    },
  );
  const peak = Number(/__PEAK_RSS_MB__=(\d+)/.exec(child.stderr ?? '')?.[1] ?? NaN);
  if (child.status !== 0) {
    const why = (child.stderr ?? '')
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('__PEAK'))
      .slice(-3)
      .join(' / ');
    rows.push({
      id: s.id,
      scenario: s.title,
      wallMs: Date.now() - t0,
      peakRssMb: peak,
      target: '—',
      met: false,
      detail: `FAILED: ${why || child.error?.message}`,
    });
    continue;
  }
  const json = parseLastJson(child.stdout);
  raw[s.id] = json;
  for (const row of s.summarize(json)) rows.push({ id: s.id, ...row, peakRssMb: row.peakRssMb ?? peak });
}

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGb: Math.round(totalmem() / 2 ** 30),
  freeMemoryGbAtEnd: Math.round(freemem() / 2 ** 30),
  os: `${osType()} ${release()}`,
  node: process.version,
  loadAverage1mAtEnd: Math.round(loadavg()[0] * 100) / 100,
};
const generatedAt = new Date().toISOString();
// A partial run replaces its scenarios' rows in the last full run and keeps the others, in scenario order.
const resultsFile = join(root, 'bench', 'results.json');
const previous =
  only.length > 0 && existsSync(resultsFile)
    ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as { rows: BenchRow[]; raw: Record<string, unknown> })
    : undefined;
const order = SCENARIOS.map((s) => s.id);
const allRows = [...(previous?.rows ?? []).filter((r) => !only.includes(r.id ?? '')), ...rows].sort(
  (a, b) => order.indexOf(a.id ?? '') - order.indexOf(b.id ?? ''),
);
const allRaw = { ...(previous?.raw ?? {}), ...raw };
writeFileSync(
  resultsFile,
  `${JSON.stringify({ generatedAt, machine, totalSeconds: Math.round((Date.now() - started) / 1000), rows: allRows, raw: allRaw }, null, 2)}\n`,
);
const markdown = renderBenchMarkdown({ generatedAt, machine, rows: allRows });
writeFileSync(join(root, 'BENCHMARKS.md'), markdown);
process.stdout.write(markdown);

/** Scenario scripts print one JSON document last (pretty or on one line). */
function parseLastJson(stdout: string): unknown {
  const text = stdout.trim();
  for (let i = text.lastIndexOf('{'); i >= 0; i = text.lastIndexOf('{', i - 1)) {
    if (i > 0 && text[i - 1] !== '\n') continue;
    try {
      return JSON.parse(text.slice(i));
    } catch {
      // an inner brace: keep looking further up
    }
  }
  throw new Error(`no JSON in scenario output: ${text.slice(-200)}`);
}
