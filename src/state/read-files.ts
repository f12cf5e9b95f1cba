/**
 * The only I/O of the loader: read gateway.yaml and every file under apis/<api>/ into
 * memory, refusing hostile input (symlinks out of the directory, huge or binary files)
 * with a ValidationIssue instead of a crash.
 */
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, posix, relative, sep } from 'node:path';
import type { ValidationIssue } from '../model/issue.js';
import type { StateFiles } from './types.js';
import { accountStateDirs } from '../kinds/registry.js';

/** Per-file limit: generated OpenAPI files of very large APIs stay well under this. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** Files per API folder; more is almost certainly a mistake (e.g. node_modules). */
export const MAX_FILES_PER_API = 500;
const MAX_DEPTH = 4;
const TEXT_EXTENSIONS = /\.(ya?ml|json)$/i;

export interface ReadOptions {
  maxFileBytes?: number;
}

export async function readStateDir(dir: string, opts: ReadOptions = {}): Promise<StateFiles> {
  const maxBytes = opts.maxFileBytes ?? MAX_FILE_BYTES;
  const root = dir.replace(/[\\/]+$/, '') || '.';
  const issues: ValidationIssue[] = [];
  const out: StateFiles = { root, files: new Map(), issues };
  const at = (rel: string) => ({ file: rel ? posix.join(root, rel) : root, line: 1, column: 1 });
  const issue = (rel: string, code: string, message: string, hint: string): void => {
    issues.push({ severity: 'error', code, message, hint, location: at(rel) });
  };

  let rootReal: string;
  try {
    const st = await stat(root);
    if (!st.isDirectory()) {
      issue(
        '',
        'not-a-directory',
        `${root} is not a directory`,
        'pass the gateway-state directory, e.g. `apigw-sync validate gateway-state`',
      );
      return out;
    }
    rootReal = await realpath(root);
  } catch {
    issue(
      '',
      'missing-directory',
      `directory ${root} does not exist`,
      'pass the gateway-state directory, e.g. `apigw-sync validate gateway-state`',
    );
    return out;
  }

  const readOne = async (rel: string): Promise<void> => {
    const abs = join(root, rel);
    const l = await lstat(abs);
    if (l.isSymbolicLink()) {
      let target: string;
      try {
        target = await realpath(abs);
      } catch {
        issue(rel, 'broken-symlink', `${rel} is a symbolic link to nothing`, 'replace the link with the file itself');
        return;
      }
      const inside = relative(rootReal, target);
      if (inside.startsWith('..') || inside.startsWith(sep) || /^[A-Za-z]:/.test(inside)) {
        issue(
          rel,
          'symlink-escape',
          `${rel} is a symbolic link that leaves the gateway-state directory`,
          'copy the file into the gateway-state directory instead of linking to it',
        );
        return;
      }
    }
    const st = await stat(abs);
    if (!st.isFile()) return;
    if (st.size > maxBytes) {
      issue(
        rel,
        'file-too-large',
        `${rel} is ${st.size} bytes; the limit is ${maxBytes}`,
        'split the API into several service files, or remove data that is not API definition',
      );
      return;
    }
    const buf = await readFile(abs);
    if (buf.includes(0)) {
      issue(
        rel,
        'binary-file',
        `${rel} is a binary file (it contains NUL bytes)`,
        'gateway-state holds YAML or JSON text only; remove the file',
      );
      return;
    }
    out.files.set(rel, buf.toString('utf8').replace(/^\uFEFF/, ''));
  };

  const walk = async (relDir: string, depth: number, budget: { left: number }): Promise<void> => {
    const entries = await readdir(join(root, relDir), { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const rel = posix.join(relDir, e.name);
      if (e.name.startsWith('.')) continue;
      if (e.isDirectory()) {
        if (depth < MAX_DEPTH) await walk(rel, depth + 1, budget);
        continue;
      }
      if (!TEXT_EXTENSIONS.test(e.name)) continue;
      if (--budget.left < 0) {
        if (budget.left === -1)
          issue(
            relDir,
            'too-many-files',
            `${relDir} has more than ${MAX_FILES_PER_API} files`,
            'keep one folder per API with its api.yaml and OpenAPI files',
          );
        continue;
      }
      await readOne(rel);
    }
  };

  const gw = 'gateway.yaml';
  try {
    await lstat(join(root, gw));
    await readOne(gw);
  } catch {
    issue(
      '',
      'missing-gateway-yaml',
      `${root} has no gateway.yaml`,
      'create gateway.yaml with at least `region: <aws region>`',
    );
  }
  let apiDirs: string[] = [];
  try {
    const entries = await readdir(join(root, 'apis'), { withFileTypes: true });
    apiDirs = entries
      .filter((e) => !e.name.startsWith('.'))
      .map((e) => e.name)
      .sort();
    for (const e of entries) {
      if (e.isSymbolicLink()) {
        issue(
          `apis/${e.name}`,
          'symlink-escape',
          `apis/${e.name} is a symbolic link; API folders must be real directories`,
          'move the API folder into gateway-state/apis/',
        );
        apiDirs = apiDirs.filter((n) => n !== e.name);
      } else if (!e.isDirectory()) {
        apiDirs = apiDirs.filter((n) => n !== e.name);
      }
    }
  } catch {
    /* no apis/ folder: compile reports "no APIs" */
  }
  for (const name of apiDirs) await walk(`apis/${name}`, 1, { left: MAX_FILES_PER_API });
  // Account-scope folders (domains/, vpc-links/, …): one file per record; a sub-folder is reported by the compiler.
  for (const dirName of accountStateDirs()) {
    try {
      const st = await lstat(join(root, dirName));
      if (st.isSymbolicLink()) {
        issue(
          dirName,
          'symlink-escape',
          `${dirName} is a symbolic link; it must be a real directory`,
          `move the folder into ${root}/`,
        );
        continue;
      }
      if (!st.isDirectory()) continue;
    } catch {
      continue;
    }
    await walk(dirName, MAX_DEPTH - 1, { left: MAX_FILES_PER_API });
  }
  // One overlay per environment (environments/<name>.yaml); a state without the folder reads as before.
  const envDir = await lstat(join(root, 'environments')).catch(() => undefined);
  if (envDir?.isSymbolicLink())
    issue(
      'environments',
      'symlink-escape',
      'environments is a symbolic link; it must be a real directory',
      'move the environment files into gateway-state/environments/',
    );
  // Two levels below: an environment's own account-scope folders (environments/<env>/domains/<name>.yaml).
  else if (envDir?.isDirectory()) await walk('environments', MAX_DEPTH - 2, { left: MAX_FILES_PER_API });
  return out;
}
