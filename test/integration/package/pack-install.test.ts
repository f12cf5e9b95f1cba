/**
 * The package as a user gets it: `npm pack` (which runs `prepare`: the compiled CLI, library
 * and types), then `npm install -g` of the tarball into an empty prefix with no registry
 * (`--offline`: the package bundles its dependencies), then the installed `apigw-sync` runs
 * `validate` and `plan` against the local endpoint, and a TypeScript program imports the
 * engine from the installed package, type-checks strictly and runs.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index.js';

const root = join(import.meta.dirname, '..', '..', '..');
const execFileP = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), 'apigw-pack-'));
const prefix = join(work, 'prefix');
let emu: RunningEmulator;
let packed: { filename: string; files: Array<{ path: string }>; unpackedSize: number; entryCount: number };

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Ran> {
  try {
    const r = await execFileP(cmd, args, {
      cwd: opts.cwd ?? work,
      env: opts.env ?? process.env,
      maxBuffer: 32 * 1024 * 1024,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof x.code === 'number' ? x.code : -1, stdout: x.stdout ?? '', stderr: x.stderr ?? String(e) };
  }
}

/** What a user's shell has: PATH, HOME, the AWS variables — nothing of this repository. */
const userEnv = () => ({
  PATH: `${join(prefix, 'bin')}:${process.env.PATH}`,
  HOME: process.env.HOME,
  AWS_ENDPOINT_URL: emu.url,
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  // The example's partner API key takes its value from here (README); without it plan notes the value was not compared.
  SHOP_PARTNER_API_KEY: 'PackInstallPartnerKey0000000001',
});

beforeAll(async () => {
  emu = await startEmulator({ port: 0, quotas: false });
  const r = await run('npm', ['pack', '--json', '--pack-destination', work], { cwd: root });
  if (r.code !== 0) throw new Error(`npm pack failed:\n${r.stderr}`);
  // prepare's build output comes first on stdout; the JSON report is last.
  packed = JSON.parse(r.stdout.slice(r.stdout.indexOf('[\n')))[0];
}, 240_000);
afterAll(async () => emu?.stop());

describe('npm pack → npm install -g (offline) → apigw-sync', () => {
  it('the tarball holds the compiled package only: no sources, tests, fixtures or the Action bundle', () => {
    const paths = packed.files.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'bin/apigw-sync.js',
        'dist/cli.js',
        'dist/index.js',
        'dist/app.js',
        'dist/lambda.js',
        'dist/types/index.d.ts',
        'dist/THIRD_PARTY_LICENSES.txt',
        'dist/swagger-ui/swagger-ui-bundle.js',
      ]),
    );
    expect(paths.filter((p) => /^(src|test|bench|scripts|gateway-state|dist\/action)\//.test(p))).toEqual([]);
    // esbuild's shared chunks grow with the commands (~85 today); a stray directory (src/, node_modules/) would add thousands.
    expect(packed.entryCount).toBeLessThan(250);
  });

  it('declares no runtime dependencies (they are bundled), so it installs with no registry', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    // A library added with `npm install --save` lands here and would need the registry at install time:
    // add it with --save-dev instead; the build bundles it (docs/packaging.md).
    expect(pkg.dependencies ?? {}).toEqual({});
  });

  it('installs globally into an empty prefix offline, and runs --version, validate and plan against the local endpoint', async () => {
    const empty = join(work, 'empty');
    mkdirSync(empty);
    const install = await run(
      'npm',
      ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', join(work, packed.filename)],
      { cwd: empty },
    );
    expect(install.stderr).not.toMatch(/ERR!/);
    expect(install.code).toBe(0);

    const bin = join(prefix, 'bin', 'apigw-sync');
    const version = await run(bin, ['--version'], { cwd: empty, env: userEnv() });
    expect(version).toMatchObject({
      code: 0,
      stdout: `${JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version}\n`,
    });

    cpSync(join(root, 'gateway-state'), join(empty, 'gateway-state'), { recursive: true });
    const validate = await run(bin, ['validate'], { cwd: empty, env: userEnv() });
    expect(validate).toMatchObject({ code: 0, stdout: expect.stringContaining('gateway-state: valid') });

    const plan = await run(bin, ['plan', 'gateway-state'], { cwd: empty, env: userEnv() });
    expect(plan.stderr).toBe('');
    expect(plan.code).toBe(2);
    expect(plan.stdout).toMatch(/Plan: \d+ to add, 0 to change, 0 to destroy/);

    // `docs` copies Swagger UI's files, which the package ships beside its bundles.
    const docs = await run(bin, ['docs', 'gateway-state', '--out', 'site', '--offline'], {
      cwd: empty,
      env: userEnv(),
    });
    expect(docs).toMatchObject({ code: 0, stdout: expect.stringContaining('wrote site/index.html') });
    expect(readFileSync(join(empty, 'site', 'swagger-ui-bundle.js'), 'utf8').length).toBeGreaterThan(100_000);
  }, 120_000);

  it('a TypeScript program imports the engine from the installed package: strict types check, and it runs', async () => {
    const app = join(work, 'consumer');
    mkdirSync(join(app, 'node_modules'), { recursive: true });
    symlinkSync(join(prefix, 'lib', 'node_modules', 'apigw-sync'), join(app, 'node_modules', 'apigw-sync'));
    cpSync(join(root, 'gateway-state'), join(app, 'gateway-state'), { recursive: true });
    writeFileSync(join(app, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          skipLibCheck: false,
          typeRoots: [join(root, 'node_modules', '@types')],
          types: ['node'],
        },
        files: ['main.ts'],
      }),
    );
    writeFileSync(
      join(app, 'main.ts'),
      [
        "import { apply, drift, plan, validate, type PlanResult } from 'apigw-sync';",
        "const v = await validate({ dir: 'gateway-state' });",
        "const p: PlanResult = await plan({ dir: 'gateway-state', endpoint: process.env.AWS_ENDPOINT_URL, onEvent: () => {} });",
        "if (p.status !== 'ok') throw new Error(p.issuesText);",
        '// @ts-expect-error apply never asks: `yes: true` is required',
        "void (() => apply({ dir: 'gateway-state' }));",
        "const d = await drift({ dir: 'gateway-state' });",
        'console.log(JSON.stringify({ valid: v.valid, changes: p.plan.steps.length, fingerprint: p.plan.fingerprint.length, drift: d.status }));',
        '',
      ].join('\n'),
    );
    const tsc = await run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', app], {
      cwd: app,
    });
    expect(tsc.stdout + tsc.stderr).toBe('');
    const ran = await run(process.execPath, ['main.js'], { cwd: app, env: userEnv() });
    expect(ran.stderr).toBe('');
    expect(JSON.parse(ran.stdout)).toMatchObject({ valid: true, fingerprint: 64, drift: 'ok' });
    expect(JSON.parse(ran.stdout).changes).toBeGreaterThan(10);
  }, 120_000);
});
