import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runValidate } from '../../../src/cli/validate.js';
import { UsageError } from '../../../src/model/errors.js';

const run = promisify(execFile);

describe('apigw-sync validate', () => {
  it('the real bin exits 0 on the example gateway-state', async () => {
    const { stdout } = await run(process.execPath, ['bin/apigw-sync.js', 'validate', 'gateway-state']);
    expect(stdout).toContain('gateway-state: valid');
  });

  it('the real bin exits 1 on an invalid state', async () => {
    const err = await run(process.execPath, [
      'bin/apigw-sync.js',
      'validate',
      'test/fixtures/state/invalid/cache-size',
    ]).catch((e: { code: number; stdout: string }) => e);
    expect((err as { code: number }).code).toBe(1);
    expect((err as { stdout: string }).stdout).toContain(
      'apis/a/api.yaml:12:22: error: stage prod: cache size 0.75 GB',
    );
  });

  it('--format json is machine-readable and says valid', async () => {
    const r = await runValidate('gateway-state', { format: 'json' });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ root: 'gateway-state', valid: true, errors: 0 });
  });

  it('rejects an unknown --format with a usage error', async () => {
    await expect(runValidate('gateway-state', { format: 'xml' })).rejects.toBeInstanceOf(UsageError);
  });

  it('the export fixtures (oas30 and Swagger 2.0, unchanged) validate', async () => {
    expect((await runValidate('test/fixtures/state/exports')).code).toBe(0);
  });
});
