import { describe, expect, it } from 'vitest';
import { renderCostMarkdown } from '../../../src/render/cost-markdown.js';
import { renderCostText } from '../../../src/render/cost-text.js';
import { expectGolden } from '../../helpers/golden.js';
import { mixedReport, seoulReport, unknownRegionReport, wafReport, webSocketReport } from './scenarios.js';

describe('cost renderers (golden)', () => {
  it.each([
    { name: 'mixed', report: mixedReport },
    { name: 'seoul-partial', report: seoulReport },
    { name: 'unknown-region', report: unknownRegionReport },
    { name: 'waf', report: wafReport },
    { name: 'websocket', report: () => webSocketReport() },
    { name: 'websocket-seoul', report: () => webSocketReport('ap-northeast-2') },
  ])('$name', ({ name, report }) => {
    expectGolden(`cost/${name}.md`, renderCostMarkdown(report()));
    expectGolden(`cost/${name}.txt`, renderCostText(report()));
  });

  it('puts the headline and totals a reviewer needs in the first lines', () => {
    const md = renderCostMarkdown(mixedReport()).split('\n');
    expect(md[2]).toMatch(
      /^\*\*Monthly cost will decrease by \\\$[\d,]+\.\d\d \(−[\d.]+%\), from \\\$[\d,.]+ to \\\$[\d,.]+\.\*\*$/,
    );
    expect(md.find((l) => l.startsWith('| **Total**'))).toBeDefined();
  });

  it('escapes user data in the table', () => {
    const r = mixedReport();
    r.apis[0].reasons = [{ kind: 'cache-added', text: 'stage "x|y" added @team <b>' }];
    const md = renderCostMarkdown(r);
    expect(md).toContain('x\\|y');
    expect(md).not.toContain('@team');
    expect(md).not.toContain('<b>');
  });
});

describe('cost headline', () => {
  it('says plainly when no API changes', async () => {
    const { costDelta, EMBEDDED_PRICES } = await import('../../../src/cost/index.js');
    const { gateway, snapshot } = await import('../../helpers/model-builders.js');
    const { rest, declared, usageOf, M } = await import('./fixtures.js');
    const report = costDelta({
      desired: gateway([rest('a')], 'us-east-1'),
      live: snapshot([rest('a')], { region: 'us-east-1' }),
      usage: usageOf({ a: declared(1 * M) }),
      prices: EMBEDDED_PRICES,
    });
    expect(renderCostText(report).split('\n')[2]).toBe('No API changes; monthly cost stays at $3.50.');
  });
});
