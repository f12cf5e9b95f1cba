import { describe, expect, it } from 'vitest';
import type { ValidationIssue } from '../../../src/model/issue.js';
import { encodeDriftMarker, parseDriftMarker, renderDriftIssue } from '../../../src/render/drift-issue.js';
import {
  CHECK_RUN_TEXT_LIMIT,
  fitSections,
  renderCheckRunOutput,
  renderPlanSummary,
} from '../../../src/render/summary.js';
import { expectGolden } from '../../helpers/golden.js';
import { FIXTURE_COST, fixtureDrift, fixturePlan } from './comment-fixture.js';

const issue: ValidationIssue = {
  severity: 'error',
  code: 'unknown-key',
  message: 'unknown key "stagez"',
  hint: 'did you mean "stages"?',
  location: { file: 'gateway-state/apis/shop/api.yaml', line: 4, column: 1 },
};

describe('job summary and check run output', () => {
  it('job summary carries the whole plan, drift and cost (golden)', () => {
    const md = renderPlanSummary({ plan: fixturePlan(), issues: [], drift: fixtureDrift(), cost: FIXTURE_COST });
    expect(md).not.toContain('apigw-sync:data');
    expect(md).not.toContain('correct-horse-battery');
    expectGolden('github/job-summary.md', md);
  });

  it('check run: title from the summary, annotations at file and line', () => {
    const out = renderCheckRunOutput({ plan: undefined, issues: [issue] });
    expect(out.title).toBe('gateway-state is invalid: 1 error');
    expect(out.annotations).toEqual([
      {
        path: 'gateway-state/apis/shop/api.yaml',
        start_line: 4,
        end_line: 4,
        annotation_level: 'failure',
        title: 'unknown-key',
        message: 'unknown key "stagez"\nfix: did you mean "stages"?',
      },
    ]);
    const ok = renderCheckRunOutput({ plan: fixturePlan(), issues: [] });
    expect(ok.title).toBe(
      '7 to add, 12 to change, 4 to destroy; 2 APIs redeploy; 5 breaking changes; 1 security-relevant change',
    );
    expect(ok.text!.length).toBeLessThanOrEqual(CHECK_RUN_TEXT_LIMIT);
  });

  it('fits by whole API sections and names how many were left out', () => {
    const rows = (v: string) => Array.from({ length: 20 }, () => `| ${v} |`);
    const md = [
      '### Plan',
      '',
      '#### a',
      '| x |',
      '|---|',
      ...rows('1'),
      '',
      '#### b',
      '| y |',
      '|---|',
      ...rows('2'),
    ].join('\n');
    const fitted = fitSections(md, md.indexOf('#### b') + 130);
    expect(fitted.length).toBeLessThanOrEqual(md.indexOf('#### b') + 130);
    expect(fitted).toContain('#### a');
    expect(fitted).not.toContain('#### b');
    expect(fitted).toContain('1 more section did not fit');
    expect(fitSections(md, 10_000)).toBe(md);
  });
});

describe('drift issue', () => {
  it('says what changed, since when, and both ways out (golden)', () => {
    const { title, body } = renderDriftIssue({
      apiKey: 'shop',
      apiName: 'shop-api',
      report: fixtureDrift(),
      firstSeen: '2026-11-20T06:00:00Z',
      seenAt: '2026-11-23T06:00:00Z',
      stateDir: 'gateway-state',
      runUrl: 'https://github.com/acme/gateway/actions/runs/42',
    });
    expect(title).toBe('Drift: API shop differs from gateway-state');
    expect(body).toContain('npx apigw-sync import --api shop-api --out gateway-state');
    expect(body).not.toContain('console-typed-secret');
    expect(parseDriftMarker(body)).toEqual({ apiKey: 'shop', firstSeen: '2026-11-20T06:00:00Z' });
    expectGolden('github/drift-issue.md', body);
  });

  it('marker survives hostile api keys and rejects garbage', () => {
    const m = { apiKey: 'a --> <b> `x`', firstSeen: '2026-01-01T00:00:00Z' };
    expect(parseDriftMarker(`text ${encodeDriftMarker(m)} more`)).toEqual(m);
    expect(encodeDriftMarker(m).indexOf('-->')).toBe(encodeDriftMarker(m).length - 3);
    expect(parseDriftMarker('<!-- apigw-sync:drift nope -->')).toBeUndefined();
  });
});
