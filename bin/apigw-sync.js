#!/usr/bin/env node
// The installed command: runs the compiled CLI in dist/ (`npm run build` makes it; so do
// `npm ci` and `npm pack`, through the `prepare` script). No TypeScript is compiled at run time.
import { existsSync } from 'node:fs';
import module from 'node:module';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('apigw-sync is not built: run `npm run build` in its directory (npm ci does it too).\n');
  process.exit(1);
}
// Node 22.1+ keeps compiled code between runs (a no-op where unavailable; NODE_DISABLE_COMPILE_CACHE=1 turns it off).
module.enableCompileCache?.();
await import(cli.href);
