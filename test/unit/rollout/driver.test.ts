import { describe, expect, it } from 'vitest';
import type { RolloutPolicy } from '../../../src/model/api.js';
import type { AlarmReading } from '../../../src/rollout/decide.js';
import { runRollout } from '../../../src/rollout/driver.js';
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
  constructor(readonly kind: 'RestApi' | 'HttpApi' = 'RestApi', readonly label = 'shop/prod') {}
  private step(name: string) {
    this.calls.push(name);
    if (this.crashOn === name) throw new Error(`crash in ${name}`);
  }
  async readStage() { return structuredClone(this.stage); }
  async startCanary(percent: number) {
    this.step(`startCanary ${percent}`);
    if (this.kind === 'RestApi' && this.stage.deploymentId) this.stage.canary = { deploymentId: 'new', percent };
    else this.stage.deploymentId = 'new';
    return { deploymentId: 'new' };
  }
  async setCanaryPercent(p: number) { this.step(`setCanaryPercent ${p}`); this.stage.canary!.percent = p; }
  async promote(r: RolloutRecord) {
    this.step('promote');
    this.stage = { deploymentId: r.canaryDeploymentId };
  }
  async rollback(r: RolloutRecord) {
    this.step('rollback');
    this.stage = { deploymentId: r.previousDeploymentId };
  }
  async readAlarms() {
    const next = this.alarmScript.length > 1 ? this.alarmScript.shift()! : this.alarmScript[0] ?? [];
    if (next instanceof Error) throw next;
    return next;
  }
  async canaryRequests() { return this.requests; }
  async loadRecord() { return this.record && structuredClone(this.record); }
  async saveRecord(r?: RolloutRecord) { this.record = r && structuredClone(r); }
}

function fakeClock(): Clock & { t: number } {
  const c = { t: 1_700_000_000_000, now: () => c.t, sleep: async (ms: number) => { c.t += ms; } };
  return c;
}

const policy: RolloutPolicy = {
  stage: 'prod', steps: [10, 50, 100], bakeSeconds: 20, pollSeconds: 5, minRequests: 10,
  timeoutSeconds: 300, onInsufficientData: 'rollback', alarms: ['a5xx'], managedAlarms: [],
};
const OK: AlarmReading[] = [{ name: 'a5xx', state: 'OK' }];

async function run(port: FakePort, over: Partial<RolloutPolicy> = {}, signal?: AbortSignal) {
  const events: RolloutEvent[] = [];
  const clock = fakeClock();
  const outcome = await runRollout({ port, policy: { ...policy, ...over }, clock, signal, onEvent: (e) => events.push(e) });
  return { outcome, events, clock };
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
    expect(events.filter((e) => e.type === 'rollout.step').map((e) => (e as { percent: number }).percent)).toEqual([50, 100]);
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
    expect(outcome).toMatchObject({ kind: 'rolled-back', reason: { kind: 'error', detail: 'crash in setCanaryPercent 50' } });
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
    port.record = { phase: 'baking', step: 1, startedAt: 1_700_000_000_000, stepStartedAt: 1_700_000_000_000, canaryDeploymentId: 'new', previousDeploymentId: 'old', fingerprint: '' };
    const { outcome } = await run(port);
    expect(outcome.kind).toBe('promoted');
    expect(port.calls).toEqual(['setCanaryPercent 100', 'promote']);
  });
});
