// Bundles the Action (src/action/index.ts) into dist/index.js with esbuild: one ESM file with
// every dependency inside, so the runner needs no `npm install`. Deterministic output, so
// `npm run check:dist` can tell a stale dist/ from a fresh one.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
mkdirSync(join(root, 'dist'), { recursive: true });

await build({
  absWorkingDir: root,
  entryPoints: ['src/action/index.ts'],
  outfile: 'dist/index.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: false,
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  // CommonJS dependencies inside an ESM bundle still call require() for Node built-ins.
  banner: { js: "import { createRequire as __apigwCreateRequire } from 'node:module';\nconst require = __apigwCreateRequire(import.meta.url);" },
});
// The runner runs dist/index.js with the repository's package.json nearby; say ESM explicitly.
writeFileSync(join(root, 'dist', 'package.json'), '{ "type": "module" }\n');

// `command: docs` copies Swagger UI into the site: ship its files next to the bundle
// (src/docs/write-site.ts looks for dist/swagger-ui/ before node_modules).
const swaggerDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
mkdirSync(join(root, 'dist', 'swagger-ui'), { recursive: true });
// The same list as SWAGGER_UI_FILES in src/docs/write-site.ts.
for (const name of ['swagger-ui-bundle.js', 'swagger-ui.css', 'LICENSE', 'NOTICE']) {
  writeFileSync(join(root, 'dist', 'swagger-ui', name), readFileSync(join(swaggerDir, name)));
}
