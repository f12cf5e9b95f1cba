/**
 * The shipped code is bundled (scripts/build.mjs): a module's code lands in dist/cli.js,
 * dist/chunks/… or dist/action/index.js, never at its path under src/. So source code must not
 * find files relative to itself at run time — import data instead
 * (`import data from './x.json' with { type: 'json' }`), which the bundler inlines.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = join(import.meta.dirname, '..', '..', '..', 'src');

/**
 * Entry points (their code stays in dist/<entry>.js, one level below the package root), the
 * bundler-aware SDK loaders (CloudWatch, WAFv2; SSM and Secrets Manager for API key values), and the docs' Swagger UI lookup (the build writes those files to
 * dist/swagger-ui/, found from any bundle location, with the npm package as fallback).
 */
const ALLOWED = new Set([
  'cli.ts',
  'aws/cloudwatch-sdk.ts',
  'aws/wafv2-sdk.ts',
  'aws/key-value-sdk.ts',
  'docs/write-site.ts',
]);

describe('bundle safety', () => {
  it('no module under src/ locates files through import.meta (outside the entries that may)', () => {
    const offenders = readdirSync(src, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !ALLOWED.has(f))
      .filter((f) => /import\.meta\.(url|dirname|filename)|__dirname/.test(readFileSync(join(src, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
