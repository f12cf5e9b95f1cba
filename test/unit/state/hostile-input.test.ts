/** Hostile or broken input is refused with an issue, never a crash or a hang. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readStateDir } from '../../../src/state/index.js';
import { validateState } from '../../../src/validate/index.js';

const API =
  'kind: RestApi\nname: a\nstages:\n  prod: {}\nroutes:\n  GET /x:\n    integration: { type: http_proxy, uri: "https://b.example.com/x" }\n';
const dirs: string[] = [];

function state(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'apigw-state-'));
  dirs.push(dir);
  for (const [rel, text] of Object.entries({
    'gateway.yaml': 'region: ap-northeast-2\n',
    'apis/a/api.yaml': API,
    ...files,
  })) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const codes = async (dir: string, opts = {}) =>
  (await validateState(dir, opts)).issues.filter((i) => i.severity === 'error').map((i) => i.code);

describe('hostile input', () => {
  it('accepts the baseline state used below', async () => {
    expect(await codes(state({}))).toEqual([]);
  });

  it('refuses a symlink that leaves the directory', async () => {
    const outside = state({});
    const dir = state({});
    symlinkSync(join(outside, 'gateway.yaml'), join(dir, 'apis/a/evil.openapi.yaml'));
    const r = await readStateDir(dir);
    expect(r.issues?.map((i) => i.code)).toEqual(['symlink-escape']);
    expect(r.files.has('apis/a/evil.openapi.yaml')).toBe(false);
  });

  it('allows a symlink that stays inside the directory', async () => {
    const dir = state({ 'apis/a/shared/common.yaml': 'x: 1\n' });
    symlinkSync(join(dir, 'apis/a/shared/common.yaml'), join(dir, 'apis/a/link.yaml'));
    expect((await readStateDir(dir)).issues).toEqual([]);
  });

  it('refuses an API folder that is a symlink', async () => {
    const other = state({});
    const dir = state({});
    symlinkSync(join(other, 'apis/a'), join(dir, 'apis/b'));
    expect(await codes(dir)).toEqual(['symlink-escape']);
  });

  it('refuses files over the size limit without reading them', async () => {
    const dir = state({ 'apis/a/big.openapi.yaml': `# ${'x'.repeat(2048)}\n` });
    expect(await codes(dir, { maxFileBytes: 1024 })).toEqual(['file-too-large']);
  });

  it('refuses binary files', async () => {
    const dir = state({ 'apis/a/blob.yaml': Buffer.from([0x6b, 0x3a, 0x00, 0x01, 0x02]) });
    expect(await codes(dir)).toEqual(['binary-file']);
  });

  it('reports an empty directory and a missing one', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'apigw-empty-'));
    dirs.push(empty);
    expect(await codes(empty)).toEqual(['missing-gateway-yaml', 'no-apis']);
    expect(await codes(join(empty, 'nope'))).toEqual(['missing-directory']);
  });

  it('rejects a YAML alias bomb instead of expanding it', async () => {
    // 9^9 ≈ 387 million nodes if expanded; the alias cap stops it at once.
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      levels.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    const dir = state({
      'apis/a/bomb.yaml': `${levels.join('\n')}\n`,
      'apis/a/api.yaml': `${API}openapi: bomb.yaml\n`,
    });
    expect(await codes(dir)).toContain('yaml-alias-limit');
  });

  it.each([
    ['JSON', 'deep.json', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
    ['flow YAML', 'deep.yaml', `a: ${'{b: '.repeat(50_000)}1${'}'.repeat(50_000)}\n`],
  ])('refuses absurdly deep %s instead of overflowing the stack', async (_kind, name, text) => {
    const dir = state({ [`apis/a/${name}`]: text, 'apis/a/api.yaml': `${API}openapi: ${name}\n` });
    expect(await codes(dir)).toEqual(['too-deep']);
  });

  it('reports duplicate keys rather than keeping the last one', async () => {
    const dir = state({ 'gateway.yaml': 'region: ap-northeast-2\nregion: us-east-1\n' });
    const r = await validateState(dir);
    expect(r.issues.map((i) => [i.code, i.location.line])).toEqual([['duplicate-key', 2]]);
  });
});
