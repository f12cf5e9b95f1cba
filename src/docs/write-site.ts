/**
 * The only I/O of the docs: copy Swagger UI's standalone bundle (from the swagger-ui-dist
 * package, or from next to the bundled Action) and write the site's files. A folder is
 * cleared only if an earlier `apigw-sync docs` made it (its marker file), so `--out` can
 * never wipe someone's files; stale pages of a removed API go with the rest.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../model/errors.js';

/** What the site needs from swagger-ui-dist (its licence travels with it). */
export const SWAGGER_UI_FILES = ['swagger-ui-bundle.js', 'swagger-ui.css', 'LICENSE', 'NOTICE'] as const;
export const SITE_MARKER = '.apigw-sync-docs';

/**
 * The folder holding Swagger UI's files: `dist/swagger-ui/`, which the build writes beside the
 * bundles — this code runs from dist/action/index.js, dist/chunks/… or dist/*.js, so it is
 * next to the running file or one level up — else the npm package (running from source).
 */
export function swaggerUiDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const bundled of [join(here, 'swagger-ui'), join(here, '..', 'swagger-ui')]) {
    if (existsSync(join(bundled, 'swagger-ui-bundle.js'))) return bundled;
  }
  return dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
}

/** A renderer file as the site ships it: no source-map comment pointing at a file that is not there. */
export function siteAsset(name: string, content: Buffer): Buffer {
  if (!name.endsWith('.js') && !name.endsWith('.css')) return content;
  return Buffer.from(content.toString('utf8').replace(/\n?\/[/*]# sourceMappingURL=[^\n]*\s*$/, '\n'));
}

export async function writeSite(outDir: string, files: Map<string, string>): Promise<string[]> {
  if (existsSync(outDir)) {
    const entries = await readdir(outDir);
    if (entries.length > 0 && !entries.includes(SITE_MARKER)) {
      throw new UsageError(
        `${outDir} exists and was not written by apigw-sync docs`,
        'pass an empty or new folder to --out (apigw-sync clears only folders it made)',
      );
    }
    for (const e of entries) await rm(join(outDir, e), { recursive: true, force: true });
  }
  await mkdir(outDir, { recursive: true });
  const from = swaggerUiDir();
  const written: string[] = [];
  for (const name of SWAGGER_UI_FILES) {
    await writeFile(join(outDir, name), siteAsset(name, await readFile(join(from, name))));
    written.push(name);
  }
  for (const [name, text] of files) {
    await writeFile(join(outDir, name), text);
    written.push(name);
  }
  await writeFile(join(outDir, SITE_MARKER), 'Written by `apigw-sync docs`; the next run replaces this folder.\n');
  return written.sort();
}
