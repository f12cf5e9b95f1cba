import { describe, expect, it } from 'vitest';
import { detectDrift } from '../../../src/diff/drift.js';
import { renderDriftMarkdown } from '../../../src/render/drift-markdown.js';
import { renderDriftText } from '../../../src/render/drift-text.js';
import { expectGolden } from '../../helpers/golden.js';
import { api, gateway, route, snapshot } from '../../helpers/model-builders.js';
import { fixtureDesired, fixtureLive } from './plan-fixture.js';

/** Git = the fixture's desired state; AWS = the fixture's live state plus an out-of-band deployment. */
function report() {
  const live = fixtureLive();
  live.apis.shop.ids.stageDeployments.prod = { deploymentId: 'dep-console-7' };
  return detectDrift(fixtureDesired(), live, {
    appliedDeployments: { shop: { prod: 'dep-prod-1', dev: 'dep-dev-1' } },
  });
}

describe('drift renderers', () => {
  it('text (golden)', () => {
    expectGolden('drift/drift.txt', renderDriftText(report(), { color: false }));
  });

  it('markdown (golden)', () => {
    expectGolden('drift/drift.md', renderDriftMarkdown(report()));
  });

  it('no drift, nothing only in AWS', () => {
    const m = api('a', 'HttpApi', { routes: [route('HttpApi', 'GET', '/x')] });
    const r = detectDrift(gateway([m]), snapshot([m]));
    expect(renderDriftText(r, { color: false })).toContain('No drift. AWS matches gateway-state.');
    expect(renderDriftMarkdown(r)).toContain('No drift. AWS matches gateway-state.');
  });

  it('markdown for one API only (a drift issue per API)', () => {
    const md = renderDriftMarkdown(report(), { apiKeys: ['events'] });
    expect(md).toContain('#### events · HTTP API');
    expect(md).not.toContain('#### shop');
    expect(md).not.toContain('Only in AWS');
  });

  it('never prints secrets', () => {
    for (const out of [renderDriftText(report(), { color: false }), renderDriftMarkdown(report())]) {
      for (const s of ['hunter2-old', 'correct-horse-battery', 'c-1111', 'c-2222', 'eyJhbGciOiJIUzI1NiJ9'])
        expect(out).not.toContain(s);
    }
  });
});
