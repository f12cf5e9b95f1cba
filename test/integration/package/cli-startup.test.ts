/**
 * The compiled CLI as installed (bin/apigw-sync.js → dist/cli.js): which of its files a
 * command loads. `--version` loads no command; `validate` loads no AWS SDK code. (How fast
 * that is, is measured by `npm run bench`, not asserted here.)
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../src/cli/commands.js';

const root = join(import.meta.dirname, '..', '..', '..');
const run = promisify(execFile);

/** Runs the bin and returns what it printed and the dist/ files it loaded. */
async function loads(args: string[]): Promise<{ stdout: string; stderr: string; files: string[] }> {
  const file = join(mkdtempSync(join(tmpdir(), 'apigw-loads-')), 'loads.txt');
  const r = await run(process.execPath, ['--import', './test/helpers/record-loads.mjs', 'bin/apigw-sync.js', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH, RECORD_LOADS_FILE: file },
  });
  const urls = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  const files = urls.map((u) => fileURLToPath(u)).filter((p) => p.startsWith(join(root, 'dist')));
  return { ...r, files: files.map((p) => p.slice(root.length + 1)) };
}

/** esbuild keeps a `// node_modules/<package>/…` comment above each bundled module. */
const bundledPackages = (files: string[]) =>
  [
    ...new Set(
      files.flatMap((f) =>
        [...readFileSync(join(root, f), 'utf8').matchAll(/^\/\/ node_modules\/((?:@[^/]+\/)?[^/]+)\//gm)].map(
          (m) => m[1],
        ),
      ),
    ),
  ].sort();

describe('the compiled CLI loads only what the command needs', () => {
  it('--version: dist/cli.js and commander, no command module', async () => {
    const r = await loads(['--version']);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(r.stderr).toBe('');
    const commandChunks = r.files.filter((f) => Object.keys(COMMANDS).some((c) => f.startsWith(`dist/chunks/${c}-`)));
    expect(commandChunks).toEqual([]);
    expect(bundledPackages(r.files)).toEqual(['commander']);
  });

  it('validate: its own chunk, and no AWS SDK code at all', async () => {
    const r = await loads(['validate', 'gateway-state']);
    expect(r.stdout).toContain('gateway-state: valid');
    expect(r.files.some((f) => f.startsWith('dist/chunks/validate-'))).toBe(true);
    const packages = bundledPackages(r.files);
    expect(packages.filter((p) => p.startsWith('@aws-sdk/') || p.startsWith('@smithy/'))).toEqual([]);
    expect(packages).toEqual(expect.arrayContaining(['commander', 'yaml', 'zod']));
  });
});
