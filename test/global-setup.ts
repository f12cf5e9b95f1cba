/**
 * Before any test file: compile src/ into dist/ (esbuild, about a second), so the tests that
 * spawn `bin/apigw-sync.js` run the compiled CLI a user installs, built from the source under
 * test — never a stale dist/. The library's types and the Action's bundle are built by
 * `npm run build` (the pack test and `npm run check:dist` cover them).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export default function setup(): void {
  const root = join(import.meta.dirname, '..');
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), 'js'], { cwd: root, stdio: 'inherit' });
}
