/** Warnings are reported but do not make the state invalid (exit 0). */
import { describe, expect, it } from 'vitest';
import { formatIssuesText, validateFiles } from '../../../src/validate/index.js';

const API = `kind: RestApi
name: a
routes:
  GET /x:
    integration: { type: http_proxy, uri: "https://b.example.com/x" }
stages:
  prod:
    throttling: { rateLimit: 100, burstLimit: 50 }
`;
const run = (api: string) =>
  validateFiles({
    root: 'gs',
    files: new Map([
      ['gateway.yaml', 'region: ap-northeast-2\n'],
      ['apis/a/api.yaml', api],
    ]),
  });

describe('warnings', () => {
  it.each([
    ['burst below rate', API, 'throttling-burst-below-rate', 8],
    ['rollout without alarms', `${API}rollout: { stage: prod, steps: [50, 100] }\n`, 'rollout-no-alarms', 9],
    ['API keys declared on a RestApi', `${API}apiKeys: [partner]\n`, 'not-managed', 9],
    [
      'a standing canary on a REST stage',
      API.replace('    throttling', '    canary: { percentTraffic: 10 }\n    throttling'),
      'not-managed',
      8,
    ],
    [
      'an alarm listed twice',
      `${API}rollout: { stage: prod, steps: [100], alarms: [x, x] }\n`,
      'rollout-alarm-duplicate',
      9,
    ],
  ])('%s', (_name, api, code, line) => {
    const r = run(api);
    expect(r.valid).toBe(true);
    expect(r.issues.filter((i) => i.code === code).map((i) => [i.severity, i.location.line])).toEqual([
      ['warning', line],
    ]);
    expect(formatIssuesText(r.issues, r.files)).toMatch(/gs: valid \(\d warnings?\)\n$/);
  });
});
