import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';

const GOLDEN_DIR = join(import.meta.dirname, '..', 'golden');

/**
 * Compares `actual` with test/golden/<name>. `UPDATE_GOLDEN=1 npx vitest run` rewrites the
 * files; review the diff in git before committing. A missing golden file fails in CI
 * (CI=true) so a forgotten file cannot make a test pass vacuously.
 */
export function expectGolden(name: string, actual: string): void {
  const file = join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === '1' || (!existsSync(file) && process.env.CI !== 'true')) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file))
    throw new Error(`golden file test/golden/${name} is missing: run UPDATE_GOLDEN=1 npx vitest run`);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}
