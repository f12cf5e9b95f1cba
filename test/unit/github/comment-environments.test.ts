import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../../src/plan/build.js';
import { parseCommentData } from '../../../src/render/comment-data.js';
import { renderPlanComment } from '../../../src/render/comment.js';
import type { EnvironmentCommentSection } from '../../../src/render/comment-environments.js';
import { expectGolden } from '../../helpers/golden.js';
import { FIXTURE_NOW, fixtureDesired, fixtureLive } from '../render/plan-fixture.js';
import { FIXTURE_COST, HEAD_SHA, fixtureCommentInput, fixtureDrift } from './comment-fixture.js';

/** dev changes (the fixture plan), staging is planned and already matches, prod is not touched. */
function sections(): EnvironmentCommentSection[] {
  const desired = fixtureDesired();
  const changes = buildPlan({
    desired: { ...desired, region: 'us-east-1', environment: 'dev' },
    live: { ...fixtureLive(), region: 'us-east-1' },
    now: FIXTURE_NOW,
  });
  const live = fixtureLive();
  const same = {
    ...desired,
    apis: Object.fromEntries(Object.entries(live.apis).map(([k, a]) => [k, a.model])),
    region: 'eu-central-1',
  };
  const none = buildPlan({ desired: same, live: { ...live, region: 'eu-central-1' }, now: FIXTURE_NOW });
  return [
    {
      label: 'dev',
      region: 'us-east-1',
      touched: true,
      plan: changes,
      issues: [],
      drift: fixtureDrift(),
      cost: FIXTURE_COST,
    },
    { label: 'staging', region: 'eu-central-1', touched: true, plan: none, issues: [] },
    { label: 'prod', region: 'ap-northeast-2', touched: false, issues: [] },
  ];
}

describe('the comment of a state with environments', () => {
  it('one section per environment, open when it changes, collapsed when not; the summary line names the environments touched (golden)', () => {
    const { body, data, summarised } = renderPlanComment(
      fixtureCommentInput({ plan: undefined, drift: undefined, cost: undefined, environments: sections() }),
    );
    expect(summarised).toBe(false);
    expect(body).toContain(
      'This pull request changes **dev** — 🟡 **dev** changes · ✅ staging unchanged · ⚪ prod not touched',
    );
    expect(body).toMatch(/<details open><summary><b>dev<\/b>/);
    expect(body).toMatch(/<details><summary><b>staging<\/b> · region <code>eu-central-1<\/code> · no changes/);
    expect(body).toMatch(/<details><summary><b>prod<\/b> · region <code>ap-northeast-2<\/code> · not planned/);
    expect(data.status).toBe('planned');
    expect(data.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(parseCommentData(body)).toEqual(data);
    expect(body).not.toContain('console-typed-secret');
    expectGolden('comment/environments-comment.md', body);
  });

  it('nothing changes anywhere: every section collapsed, status no changes', () => {
    const [, staging, prod] = sections();
    const { body, data } = renderPlanComment(
      fixtureCommentInput({ plan: undefined, drift: undefined, cost: undefined, environments: [staging, prod] }),
    );
    expect(data.status).toBe('no-changes');
    expect(body).not.toContain('<details open>');
    expect(body).toContain('This pull request changes no environment');
  });

  it('an environment whose resolved state is invalid makes the comment invalid, its errors in its section', () => {
    const [dev] = sections();
    const bad: EnvironmentCommentSection = {
      label: 'prod',
      region: 'ap-northeast-2',
      touched: true,
      issues: [
        {
          severity: 'error',
          code: 'unknown-override',
          message: 'apis.shop.stages.prd does not exist in the base',
          hint: 'did you mean prod?',
          location: { file: 'gateway-state/environments/prod.yaml', line: 4, column: 7 },
        },
      ],
    };
    const { body, data } = renderPlanComment(
      fixtureCommentInput({ plan: undefined, drift: undefined, cost: undefined, environments: [dev, bad] }),
    );
    expect(data.status).toBe('invalid');
    expect(data.fingerprint).toBeUndefined();
    expect(body).toContain('❌ **prod** invalid');
    expect(body).toContain('`gateway-state/environments/prod.yaml:4:7`');
    expect(body).toContain('Fix the problems above');
  });

  it('too long for GitHub: each environment keeps its summary, the per-API sections go', () => {
    const { body, summarised } = renderPlanComment(
      fixtureCommentInput({
        plan: undefined,
        drift: undefined,
        cost: undefined,
        environments: sections(),
        maxLength: 6000,
        headSha: HEAD_SHA,
      }),
    );
    expect(summarised).toBe(true);
    expect(body.length).toBeLessThanOrEqual(6000);
    expect(body).toContain('<b>dev</b>');
    expect(body).toContain('The per-API changes are in the full plan.');
  });
});
