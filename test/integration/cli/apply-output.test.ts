/** What `apply` prints when it stops part-way: exactly what was done and what is left (golden). */
import { describe, expect, it } from 'vitest';
import { formatApplyResult, exitCode } from '../../../src/cli/apply.js';
import type { ApplyResult } from '../../../src/engine/index.js';
import type { Change } from '../../../src/model/change.js';
import { AwsCallError } from '../../../src/model/errors.js';
import { expectGolden } from '../../helpers/golden.js';

const change = (apiKey: string, target: Change['target'], action: Change['action'], name: string): Change => ({
  id: `${apiKey}/${target}/${name}`,
  apiKey,
  apiKind: 'RestApi',
  target,
  action,
  name,
  fields: [],
  flags: { redeploy: true, breaking: false, destructive: action === 'delete', reasons: [] },
});

describe('apply output', () => {
  it('a failed apply lists the failure, what was done and every step and deployment left', () => {
    const error = new AwsCallError('PutIntegration', 'BadRequestException', 'Invalid HTTP endpoint specified for URI', {
      hint: 'AWS rejected the request; check the value named in the message in gateway-state',
    });
    const r: ApplyResult = {
      status: 'failed',
      issues: [],
      issuesText: '',
      resumed: [],
      done: [{ seq: 1, change: change('shop', 'route', 'create', 'GET /users') }],
      deployed: [{ apiKey: 'events', stages: ['live'] }],
      remaining: {
        steps: [
          { seq: 2, change: change('shop', 'integration', 'create', 'GET /users') },
          { seq: 3, change: change('shop', 'route', 'delete', 'GET /old') },
        ],
        deployments: [{ apiKey: 'shop', stages: ['prod'] }],
      },
      failures: [{ apiKey: 'shop', message: error.describe(), error }],
      writes: 7,
    };
    expect(exitCode(r)).toBe(1);
    expectGolden('cli/apply-failed.txt', formatApplyResult(r));
  });
});
