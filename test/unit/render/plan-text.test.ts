import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../../src/plan/build.js';
import { renderPlanText } from '../../../src/render/plan-text.js';
import { expectGolden } from '../../helpers/golden.js';
import { api, gateway, route, snapshot } from '../../helpers/model-builders.js';
import { FIXTURE_NOW, fixtureDesired, fixtureLive } from './plan-fixture.js';

const plan = () => buildPlan({ desired: fixtureDesired(), live: fixtureLive(), now: FIXTURE_NOW });

describe('renderPlanText', () => {
  it('renders a realistic REST + HTTP change set (golden, no colour)', () => {
    expectGolden('plan/plan.txt', renderPlanText(plan(), { color: false }));
  });

  it('says so when there is nothing to do', () => {
    const m = api('shop', 'RestApi', { routes: [route('RestApi', 'GET', '/a')] });
    const text = renderPlanText(buildPlan({ desired: gateway([m]), live: snapshot([m]), now: FIXTURE_NOW }), {
      color: false,
    });
    expect(text).toContain('No changes. Live matches gateway-state.');
    expect(text).not.toContain('Plan:');
  });

  it('colours only when asked', () => {
    expect(renderPlanText(plan(), { color: false })).not.toMatch(/\u001b\[/);
    const coloured = renderPlanText(plan(), { color: true });
    expect(coloured).toMatch(/\u001b\[32m\+\u001b\[39m/);
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(renderPlanText(plan(), { color: false }));
  });

  it('never prints a secret, old or new', () => {
    const text = renderPlanText(plan(), { color: false });
    for (const secret of ['hunter2-old', 'correct-horse-battery', 'c-1111', 'c-2222', 'eyJhbGciOiJIUzI1NiJ9'])
      expect(text).not.toContain(secret);
    expect(text).toContain('variables.dbPassword: (sensitive) → (sensitive)');
  });
});
