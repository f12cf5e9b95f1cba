import { describe, expect, it } from 'vitest';
import type { RolloutPolicy } from '../../../src/model/api.js';
import type { AlarmReading } from '../../../src/rollout/decide.js';
import { resumeRollout, runRollout } from '../../../src/rollout/driver.js';
import type { RolloutEvent } from '../../../src/rollout/events.js';
import type { Clock, RolloutPort, StageDeployment } from '../../../src/rollout/port.js';
import type { RolloutRecord } from '../../../src/rollout/record.js';

/** An in-memory stage: enough to check that the driver leaves it promoted or exactly as before. */
class FakePort implements RolloutPort {
  stage: StageDeployment = { deploymentId: 'old' };
  record?: RolloutRecord;
  calls: string[] = [];
  alarmScript: Array<AlarmReading[] | Error> = [];
  requests = 1000;
  crashOn?: string;
  constructor(
    readonly kind: 'RestApi' | 'HttpApi' = 'RestApi',
    readonly label = 'shop/prod',
  ) {}
  private step(name: string) {
    this.calls.push(name);
    if (this.crashOn === name) throw new Error(`crash in ${name}`);
  }
  async readStage() {
    return structuredClone(this.stage);
  }
  async startCanary(percent: number) {
    this.step(`startCanary ${percent}`);
    if (this.kind === 'RestApi' && this.stage.deploymentId) this.stage.canary = { deploymentId: 'new', percent };
    else this.stage.deploymentId = 'new';
    return { deploymentId: 'new' };
  }
  async setCanaryPercent(p: number) {
    this.step(`setCanaryPercent ${p}`);
    this.stage.canary!.percent = p;
  }
  async promote(r: RolloutRecord) {
    this.step('promote');
    this.stage = { deploymentId: r.canaryDeploymentId };
  }
  async rollback(r: RolloutRecord) {
    this.step('rollback');
    this.stage = { deploymentId: r.previousDeploymentId };
  }
  async readAlarms() {
    const next = this.alarmScript.length > 1 ? this.alarmScript.shift()! : (this.alarmScript[0] ?? []);
    if (next instanceof Error) throw next;
    return next;
  }
  readonly alarmNames = ['a5xx'];
  policy?: RolloutPolicy;
  /** Called after each record write: lets a test play a rival driver writing in between. */
  afterSave?: (r: RolloutRecord) => void;
  windows: number[] = [];
  async canaryRequests(from: number) {
    this.windows.push(from);
    return this.requests;
  }
  async loadRecord() {
    return this.record && structuredClone(this.record);
  }
  async loadPolicy() {
    return this.policy && structuredClone(this.policy);
  }
  begunWith?: RolloutPolicy;
  async beginRecord(r: RolloutRecord, p: RolloutPolicy) {
    this.policy = this.begunWith = structuredClone({ ...p, alarms: this.alarmNames });
    this.record = structuredClone(r);
    this.afterSave?.(r);
  }
  async saveRecord(r: RolloutRecord) {
    this.record = structuredClone(r);
    this.afterSave?.(r);
  }
  async clearRecord() {
    this.record = undefined;
    this.policy = undefined;
  }
}

function fakeClock(): Clock & { t: number } {
  const c = {
    t: 1_700_000_000_000,
    now: () => c.t,
    sleep: async (ms: number) => {
      c.t += ms;
    },
  };
  return c;
}

const policy: RolloutPolicy = {
  stage: 'prod',
  steps: [10, 50, 100],
  bakeSeconds: 20,
  pollSeconds: 5,
  minRequests: 10,
  timeoutSeconds: 300,
  onInsufficientData: 'rollback',
  onAlarmReadError: 'rollback',
  leaseSeconds: 15,
  alarms: ['a5xx'],
  managedAlarms: [],
};
const OK: AlarmReading[] = [{ name: 'a5xx', state: 'OK' }];

async function run(
  port: FakePort,
  over: Partial<RolloutPolicy> = {},
  signal?: AbortSignal,
  o: { driver?: string; clock?: ReturnType<typeof fakeClock> } = {},
) {
  const events: RolloutEvent[] = [];
  const clock = o.clock ?? fakeClock();
  const outcome = await runRollout({
    port,
    policy: { ...policy, ...over },
    clock,
    driver: o.driver ?? 'cli:me',
    signal,
    onEvent: (e) => events.push(e),
  });
  return { outcome, events: events.filter((e) => e.type !== 'rollout.phase'), all: events, clock };
}

describe('runRollout', () => {
  it('steps through every percentage and promotes when alarms stay OK', async () => {
    const port = new FakePort();
    port.alarmScript = [OK];
    const { outcome, events } = await run(port);
    expect(outcome).toEqual({ kind: 'promoted', deploymentId: 'new' });
    expect(port.calls).toEqual(['startCanary 10', 'setCanaryPercent 50', 'setCanaryPercent 100', 'promote']);
    expect(port.stage).toEqual({ deploymentId: 'new' });
    expect(port.record).toBeUndefined();
    expect(events.filter((e) => e.type === 'rollout.step').map((e) => (e as { percent: number }).percent)).toEqual([
      50, 100,
    ]);
  });

  it('rolls back at the first step when an alarm fires, leaving the stage as before', async () => {
    const port = new FakePort();
    port.alarmScript = [OK, [{ name: 'a5xx', state: 'ALARM', value: 9, threshold: 1 }]];
    const { outcome, events } = await run(port);
    expect(outcome).toMatchObject({ kind: 'rolled-back', message: 'alarm a5xx is in ALARM (value 9, threshold 1)' });
    expect(port.calls).toEqual(['startCanary 10', 'rollback']);
    expect(port.stage).toEqual({ deploymentId: 'old' });
    expect(port.record).toBeUndefined();
    expect(events.at(-1)).toMatchObject({ type: 'rollout.rolled-back', restoredDeploymentId: 'old' });
  });

  it('rolls back when the alarms cannot be read', async () => {
    const port = new FakePort();
    port.alarmScript = [new Error('AccessDenied on DescribeAlarms')];
    const { outcome } = await run(port);
    expect(outcome).toMatchObject({ kind: 'rolled-back', reason: { kind: 'alarm-unreadable' } });
    expect(port.stage).toEqual({ deploymentId: 'old' });
  });

  it('rolls back after the timeout when alarms never have data', async () => {
    const port = new FakePort();
    port.alarmScript = [[{ name: 'a5xx', state: 'INSUFFICIENT_DATA' }]];
    const { outcome, clock } = await run(port);
    expect(outcome).toMatchObject({ kind: 'rolled-back', reason: { kind: 'insufficient-data', alarms: ['a5xx'] } });
    expect(clock.t - 1_700_000_000_000).toBe(300_000);
  });

  it('rolls back on Ctrl-C', async () => {
    const port = new FakePort();
    port.alarmScript = [OK];
    const ac = new AbortController();
    ac.abort();
    const { outcome } = await run(port, {}, ac.signal);
    expect(outcome).toMatchObject({ kind: 'rolled-back', reason: { kind: 'interrupted' } });
    expect(port.stage).toEqual({ deploymentId: 'old' });
  });

  it('rolls back when a step fails', async () => {
    const port = new FakePort();
    port.alarmScript = [OK];
    port.crashOn = 'setCanaryPercent 50';
    const { outcome } = await run(port);
    expect(outcome).toMatchObject({
      kind: 'rolled-back',
      reason: { kind: 'error', detail: 'crash in setCanaryPercent 50' },
    });
    expect(port.stage).toEqual({ deploymentId: 'old' });
  });

  it('deploys directly when the stage serves nothing yet', async () => {
    const port = new FakePort();
    port.stage = {};
    const { outcome } = await run(port);
    expect(outcome.kind).toBe('deployed-directly');
    expect(port.stage).toEqual({ deploymentId: 'new' });
  });

  it('refuses a canary it did not start', async () => {
    const port = new FakePort();
    port.stage = { deploymentId: 'old', canary: { deploymentId: 'x', percent: 5 } };
    await expect(run(port)).rejects.toThrow(/did not start/);
  });

  it('HTTP APIs deploy and bake in one step and say they cannot split traffic', async () => {
    const port = new FakePort('HttpApi', 'events/prod');
    port.alarmScript = [OK];
    const { outcome, events } = await run(port);
    expect(outcome.kind).toBe('promoted');
    expect(port.calls).toEqual(['startCanary 100', 'promote']);
    expect(events[0]).toMatchObject({ type: 'rollout.started', kind: 'deploy-and-bake', steps: [100] });
    expect((events[0] as { note: string }).note).toMatch(/cannot split traffic/);
  });

  // A crash anywhere leaves a record; the next run finishes the job from it.
  describe.each([
    ['promote', 'promoted'],
    ['rollback', 'rolled-back'],
  ])('crash in %s, then resume', (crashAt, expected) => {
    it(`ends ${expected}`, async () => {
      const port = new FakePort();
      port.alarmScript = crashAt === 'rollback' ? [[{ name: 'a5xx', state: 'ALARM' }]] : [OK];
      port.crashOn = crashAt;
      // The "process" dies: a crash inside promote/rollback propagates (the record stays behind).
      const first = await run(port).catch((e: Error) => ({ crashed: e.message }));
      expect(first).toEqual({ crashed: `crash in ${crashAt}` });
      expect(port.record?.phase).toBe(crashAt === 'promote' ? 'promoting' : 'rolling-back');
      port.crashOn = undefined;
      const { outcome, events } = await run(port);
      expect(events[0]).toMatchObject({ type: 'rollout.resumed' });
      expect(outcome.kind).toBe(expected);
      expect(port.record).toBeUndefined();
      expect(port.stage).toEqual({ deploymentId: expected === 'promoted' ? 'new' : 'old' });
    });
  });

  it('resumes a baking rollout from its recorded step after a hard kill', async () => {
    const port = new FakePort();
    port.alarmScript = [OK];
    port.stage = { deploymentId: 'old', canary: { deploymentId: 'new', percent: 50 } };
    port.record = {
      phase: 'baking',
      step: 1,
      startedAt: 1_700_000_000_000,
      stepStartedAt: 1_700_000_000_000,
      canaryDeploymentId: 'new',
      previousDeploymentId: 'old',
      fingerprint: '',
      driver: '',
      leaseUntil: 0,
    };
    const { outcome } = await run(port);
    expect(outcome.kind).toBe('promoted');
    expect(port.calls).toEqual(['setCanaryPercent 100', 'promote']);
  });
});

const T = 1_700_000_000_000;
const baking = (over: Partial<RolloutRecord> = {}): RolloutRecord => ({
  phase: 'baking',
  step: 0,
  startedAt: T,
  stepStartedAt: T,
  canaryDeploymentId: 'new',
  previousDeploymentId: 'old',
  fingerprint: '',
  driver: 'cli:dead',
  leaseUntil: T - 1,
  ...over,
});

describe('leases: one driver at a time, a dead one replaced', () => {
  it('records `starting` before creating the deployment, then renews its lease at every poll', async () => {
    const port = new FakePort();
    port.alarmScript = [OK];
    const written: RolloutRecord[] = [];
    port.afterSave = (r) => written.push(structuredClone(r));
    const { outcome } = await run(port);
    expect(outcome.kind).toBe('promoted');
    expect(written[0]).toMatchObject({ phase: 'starting', canaryDeploymentId: '', driver: 'cli:me' });
    expect(written[1]).toMatchObject({ phase: 'baking', canaryDeploymentId: 'new' });
    const leases = written.map((r) => r.leaseUntil);
    expect(leases).toEqual([...leases].sort((a, b) => a - b));
    expect(new Set(leases).size).toBeGreaterThan(5);
    expect(port.begunWith).toMatchObject({ steps: [10, 50, 100], leaseSeconds: 15, alarms: ['a5xx'] });
  });

  it('leaves a rollout alone while another driver holds its lease', async () => {
    const port = new FakePort();
    port.stage = { deploymentId: 'old', canary: { deploymentId: 'new', percent: 10 } };
    port.record = baking({ driver: 'app:alive', leaseUntil: T + 60_000 });
    const { outcome, events } = await run(port);
    expect(outcome).toMatchObject({ kind: 'not-driven', reason: 'busy', driver: 'app:alive' });
    expect(port.calls).toEqual([]);
    expect(port.record?.driver).toBe('app:alive');
    expect(events.at(-1)).toMatchObject({ type: 'rollout.not-driven', reason: 'busy' });
  });

  it('takes over a rollout whose lease expired, with the policy it was started with', async () => {
    const port = new FakePort();
    port.alarmScript = [OK];
    port.stage = { deploymentId: 'old', canary: { deploymentId: 'new', percent: 10 } };
    port.record = baking();
    port.policy = { ...policy, steps: [10, 100], alarms: ['a5xx'] };
    const { outcome, events } = await run(port, { steps: [10, 50, 100] }, undefined, { driver: 'app:replica-2' });
    expect(outcome.kind).toBe('promoted');
    expect(events[0]).toMatchObject({
      type: 'rollout.resumed',
      phase: 'baking',
      previousDriver: 'cli:dead',
      why: `its lease expired at ${new Date(T - 1).toISOString()}`,
    });
    expect(port.calls).toEqual(['setCanaryPercent 100', 'promote']);
  });

  it('a rival whose take-over landed last wins the race: this driver backs off without acting', async () => {
    const port = new FakePort();
    port.stage = { deploymentId: 'old', canary: { deploymentId: 'new', percent: 10 } };
    port.record = baking();
    port.afterSave = (r) => {
      if (r.driver === 'app:replica-1') port.record = baking({ driver: 'app:replica-2', leaseUntil: T + 999_000 });
    };
    const { outcome } = await run(port, {}, undefined, { driver: 'app:replica-1' });
    expect(outcome).toMatchObject({ kind: 'not-driven', reason: 'busy', driver: 'app:replica-2' });
    expect(port.calls).toEqual([]);
  });

  it('a driver taken over while it drives stops at its next poll, touching nothing', async () => {
    const port = new FakePort();
    port.alarmScript = [OK];
    let saves = 0;
    port.afterSave = () => {
      if (++saves === 4) port.record = { ...port.record!, driver: 'app:new-owner' };
    };
    const { outcome } = await run(port);
    expect(outcome).toMatchObject({ kind: 'not-driven', reason: 'superseded', driver: 'app:new-owner' });
    expect(port.calls).toEqual(['startCanary 10']);
    expect(port.stage.canary).toEqual({ deploymentId: 'new', percent: 10 });
  });

  it.each([
    [
      'REST, the canary went live before the crash: adopted',
      'RestApi',
      { deploymentId: 'old', canary: { deploymentId: 'c9', percent: 10 } },
      [],
      'c9',
    ],
    ['REST, it had not: created now', 'RestApi', { deploymentId: 'old' }, ['startCanary 10'], 'new'],
    ['HTTP, the stage already serves the new deployment: adopted', 'HttpApi', { deploymentId: 'h9' }, [], 'h9'],
    ['HTTP, it does not: deployed now', 'HttpApi', { deploymentId: 'old' }, ['startCanary 100'], 'new'],
  ] as const)('resumes a `starting` rollout: %s', async (_n, kind, stage, created, canary) => {
    const port = new FakePort(kind);
    port.alarmScript = [OK];
    port.stage = structuredClone(stage) as StageDeployment;
    port.record = baking({ phase: 'starting', canaryDeploymentId: '' });
    const { outcome, events } = await run(port);
    expect(outcome).toEqual({ kind: 'promoted', deploymentId: canary });
    expect(port.calls.filter((c) => c.startsWith('startCanary'))).toEqual(created);
    expect(events.map((e) => e.type).slice(0, 2)).toEqual(['rollout.resumed', 'rollout.started']);
  });

  it('a poll whose lease renewal fails (API Gateway down) decides nothing and rolls nothing back', async () => {
    const port = new FakePort();
    port.alarmScript = [OK];
    let failures = 0;
    const load = port.loadRecord.bind(port);
    port.loadRecord = async () => {
      if (port.record?.phase === 'baking' && port.record.step === 0 && failures < 3) {
        failures++;
        throw new Error('GetTags failed: ServiceUnavailable');
      }
      return load();
    };
    const { outcome, events } = await run(port);
    expect(outcome.kind).toBe('promoted');
    expect(
      events.filter((e) => e.type === 'rollout.poll' && /could not renew the lease/.test(e.waiting ?? '')),
    ).toHaveLength(3);
    expect(port.calls).not.toContain('rollback');
  });

  it('a deployment that fails to start leaves no record behind', async () => {
    const port = new FakePort();
    port.crashOn = 'startCanary 10';
    await expect(run(port)).rejects.toThrow(/crash in startCanary/);
    expect(port.record).toBeUndefined();
  });

  it('resumeRollout never starts a rollout: with no record it reports the rollout gone', async () => {
    const port = new FakePort();
    const outcome = await resumeRollout({ port, policy, clock: fakeClock(), driver: 'app:x' });
    expect(outcome).toMatchObject({ kind: 'not-driven', reason: 'gone' });
    expect(port.calls).toEqual([]);
  });
});

describe('onAlarmReadError and the canary counting window', () => {
  it('`wait 30` rides out a short CloudWatch outage and promotes', async () => {
    const port = new FakePort();
    const outage = new Error('CloudWatch 503');
    port.alarmScript = [OK, outage, outage, OK];
    const { outcome, events } = await run(port, { onAlarmReadError: 'wait 30' });
    expect(outcome.kind).toBe('promoted');
    expect(events.some((e) => e.type === 'rollout.poll' && /alarms unreadable for 5\/30 s/.test(e.waiting ?? ''))).toBe(
      true,
    );
    expect(events[0]).toMatchObject({ type: 'rollout.started', onAlarmReadError: 'wait 30' });
  });

  it('the default rolls back at the first unreadable read', async () => {
    const port = new FakePort();
    port.alarmScript = [OK, new Error('CloudWatch 503'), OK];
    const { outcome } = await run(port);
    expect(outcome).toMatchObject({ kind: 'rolled-back', reason: { kind: 'alarm-unreadable' } });
  });

  it('counts canary requests only from the first whole minute of each step', async () => {
    const port = new FakePort();
    port.alarmScript = [OK];
    const clock = fakeClock();
    clock.t = Date.parse('2026-11-23T10:42:20Z');
    const { events } = await run(port, { bakeSeconds: 50 }, undefined, { clock });
    const stepStarts = [
      Date.parse('2026-11-23T10:42:20Z'),
      ...events.filter((e) => e.type === 'rollout.step').map((e) => Date.parse(e.at)),
    ];
    const polls = events.filter((e): e is Extract<RolloutEvent, { type: 'rollout.poll' }> => e.type === 'rollout.poll');
    expect(polls[0].countedFrom).toBe('2026-11-23T10:43:00.000Z');
    for (const p of polls) {
      const from = Date.parse(p.countedFrom!);
      expect(from % 60_000).toBe(0);
      expect(from).toBeGreaterThanOrEqual(stepStarts[p.step]);
      expect(from - stepStarts[p.step]).toBeLessThan(60_000);
    }
    // Before the step's first whole minute began there was nothing to ask CloudWatch.
    expect(Math.min(...port.windows)).toBe(Date.parse('2026-11-23T10:43:00Z'));
  });
});
