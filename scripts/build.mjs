// `npm run build`: compiles src/ into dist/ with esbuild (and the library's types with tsc).
//
//   node scripts/build.mjs            everything: js, types, action
//   node scripts/build.mjs js         dist/cli.js, dist/index.js, dist/app.js, dist/lambda.js, dist/healthcheck.js + dist/chunks/
//   node scripts/build.mjs types      dist/types/ (the library's declarations)
//   node scripts/build.mjs action     dist/action/index.js (committed: GitHub runs it from the repository)
//
// Both js and action also write dist/swagger-ui/ (committed too), the files `apigw-sync docs` copies.
//
// Every shipped entry is a bundle with its dependencies inside, so the npm package has no
// runtime dependencies: `npm install -g apigw-sync-*.tgz` needs no registry, and start-up
// reads a few files instead of hundreds in node_modules. Entries share chunks, and each CLI
// command is its own chunk (src/cli.ts imports a command's module only when it runs), so
// `--version` loads no SDK at all. New source files and commands need no change here: the
// bundler follows imports from the entries.
//
// Files are written only when their content changed, each by rename, so tests that spawn the
// CLI while another build runs never read half a file.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');

/** What runs where; the names are the files in dist/. */
export const ENTRIES = {
  cli: 'src/cli.ts',
  index: 'src/index.ts',
  app: 'src/github/server.ts',
  lambda: 'src/github/lambda.ts',
  healthcheck: 'src/github/healthcheck.ts',
};

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'esm',
  // The oldest Node in package.json `engines`.
  target: 'node20',
  // Prefer each package's CommonJS `main` over `module`, as Node itself does for packages
  // without `exports` (the AWS SDK): one copy of each module, whether imported or required.
  mainFields: ['main', 'module'],
  minify: false,
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  write: false,
  metafile: true,
  // CommonJS dependencies inside an ESM bundle still call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __apigwCreateRequire } from 'node:module';\nconst require = __apigwCreateRequire(import.meta.url);",
  },
};

export async function buildJs() {
  const result = await build({
    ...common,
    entryPoints: ENTRIES,
    outdir: dist,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
  });
  const written = new Set(result.outputFiles.map((f) => f.path));
  for (const f of result.outputFiles) writeIfChanged(f.path, f.contents);
  // Chunks of an older build would only bloat the package.
  const chunks = join(dist, 'chunks');
  for (const name of existsSync(chunks) ? readdirSync(chunks) : [])
    if (!written.has(join(chunks, name))) rmSync(join(chunks, name));
  writeIfChanged(join(dist, 'THIRD_PARTY_LICENSES.txt'), thirdPartyLicenses(result.metafile));
  copySwaggerUi();
  return result;
}

/**
 * Swagger UI's files for `apigw-sync docs` (src/docs/write-site.ts finds them in dist/swagger-ui/,
 * beside the bundles): the Action needs them committed; the npm package ships them.
 */
export function copySwaggerUi() {
  const from = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  // The same list as SWAGGER_UI_FILES in src/docs/write-site.ts.
  for (const name of ['swagger-ui-bundle.js', 'swagger-ui.css', 'LICENSE', 'NOTICE']) {
    writeIfChanged(join(dist, 'swagger-ui', name), readFileSync(join(from, name)));
  }
}

export async function buildAction() {
  const result = await build({
    ...common,
    entryPoints: ['src/action/index.ts'],
    outfile: join(dist, 'action', 'index.js'),
  });
  for (const f of result.outputFiles) writeIfChanged(f.path, f.contents);
  // The runner runs dist/action/index.js inside the repository; say ESM where it lives.
  writeIfChanged(join(dist, 'action', 'package.json'), '{ "type": "module" }\n');
  writeIfChanged(join(dist, 'action', 'THIRD_PARTY_LICENSES.txt'), thirdPartyLicenses(result.metafile));
  copySwaggerUi();
  return result;
}

/**
 * The library's declarations: tsc emits every file src/index.ts reaches into a scratch
 * directory; only the files its public types refer to are kept (the engine's internals,
 * which name SDK types, are bundled code, not API).
 */
export function buildTypes() {
  const scratch = mkdtempSync(join(tmpdir(), 'apigw-sync-types-'));
  try {
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', scratch], {
      cwd: root,
      stdio: 'inherit',
    });
    const keep = reachableDeclarations(scratch, 'index.d.ts');
    const out = join(dist, 'types');
    for (const rel of keep) writeIfChanged(join(out, rel), readFileSync(join(scratch, rel)));
    for (const rel of existsSync(out) ? readdirSync(out, { recursive: true }) : []) {
      const p = join(out, rel);
      if (rel.endsWith('.d.ts') && !keep.has(rel)) rmSync(p);
    }
    return keep;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Declaration files reachable from `entry` through relative imports and exports. */
function reachableDeclarations(dir, entry) {
  const seen = new Set();
  const visit = (rel) => {
    if (seen.has(rel)) return;
    seen.add(rel);
    const text = readFileSync(join(dir, rel), 'utf8');
    for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const target = relative(dir, resolve(dirname(join(dir, rel)), m[1].replace(/\.js$/, '.d.ts')));
      if (existsSync(join(dir, target))) visit(target);
    }
  };
  visit(entry);
  return seen;
}

/** The licence of every package inside a bundle: they are redistributed with it. */
function thirdPartyLicenses(metafile) {
  const packages = new Map();
  for (const input of Object.keys(metafile.inputs)) {
    // The innermost node_modules/<package>/ owns the file (nested copies are packages of their own).
    const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (!m) continue;
    const dir = join(root, m[1]);
    if (packages.has(dir)) continue;
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
    packages.set(dir, {
      name: pkg.name,
      version: pkg.version,
      license: pkg.license ?? 'see the package',
      text: file ? readFileSync(join(dir, file), 'utf8').trim() : '',
    });
  }
  const sorted = [...packages.values()].sort((a, b) =>
    a.name === b.name ? a.version.localeCompare(b.version) : a.name.localeCompare(b.name),
  );
  const unique = sorted.filter(
    (p, i) => i === 0 || p.name !== sorted[i - 1].name || p.version !== sorted[i - 1].version,
  );
  const header = 'Third-party software bundled into these files, with the licence each package ships.\n';
  return `${header}\n${unique.map((p) => `## ${p.name}@${p.version} (${p.license})\n\n${p.text}\n`).join('\n')}`;
}

function writeIfChanged(path, contents) {
  const data =
    typeof contents === 'string'
      ? Buffer.from(contents)
      : Buffer.from(contents.buffer, contents.byteOffset, contents.byteLength);
  if (existsSync(path) && readFileSync(path).equals(data)) return;
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const targets = process.argv.slice(2);
  const all = targets.length === 0;
  const unknown = targets.filter((t) => !['js', 'types', 'action'].includes(t));
  if (unknown.length) {
    console.error(`build: unknown target ${unknown.join(', ')} (use js, types, action)`);
    process.exit(1);
  }
  if (all || targets.includes('js')) await buildJs();
  if (all || targets.includes('action')) await buildAction();
  if (all || targets.includes('types')) buildTypes();
}
