// Runs a command with another Node.js major version first on PATH, from the npm registry's
// node-<platform>-<arch> package (a Node binary inside a registry package, so it works
// where only the registry is reachable, and offline once cached):
//
//   node scripts/with-node.mjs 24 -- node node_modules/vitest/vitest.mjs run test/unit
//
// The binary is installed without touching package.json or the lockfile, into
// $APIGW_SYNC_NODE_CACHE (default ~/.cache/apigw-sync/node-<major>), and reused while its
// major version matches; npm's own cache makes the next install offline.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const [major, sep, ...command] = process.argv.slice(2);
if (!/^\d+$/.test(major ?? '') || sep !== '--' || command.length === 0) {
  console.error('usage: node scripts/with-node.mjs <major> -- <command> [args…]');
  process.exit(2);
}

const pkg = `node-${process.platform}-${process.arch}`;
const dir = process.env.APIGW_SYNC_NODE_CACHE ?? join(homedir(), '.cache', 'apigw-sync', `node-${major}`);
const bin = join(dir, 'node_modules', pkg, 'bin');
const node = join(bin, 'node');

const versionOf = (file) =>
  existsSync(file) ? spawnSync(file, ['--version'], { encoding: 'utf8' }).stdout.trim() : '';
if (!versionOf(node).startsWith(`v${major}.`)) {
  mkdirSync(dir, { recursive: true });
  console.error(`with-node: installing ${pkg}@${major} into ${dir}`);
  execFileSync(
    'npm',
    [
      'install',
      '--no-save',
      '--no-package-lock',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--prefix',
      dir,
      `${pkg}@${major}`,
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
}
const version = versionOf(node);
if (!version.startsWith(`v${major}.`)) {
  console.error(`with-node: ${node} is ${version || 'missing'}, not Node ${major}`);
  process.exit(1);
}
console.error(`with-node: running with Node ${version} (${node})`);
const env = { ...process.env, PATH: `${bin}:${process.env.PATH}` };
const r = spawnSync(command[0] === 'node' ? node : command[0], command.slice(1), { stdio: 'inherit', env });
process.exit(r.status ?? 1);
