import { describe, expect, it } from 'vitest';
import type { ValidationIssue } from '../../../src/model/issue.js';
import { buildPlan } from '../../../src/plan/build.js';
import {
  COMMENT_MARKER,
  currentApprovals,
  encodeCommentData,
  parseCommentData,
} from '../../../src/render/comment-data.js';
import { hmacSealer } from '../../../src/github/comment-seal.js';
import { GITHUB_COMMENT_LIMIT, renderPlanComment, withCommentOutcome } from '../../../src/render/comment.js';
import { expectGolden } from '../../helpers/golden.js';
import { api, gateway, route, snapshot, stage } from '../../helpers/model-builders.js';
import { FIXTURE_NOW } from '../render/plan-fixture.js';
import { HEAD_SHA, OLDER_SHA, fixtureCommentInput } from './comment-fixture.js';

/** Markdown with code blocks and code spans removed: what GitHub would interpret as markup. */
function prose(md: string): string {
  return md.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '').replace(/(`+)[^\n]*?\1/g, '');
}

/** Every Markdown table is whole: a header, a separator, then only rows until a blank line. */
function expectWholeTables(md: string): void {
  const lines = md.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith('|---')) continue;
    const cols = lines[i].split('|').length;
    expect(lines[i - 1].split('|').length, `header of table at line ${i}`).toBe(cols);
    for (let j = i + 1; j < lines.length && lines[j] !== ''; j++)
      expect(lines[j].startsWith('| ') && lines[j].endsWith(' |'), lines[j]).toBe(true);
  }
}

const ISSUES: ValidationIssue[] = [
  {
    severity: 'error',
    code: 'duplicate-route',
    message: 'route GET /users/{id} is declared twice | <b>bold</b> @admins',
    hint: 'remove one of them',
    location: { file: 'gateway-state/apis/shop/users.openapi.yaml', line: 12, column: 5 },
  },
  {
    severity: 'warning',
    code: 'no-throttling',
    message: 'stage prod has no throttling',
    location: { file: 'gateway-state/apis/shop/api.yaml', line: 7, column: 3 },
  },
];

describe('renderPlanComment', () => {
  it('renders the sticky comment: summary, plan, drift, cost, approvals, data (golden)', () => {
    const { body, summarised, data } = renderPlanComment(fixtureCommentInput());
    expect(summarised).toBe(false);
    expect(body.startsWith(`${COMMENT_MARKER}\n`)).toBe(true);
    expect(body).toContain('💰 **+\\$12.40**/month');
    expect(body).toContain('**1 of 2**');
    expect(parseCommentData(body)).toEqual(data);
    expectWholeTables(body);
    expectGolden('comment/plan-comment.md', body);
  });

  it('renders an invalid state with every issue at file:line and no plan (golden)', () => {
    const { body, data } = renderPlanComment(
      fixtureCommentInput({ plan: undefined, drift: undefined, cost: undefined, issues: ISSUES, approvals: [] }),
    );
    expect(data.status).toBe('invalid');
    expect(body).toContain('`gateway-state/apis/shop/users.openapi.yaml:12:5`');
    expect(prose(body)).not.toMatch(/<b>|@admins/);
    expectGolden('comment/invalid-comment.md', body);
  });

  it('never shows a secret, old or new, from plan or drift', () => {
    const { body } = renderPlanComment(fixtureCommentInput());
    for (const s of [
      'hunter2-old',
      'correct-horse-battery',
      'c-1111',
      'c-2222',
      'eyJhbGciOiJIUzI1NiJ9',
      'console-typed-secret',
    ])
      expect(body).not.toContain(s);
    expect(body).toContain('(sensitive)');
  });

  it('keeps markdown injection in route names and descriptions inert', () => {
    const evil = api('evil|api', 'HttpApi', {
      description: '--> <img src=x onerror=alert(1)> @org/everyone #1 [click](https://evil.example)',
      routes: [
        route('HttpApi', 'GET', '/a|b`<script>`/@everyone/#7/-->', {}),
        route('HttpApi', 'POST', '/x](javascript:alert(1))', {}),
      ],
      stages: { prod: stage('prod') },
    });
    const plan = buildPlan({ desired: gateway([evil]), live: snapshot([]), now: FIXTURE_NOW });
    const { body } = renderPlanComment(
      fixtureCommentInput({ plan, drift: undefined, approvals: [{ login: 'mallory', headSha: HEAD_SHA, at: 'x' }] }),
    );
    const p = prose(body);
    expect(
      p.replace(/<\/?(details|summary|br)>/g, '').replace(/<!-- apigw-sync:(plan|data [A-Za-z0-9_-]+) -->/g, ''),
    ).not.toMatch(/<[a-z/!]/i);
    expect(p).not.toMatch(/@(org|everyone)/);
    expect(p).not.toMatch(/\]\((https?|javascript):/);
    expect(p.match(/-->/g)).toHaveLength(2); // outside code, only our marker and our data block close a comment
    expect(parseCommentData(body)?.fingerprint).toBe(plan.fingerprint);
    expectWholeTables(body);
  });

  it('summarises a plan too long for GitHub, whole rows only, and stays under the limit', () => {
    const apis = Array.from({ length: 60 }, (_, i) =>
      api(`api${String(i).padStart(2, '0')}`, 'HttpApi', {
        routes: Array.from({ length: 25 }, (_, r) => route('HttpApi', 'GET', `/service-${i}/resource-${r}/{id}`, {})),
        stages: { prod: stage('prod') },
      }),
    );
    const plan = buildPlan({ desired: gateway(apis), live: snapshot([]), now: FIXTURE_NOW });
    const input = fixtureCommentInput({
      plan,
      drift: undefined,
      fullPlanAt: { label: 'the job summary', url: 'https://github.com/o/r/actions/runs/1' },
    });
    const { body, summarised } = renderPlanComment(input);
    expect(summarised).toBe(true);
    expect(body.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(body).toContain(
      'longer than a GitHub comment allows: it is in [the job summary](https://github.com/o/r/actions/runs/1)',
    );
    expect(body).toContain('| api59 | HTTP API | 52 | 0 | 0 | 0 | `prod` |');
    expectWholeTables(body);
    expect(parseCommentData(body)?.fingerprint).toBe(plan.fingerprint);
    expect(body).toContain('### Approval and apply');
  });

  it('switches to the summary exactly at the limit, and cuts the summary table by whole rows', () => {
    const input = fixtureCommentInput();
    const full = renderPlanComment(input).body;
    expect(renderPlanComment({ ...input, maxLength: full.length })).toMatchObject({ summarised: false, body: full });
    const over = renderPlanComment({ ...input, maxLength: full.length - 1 });
    expect(over.summarised).toBe(true);
    expect(over.body.length).toBeLessThan(full.length);
    const tight = renderPlanComment({ ...input, maxLength: 3200 });
    expect(tight.body.length).toBeLessThanOrEqual(3200);
    expectWholeTables(tight.body);
  });

  it('renders apply progress and keeps approvals in the data', () => {
    const input = fixtureCommentInput({
      status: 'applying',
      progress: [
        { apiKey: 'events', stage: 'prod', state: 'success', detail: 'deployed' },
        { apiKey: 'shop', stage: 'prod', state: 'in_progress', detail: 'canary at 25%' },
      ],
    });
    const { body, data } = renderPlanComment(input);
    expect(body).toContain('## apigw-sync · 🚀 Applying');
    expect(body).toContain('| 🚀 in progress | shop | `prod` | canary at 25% |');
    expect(data.approvals.map((a) => a.login)).toEqual(['alice', 'bob']);
  });
});

describe('comment data', () => {
  it('round-trips and ignores damaged blocks', () => {
    const d = {
      v: 1 as const,
      status: 'planned' as const,
      fingerprint: 'a'.repeat(64),
      headSha: HEAD_SHA,
      approvals: [],
    };
    expect(parseCommentData(`x\n${encodeCommentData(d)}\n`)).toEqual(d);
    expect(parseCommentData('<!-- apigw-sync:data !!! -->')).toBeUndefined();
    expect(parseCommentData('<!-- apigw-sync:data eyJ2IjoyfQ -->')).toBeUndefined();
    expect(parseCommentData(undefined)).toBeUndefined();
  });

  it('counts only approvals of this commit; an approval without a commit never counts', () => {
    const a = [
      { login: 'alice', headSha: HEAD_SHA, at: '2' },
      { login: 'bob', headSha: OLDER_SHA, at: '1' },
      { login: 'mallory', at: '3', fingerprint: 'a'.repeat(64) },
      { login: 'eve', headSha: '', at: '4' },
    ];
    expect(currentApprovals(a, HEAD_SHA).map((x) => x.login)).toEqual(['alice']);
    expect(currentApprovals(a, '')).toEqual([]);
  });
});

describe('comment seal (HMAC over the data block, bound to repository and pull request)', () => {
  const at = { owner: 'Codertocat', repo: 'Hello-World', issue_number: 2 };
  const sealer = hmacSealer('k'.repeat(48));
  const body = renderPlanComment(fixtureCommentInput()).body;

  it('opens what it sealed; the visible comment is unchanged', () => {
    const sealed = sealer.seal(body, at);
    expect(sealed.replace(/ [A-Za-z0-9_-]{43} -->/, ' -->')).toBe(body);
    expect(sealer.open(sealed, at)).toEqual(parseCommentData(body));
  });

  it('refuses an unsealed block, a forged or edited one, another key, and a block copied from another pull request', () => {
    const sealed = sealer.seal(body, at);
    expect(sealer.open(body, at)).toBeUndefined();
    const data = parseCommentData(body)!;
    const forged = encodeCommentData({ ...data, approvals: [{ login: 'mallory', headSha: HEAD_SHA, at: 'x' }] });
    const mac = /<!-- apigw-sync:data [A-Za-z0-9_-]+ ([A-Za-z0-9_-]+) -->/.exec(sealed)![1];
    expect(sealer.open(`${COMMENT_MARKER}\n${forged.replace(' -->', ` ${mac} -->`)}`, at)).toBeUndefined();
    expect(hmacSealer('x'.repeat(48)).open(sealed, at)).toBeUndefined();
    expect(sealer.open(sealed, { ...at, issue_number: 3 })).toBeUndefined();
    expect(sealer.open(sealed, { ...at, repo: 'Other' })).toBeUndefined();
  });
});

describe('withCommentOutcome', () => {
  it('changes the title and the outcome note only; the plan shown stays as reviewed (golden)', () => {
    const { body, data } = renderPlanComment(fixtureCommentInput());
    const failed = withCommentOutcome(body, data, 'failed', {
      kind: 'failure',
      title: 'The apply failed',
      detail: 'the apply workflow run ended with failure',
      link: { label: 'The workflow run', url: 'https://github.com/Codertocat/Hello-World/actions/runs/1' },
    });
    expect(failed.body).toContain('## apigw-sync · ❌ Apply failed');
    expect(parseCommentData(failed.body)?.status).toBe('failed');
    const planPart = (b: string) => b.slice(b.indexOf('### Plan'));
    expect(planPart(failed.body).replace(/<!-- apigw-sync:data .*/, '')).toBe(
      planPart(body).replace(/<!-- apigw-sync:data .*/, ''),
    );
    // Right under the header: the first thing a reader sees.
    expect(failed.body.indexOf('### ❌ The apply failed')).toBeLessThan(failed.body.indexOf('### Plan'));
    // A second outcome replaces the first.
    const ok = withCommentOutcome(failed.body, failed.data, 'applied', { kind: 'info', title: 'Applied' });
    expect(ok.body.match(/apigw-sync:outcome -->/g)).toHaveLength(1);
    expect(ok.body).not.toContain('The apply failed');
    expect(
      withCommentOutcome(failed.body, failed.data, 'failed', {
        kind: 'failure',
        title: 'x',
        link: { label: 'bad', url: 'javascript:alert(1)' },
      }).body,
    ).not.toContain('javascript:');
    expectGolden('comment/outcome-failed.md', failed.body);
  });
});
