import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../../src/plan/build.js';
import { renderPlanJson } from '../../../src/render/plan-json.js';
import { renderPlanMarkdown } from '../../../src/render/plan-markdown.js';
import { expectGolden } from '../../helpers/golden.js';
import { api, gateway, route, snapshot } from '../../helpers/model-builders.js';
import { FIXTURE_NOW, fixtureDesired, fixtureLive } from './plan-fixture.js';

const plan = () => buildPlan({ desired: fixtureDesired(), live: fixtureLive(), now: FIXTURE_NOW });

describe('renderPlanMarkdown', () => {
  it('renders a realistic REST + HTTP change set (golden)', () => {
    expectGolden('plan/plan.md', renderPlanMarkdown(plan()));
  });

  it('empty plan', () => {
    const m = api('shop', 'RestApi', { routes: [route('RestApi', 'GET', '/a')] });
    const md = renderPlanMarkdown(buildPlan({ desired: gateway([m]), live: snapshot([m]), now: FIXTURE_NOW }));
    expect(md).toContain('No changes. Live matches gateway-state.');
  });

  it('user data cannot break out: description with | @ # <b> is escaped; secrets never appear', () => {
    const md = renderPlanMarkdown(plan());
    // Code blocks and code spans are inert on GitHub; everything else must not carry raw markup.
    const prose = md.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '').replace(/`[^`\n]*`/g, '');
    expect(md).toContain('@platform-team'); // inside the diff block only
    expect(prose).not.toMatch(/@[a-z]/);
    expect(prose).not.toMatch(/(^|[^&])#\d/);
    expect(prose.replace(/<\/?(details|summary|br)>/g, '')).not.toMatch(/<[a-z/]/);
    for (const s of ['hunter2-old', 'correct-horse-battery', 'c-1111', 'c-2222', 'eyJhbGciOiJIUzI1NiJ9'])
      expect(md).not.toContain(s);
  });

  it('folds big tables and draws the route map only with enough routes (capped)', () => {
    const routes = Array.from({ length: 30 }, (_, i) => route('HttpApi', 'GET', `/r${i}`));
    const d = api('big', 'HttpApi', { routes });
    const md = renderPlanMarkdown(buildPlan({ desired: gateway([d]), live: snapshot([]), now: FIXTURE_NOW }), {
      mermaidMaxRoutes: 5,
    });
    expect(md).toContain('<details><summary>31 changes</summary>');
    expect(md).toContain('… and 25 more changed routes');
    expect((md.match(/:::add/g) ?? []).length).toBe(5);
    const small = api('small', 'HttpApi', { routes: [route('HttpApi', 'GET', '/one')] });
    expect(
      renderPlanMarkdown(buildPlan({ desired: gateway([small]), live: snapshot([]), now: FIXTURE_NOW })),
    ).not.toContain('mermaid');
  });
});

describe('renderPlanJson', () => {
  it('is the plan, masked, with the short fingerprint', () => {
    const p = plan();
    const json = JSON.parse(renderPlanJson(p));
    expect(json.fingerprintShort).toBe(p.fingerprint.slice(0, 12));
    expect(json.steps).toHaveLength(p.steps.length);
    expect(JSON.stringify(json)).not.toContain('correct-horse-battery');
    // The plan itself is untouched (apply needs the real values).
    expect(JSON.stringify(p)).toContain('correct-horse-battery');
  });
});
