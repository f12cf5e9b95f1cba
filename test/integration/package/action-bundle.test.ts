/**
 * The committed Action bundle (dist/action/index.js, what `runs.main` in action.yml names) run
 * the way a runner runs it: `node dist/action/index.js` with INPUT_* variables, the event
 * file, the output and summary files, AWS at the local endpoint and GitHub's REST API at a
 * local stand-in. `npm run check:dist` proves the bundle is built from the current source;
 * this proves the bundle itself works, on the Node version running the tests (.ci/run runs
 * it on Node 24 too, the version `runs.using: node24` gives it on GitHub).
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index.js';
import { official } from '../../unit/github/app-harness.js';

const root = join(import.meta.dirname, '..', '..', '..');
const BUNDLE = join(root, 'dist', 'action', 'index.js');
const COMMENT_MARKER = '<!-- apigw-sync:plan -->';
// GitHub's own example payloads (@octokit/webhooks-examples): a pull request opened, a push.
const PULL_REQUEST = official('pull_request', 'opened');
const PUSH = official('push');
const REPOSITORY: string = PULL_REQUEST.repository.full_name;
const COMMENTS = `/repos/${REPOSITORY}/issues/${PULL_REQUEST.number}/comments`;

let emu: RunningEmulator;
let github: Server;
let githubUrl: string;
const requests: Array<{ method: string; url: string; body: string }> = [];

beforeAll(async () => {
  emu = await startEmulator({ port: 0, quotas: false });
  // GitHub's REST API as far as a plan comment needs it: list comments (none yet), create one.
  github = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', body });
      res.setHeader('content-type', 'application/json');
      if (req.method === 'GET' && req.url?.startsWith(COMMENTS)) return res.end('[]');
      if (req.method === 'POST' && req.url === COMMENTS) return res.writeHead(201).end('{"id":901}');
      res.writeHead(404).end('{"message":"Not Found"}');
    });
  });
  await new Promise<void>((r) => github.listen(0, '127.0.0.1', r));
  githubUrl = `http://127.0.0.1:${(github.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await emu?.stop();
  await new Promise((r) => github?.close(r));
});

interface StepRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: string;
  summary: string;
}

/** One step, as the runner runs it: a fresh `node` process with the step's environment. */
async function step(
  inputs: Record<string, string>,
  event: { name: string; payload: Record<string, unknown> },
): Promise<StepRun> {
  const dir = mkdtempSync(join(tmpdir(), 'apigw-action-'));
  const files = { output: join(dir, 'output'), summary: join(dir, 'summary.md') };
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  const eventFile = join(dir, 'event.json');
  writeFileSync(eventFile, JSON.stringify(event.payload));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: event.name,
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_REPOSITORY: REPOSITORY,
    GITHUB_API_URL: githubUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '4242',
    AWS_ENDPOINT_URL: emu.url,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
  };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  const r = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [BUNDLE], { env, cwd: dir }, (err, stdout, stderr) =>
      resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    );
  });
  return { ...r, outputs: readFileSync(files.output, 'utf8'), summary: readFileSync(files.summary, 'utf8') };
}

const state = () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'apigw-action-state-')), 'gateway-state');
  cpSync(join(root, 'gateway-state'), dir, { recursive: true });
  return dir;
};

describe('the committed Action bundle, run as the runner runs it', () => {
  it('plan on a pull request: outputs, job summary and the sticky comment through the GitHub API', async () => {
    const r = await step(
      { command: 'plan', path: state(), 'github-token': 'ghs_test', comment: 'update' },
      { name: 'pull_request', payload: PULL_REQUEST },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.outputs).toMatch(/has-changes<<ghadelimiter_[\w-]+\ntrue\n/);
    expect(r.outputs).toMatch(/plan-fingerprint<<ghadelimiter_[\w-]+\n[0-9a-f]{64}\n/);
    expect(r.summary).toContain('## apigw-sync plan');
    const posted = requests.find((q) => q.method === 'POST');
    expect(posted?.url).toBe(COMMENTS);
    expect((JSON.parse(posted!.body) as { body: string }).body.startsWith(COMMENT_MARKER)).toBe(true);
  });

  it('validate of an invalid state fails the step with the problem located, and no GitHub call', async () => {
    const before = requests.length;
    const r = await step(
      {
        command: 'validate',
        path: join(root, 'test', 'fixtures', 'state', 'invalid', 'cache-size'),
        'github-token': '',
      },
      { name: 'push', payload: PUSH },
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('::error::gateway-state is invalid: 1 error');
    expect(r.summary).toContain('cache size 0.75 GB');
    expect(requests.length).toBe(before);
  });

  it('an unknown command fails the step with the list of commands', async () => {
    const r = await step({ command: 'destroy', 'github-token': '' }, { name: 'push', payload: PUSH });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/::error::input "command" must be one of validate, plan, apply, drift\b.*; got "destroy"/);
  });
});
