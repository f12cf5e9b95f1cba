import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../../src/plan/build.js';
import { PlanFileError } from '../../../src/plan/errors.js';
import { parsePlan, serializePlan } from '../../../src/plan/serialize.js';
import { DryRunExecutor } from '../../../src/plan/dry-run.js';
import { walkPlan } from '../../../src/plan/walk.js';
import { api, gateway, route, snapshot, stage } from '../../helpers/model-builders.js';

const plan = () =>
  buildPlan({
    desired: gateway([
      api('shop', 'RestApi', {
        stages: { prod: stage('prod') },
        routes: [route('RestApi', 'GET', '/a')],
        secrets: ['pw'],
      }),
    ]),
    live: snapshot([]),
    now: new Date('2026-11-23T09:00:00Z'),
  });

describe('plan serialization', () => {
  it('round-trips a plan', () => {
    const p = plan();
    expect(JSON.parse(JSON.stringify(parsePlan(serializePlan(p))))).toEqual(JSON.parse(JSON.stringify(p)));
  });

  it('a plan read back from its file walks exactly like the original (apply plan.json)', async () => {
    const p = plan();
    const fromFile = new DryRunExecutor();
    const original = new DryRunExecutor();
    await walkPlan(parsePlan(serializePlan(p)), fromFile);
    await walkPlan(p, original);
    expect(fromFile.calls).toEqual(original.calls);
    expect(fromFile.calls.at(-1)).toMatchObject({ kind: 'deploy', apiKey: 'shop', stages: ['prod'] });
  });

  const bad: [string, (text: string) => string, RegExp][] = [
    ['not JSON', () => 'plan: yes', /is not JSON/],
    ['a foreign JSON file', () => '{"name":"package"}', /is not an apigw-sync plan/],
    ['a JSON array', () => '[]', /is not an apigw-sync plan/],
    [
      'another version',
      (t) => t.replace('"version": 1', '"version": 2'),
      /format version 2; this apigw-sync reads version 1/,
    ],
    [
      'a broken fingerprint',
      (t) => t.replace(/"fingerprint": "[0-9a-f]+"/, '"fingerprint": "abc"'),
      /fingerprint: a sha256 in hex/,
    ],
    ['an unknown action', (t) => t.replace('"action": "create"', '"action": "explode"'), /steps\.0\.change\.action/],
    ['an edited summary', (t) => t.replace('"add": 4', '"add": 1'), /summary does not match its steps/],
    [
      'a removed step',
      (t) => {
        const o = JSON.parse(t);
        o.steps.splice(0, 1);
        return JSON.stringify(o);
      },
      /seq 2: steps must be numbered/,
    ],
  ];
  it.each(bad)('refuses %s with a clear PlanFileError', (_name, mangle, message) => {
    const text = mangle(serializePlan(plan()));
    expect(() => parsePlan(text, { file: 'plan.json' })).toThrow(PlanFileError);
    expect(() => parsePlan(text, { file: 'plan.json' })).toThrow(message);
    try {
      parsePlan(text, { file: 'plan.json' });
    } catch (e) {
      expect((e as PlanFileError).message.startsWith('plan.json: ')).toBe(true);
      expect((e as PlanFileError).hint).toBeTruthy();
    }
  });
});
