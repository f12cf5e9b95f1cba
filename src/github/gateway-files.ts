/**
 * One API of a gateway repository's gateway-state, read through the Git Data API into
 * memory (never onto disk): the base branch (its head commit and root tree), one recursive tree call, one
 * blob per file of `gateway.yaml` and `apis/<api>/**`. Everything in the tree is untrusted:
 * links, submodules, odd paths, huge or binary files are refused as the local reader does.
 */
import { posix } from 'node:path';
import type { ValidationIssue } from '../model/issue.js';
import { MAX_FILE_BYTES, type StateFiles } from '../state/index.js';
import { accountDirsApisReferTo } from '../kinds/registry.js';
import type { GitHubClient, RepoRef } from './client.js';
import { gitHubCall } from './errors.js';
import { UnknownApiError } from '../service/index.js';

export interface GatewaySnapshot {
  repo: RepoRef;
  branch: string;
  /** Head commit of `branch` the files were read at. */
  commitSha: string;
  /** Its root tree (the base of a commit that changes one file). */
  treeSha: string;
  /** The gateway-state directory inside the repository. */
  path: string;
  /** Reported as `<owner>/<repo>/<path>/…`. */
  files: StateFiles;
  /** Mode of each file read (rel → `100644`/`100755`), to keep it when the file is replaced. */
  modes: Map<string, string>;
}

const TEXT = /\.(ya?ml|json)$/i;
const SAFE_SEGMENT = /^(?!\.{1,2}$)[^\0]+$/;

export async function readGatewayFiles(
  gh: GitHubClient,
  repo: RepoRef,
  opts: { path: string; apiKey: string; branch?: string },
): Promise<GatewaySnapshot> {
  const where = `${repo.owner}/${repo.repo}`;
  const branch =
    opts.branch ?? (await gitHubCall(`read ${where}`, () => gh.rest.repos.get({ ...repo }))).data.default_branch;
  // The branch names its head commit and that commit's root tree in one call.
  const { data: head } = await gitHubCall(`read branch ${branch} of ${where}`, () =>
    gh.rest.repos.getBranch({ ...repo, branch }),
  );
  const commitSha = head.commit.sha;
  const treeSha = head.commit.commit.tree.sha;
  const { data: tree } = await gitHubCall(`read the tree of ${where}@${commitSha.slice(0, 7)}`, () =>
    gh.rest.git.getTree({ ...repo, tree_sha: treeSha, recursive: 'true' }),
  );
  const path = opts.path.replace(/^\/+|\/+$/g, '');
  const root = `${where}/${path}`;
  const issues: ValidationIssue[] = [];
  const files: StateFiles = { root, files: new Map(), issues };
  const modes = new Map<string, string>();
  if (tree.truncated) {
    issues.push({
      severity: 'error',
      code: 'tree-truncated',
      location: { file: root, line: 1, column: 1 },
      message: `the tree of ${where} is too large for one read`,
      hint: 'keep gateway-state in a smaller repository, or check the service with `apigw-sync check-service` against a checkout',
    });
  }
  const prefix = `${path}/`;
  // The API's folder, and the account records it may name (VPC links, client certificates).
  // (Only when the API exists: an unknown API is named from the tree alone, below.)
  const hasApi = tree.tree.some(
    (e) => e.path === `${prefix}apis/${opts.apiKey}/api.yaml` || e.path === `${prefix}apis/${opts.apiKey}/api.yml`,
  );
  const accountDirs = hasApi ? accountDirsApisReferTo().map((d) => `${d}/`) : [];
  const wanted = (rel: string) =>
    rel === 'gateway.yaml' || rel.startsWith(`apis/${opts.apiKey}/`) || accountDirs.some((d) => rel.startsWith(d));
  for (const e of tree.tree) {
    if (e.type !== 'blob' || !e.path?.startsWith(prefix) || !e.sha) continue;
    const rel = e.path.slice(prefix.length);
    if (!wanted(rel) || !TEXT.test(rel) || rel.split('/').some((s) => !SAFE_SEGMENT.test(s) || s.startsWith('.')))
      continue;
    const at = { file: posix.join(root, rel), line: 1, column: 1 };
    if (e.mode === '120000') {
      issues.push({
        severity: 'error',
        code: 'symlink-escape',
        location: at,
        message: `${rel} is a symbolic link`,
        hint: 'replace the link with the file itself',
      });
      continue;
    }
    if ((e.size ?? 0) > MAX_FILE_BYTES) {
      issues.push({
        severity: 'error',
        code: 'file-too-large',
        location: at,
        message: `${rel} is ${e.size} bytes; the limit is ${MAX_FILE_BYTES}`,
        hint: 'split the API into several service files',
      });
      continue;
    }
    const { data: blob } = await gitHubCall(`read ${e.path} from ${where}`, () =>
      gh.rest.git.getBlob({ ...repo, file_sha: e.sha! }),
    );
    const buf = Buffer.from(blob.content, blob.encoding === 'base64' ? 'base64' : 'utf8');
    if (buf.includes(0)) {
      issues.push({
        severity: 'error',
        code: 'binary-file',
        location: at,
        message: `${rel} is a binary file (it contains NUL bytes)`,
        hint: 'gateway-state holds YAML or JSON text only',
      });
      continue;
    }
    files.files.set(rel, buf.toString('utf8').replace(/^\uFEFF/, ''));
    modes.set(rel, e.mode ?? '100644');
  }
  if (!files.files.has(`apis/${opts.apiKey}/api.yaml`)) {
    // Name the APIs that do exist from the tree alone (no blob reads for them).
    const segs = tree.tree.map((e) =>
      e.path?.startsWith(`${prefix}apis/`) ? e.path.slice(prefix.length).split('/') : [],
    );
    const known = [...new Set(segs.filter((p) => p.length === 3 && /^api\.ya?ml$/.test(p[2])).map((p) => p[1]))].sort();
    throw new UnknownApiError(opts.apiKey, root, known);
  }
  return { repo, branch, commitSha, treeSha, path, files, modes };
}
