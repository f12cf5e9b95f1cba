import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../../src/plan/build.js';
import { checkApprovedState } from '../../../src/plan/approved-state.js';
import {
  desiredStateDigest,
  environmentDigestKey,
  environmentsDigest,
  planFingerprint,
} from '../../../src/plan/fingerprint.js';
import { api, clone, gateway, route, snapshot, stage } from '../../helpers/model-builders.js';

const NOW = new Date('2026-11-23T09:00:00Z');
const shop = (v = 'v1') =>
  api('shop', 'RestApi', {
    stages: { prod: stage('prod', { variables: { backendVersion: v } }) },
    routes: [route('RestApi', 'GET', '/x')],
  });
const events = (path = '/e') =>
  api('events', 'HttpApi', { stages: { prod: stage('prod') }, routes: [route('HttpApi', 'GET', path)] });

describe('desiredStateDigest', () => {
  it('depends on gateway-state only, not on AWS: the plan fingerprint moves with AWS, the desired one does not', () => {
    const desired = gateway([shop('v2')]);
    const before = snapshot([shop('v1')]);
    const after = snapshot([shop('v2')]);
    expect(planFingerprint(desired, before)).not.toBe(planFingerprint(desired, after));
    expect(desiredStateDigest(desired)).toEqual(desiredStateDigest(clone(desired)));
    expect(desiredStateDigest(desired).fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.values(desiredStateDigest(desired).apis)[0]).toMatch(/^[0-9a-f]{32}$/);
  });

  it('binds each API hash to the region', () => {
    expect(desiredStateDigest(gateway([shop()], 'us-east-1')).apis.shop).not.toBe(
      desiredStateDigest(gateway([shop()], 'ap-northeast-2')).apis.shop,
    );
  });
});

describe('checkApprovedState', () => {
  const table: {
    name: string;
    approved: () => ReturnType<typeof gateway>;
    merged: () => ReturnType<typeof gateway>;
    live: () => ReturnType<typeof snapshot>;
    perApi: boolean;
    ok: boolean | string[];
  }[] = [
    {
      name: 'exact: the approved state, whatever AWS holds now',
      approved: () => gateway([shop('v2')]),
      merged: () => gateway([shop('v2')]),
      live: () => snapshot([shop('v9')]),
      perApi: false,
      ok: true,
    },
    {
      name: 'a later push changed the state (no per-API hashes)',
      approved: () => gateway([shop('v2')]),
      merged: () => gateway([shop('v3')]),
      live: () => snapshot([shop('v1')]),
      perApi: false,
      ok: ['shop'],
    },
    {
      name: 'second of two PRs from the same main: the other API is already live, this one is as approved',
      approved: () => gateway([shop('v1'), events('/new')]),
      merged: () => gateway([shop('v2'), events('/new')]),
      live: () => snapshot([shop('v2'), events('/e')]),
      perApi: true,
      ok: true,
    },
    {
      name: 'an API changed by the merge that nobody approved (and not live) is refused',
      approved: () => gateway([shop('v1'), events('/new')]),
      merged: () => gateway([shop('v2'), events('/new')]),
      live: () => snapshot([shop('v1'), events('/e')]),
      perApi: true,
      ok: ['shop'],
    },
    {
      name: 'a delete that was approved',
      approved: () => gateway([shop()]),
      merged: () => gateway([shop()]),
      live: () => snapshot([shop(), events()]),
      perApi: true,
      ok: true,
    },
    {
      name: 'a delete that was not approved',
      approved: () => gateway([shop(), events()]),
      merged: () => gateway([shop('v2')]),
      live: () => snapshot([shop('v2'), events()]),
      perApi: true,
      ok: ['events'],
    },
  ];
  for (const t of table) {
    it(t.name, () => {
      const approvedDigest = desiredStateDigest(t.approved());
      const approved = t.perApi ? approvedDigest : { fingerprint: approvedDigest.fingerprint };
      const merged = t.merged();
      const plan = buildPlan({ desired: merged, live: t.live(), now: NOW });
      const r = checkApprovedState(plan, merged, approved);
      if (t.ok === true) expect(r.ok).toBe(true);
      else expect(r).toMatchObject({ ok: false, unreviewed: t.ok });
    });
  }

  it('per-API hashes from another region never match', () => {
    const approved = { ...desiredStateDigest(gateway([shop('v1'), events('/new')])), region: 'us-east-1' };
    const merged = gateway([shop('v2'), events('/new')]);
    const r = checkApprovedState(
      buildPlan({ desired: merged, live: snapshot([shop('v2')]), now: NOW }),
      merged,
      approved,
    );
    expect(r.ok).toBe(false);
  });
});

describe('approved state with environments', () => {
  const inEnv = (environment: string, region: string, v: string) => ({ ...gateway([shop(v)], region), environment });
  const approvedAll = () =>
    environmentsDigest({
      [environmentDigestKey('dev', 'us-east-1')]: desiredStateDigest(inEnv('dev', 'us-east-1', 'v2')),
      [environmentDigestKey('prod', 'ap-northeast-2')]: desiredStateDigest(inEnv('prod', 'ap-northeast-2', 'v2')),
    });

  it('one fingerprint over every environment, independent of the order they were digested in', () => {
    const a = approvedAll();
    const b = environmentsDigest(Object.fromEntries(Object.entries(a.environments!).reverse()));
    expect(a.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(b.fingerprint).toBe(a.fingerprint);
    const changed = environmentsDigest({
      ...a.environments!,
      'dev/us-east-1': desiredStateDigest(inEnv('dev', 'us-east-1', 'v3')),
    });
    expect(changed.fingerprint).not.toBe(a.fingerprint);
  });

  it("each environment's apply checks its own part of the approval", () => {
    const prod = inEnv('prod', 'ap-northeast-2', 'v2');
    const plan = buildPlan({ desired: prod, live: snapshot([shop('v1')]), now: NOW });
    expect(checkApprovedState(plan, prod, approvedAll())).toMatchObject({ ok: true, how: 'exact' });
  });

  it('an environment changed after the review is refused, naming what was not approved', () => {
    const prod = inEnv('prod', 'ap-northeast-2', 'v3');
    const plan = buildPlan({ desired: prod, live: snapshot([shop('v1')]), now: NOW });
    expect(checkApprovedState(plan, prod, approvedAll())).toMatchObject({ ok: false, unreviewed: ['shop'] });
  });

  it('an environment (or a region of one) the review never saw is refused', () => {
    const staging = inEnv('staging', 'eu-central-1', 'v2');
    const plan = buildPlan({ desired: staging, live: snapshot([shop('v1')]), now: NOW });
    const r = checkApprovedState(plan, staging, approvedAll());
    expect(r).toMatchObject({ ok: false, unreviewed: ['shop'] });
    expect(r.ok === false && r.why).toContain('staging/eu-central-1');
  });
});
