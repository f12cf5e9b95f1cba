/**
 * Start-up of the compiled CLI against Node's own: `apigw-sync --version` and `validate` of
 * the example state, each run in a fresh process, interleaved with `node -e 0` so a busy
 * machine slows all three alike. Medians of RUNS runs; peak RSS from one extra run each.
 *
 *   npx tsx bench/startup.ts [runs]     # prints JSON
 */
import { buildCli, median, runMeasured, runNode } from './lib/run-cli.js';

const RUNS = Number(process.argv[2] ?? 15);
buildCli();
const env = { PATH: process.env.PATH ?? '' };
const node: number[] = [];
const version: number[] = [];
const validate: number[] = [];
for (let i = 0; i < RUNS; i++) {
  node.push(runNode(['-e', '0']));
  const v = runMeasured(['--version'], { rss: false, env });
  if (v.status !== 0) throw new Error(`--version failed: ${v.stderr}`);
  version.push(v.wallMs);
  const c = runMeasured(['validate', 'gateway-state'], { rss: false, env });
  if (c.status !== 0) throw new Error(`validate failed: ${c.stderr || c.stdout}`);
  validate.push(c.wallMs);
}
const rss = {
  version: runMeasured(['--version'], { env }).peakRssMb,
  validate: runMeasured(['validate', 'gateway-state'], { env }).peakRssMb,
};
console.log(
  JSON.stringify({
    bench: 'startup',
    runs: RUNS,
    nodeMs: median(node),
    versionMs: median(version),
    validateMs: median(validate),
    minMs: { node: Math.min(...node), version: Math.min(...version), validate: Math.min(...validate) },
    peakRssMb: rss,
  }),
);
